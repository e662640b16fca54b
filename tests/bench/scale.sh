#!/usr/bin/env bash
# Scale benchmark for vmreserve-early (issue 5, item 4):
#
#   tests/bench/scale.sh OUTDIR
#
# Times planning and matching (--dry-run, host build) against fixture sysfs
# trees with F = 64, 512, 4096 PCI functions and N = 1, 2, 8 NUMA nodes, to
# show that the cost grows linearly with the number of functions.
#
# What it does, all under OUTDIR:
#   vmreserve-early  a plain optimized host build (-O2, no sanitizer) of the
#                    Makefile's EARLY_SRC, rebuilt on every run
#   timeit           tests/bench/timeit.c: posix_spawn + waitpid timed with
#                    CLOCK_MONOTONIC, prints the median and minimum in us
#   trees/fF-nN/     the fixture trees, built once and kept (a stamp file
#                    trees/fF-nN.stamp says which layout version made them;
#                    change TREE_VERSION below when the layout changes).
#                    f0-nN are the baselines: no PCI function at all. The
#                    PCI part is made once per F in trees/.pci-F and
#                    hard-linked into each fF-nN (cp -al): the trees are for
#                    --dry-run only, a real run would write through the
#                    shared files (driver_override) into the other trees.
#   logs/            the output of the checking runs
#   scale.json       the figures; a table goes to stdout
#
# Tree layout (the helpers of tests/fixtures/lib.sh where they fit; the PCI
# functions are written in bulk with the same formats, since a call of
# fx_pci per function would take minutes for 4096): F/32 PCIe root ports
# 8086:2030 on bus 00 (pcieport, an IOMMU group each), each with 31
# endpoints on its own bus: slots 00-02 with 8 functions (VFs of
# 15b3:101e, 8086:154c, 8086:1889), slot 03 with 4 (8086:1572), slots 04-06
# single-function (a 10de:1eb8 GPU, a 8086:0b60 and a 144d:a80a NVMe
# drive); a slot is one IOMMU group. In the first and the last root port's
# bus, slots 04 and 05 hold a 10de:2204 VGA GPU (boot_vga 0) instead: that
# id matches exactly 4 functions whatever F is. Endpoints have no driver
# (pre-udev). F is a multiple of 32, at most 8160 (bus ff).
# The root ports' buses are spread over the nodes in contiguous blocks
# (numa_node); every node has 16 GiB, 15 GiB free, and 2M and 1G hugepages
# directories. DMAR table present.
#
# Every run uses the same kind of command line: the id 10de:2204 (4
# functions), the slot 02:00 (8), the function 01:06.0 (1), and one
# hugepage entry NODE:64 per node. Before timing, each tree is checked:
#   - that command line plans exactly those 13 devices, including the four
#     GPUs in the first and the last bus, plans N hugepage entries, warns
#     about nothing and exits 0 (the baselines: no device, exit 1);
#   - a command line naming every vendor:device id of the tree matches F
#     functions (the devices kept, at most VMR_MAX_DEV = 64, plus the "more
#     matching devices ignored" count): the scan reads every function.
#
# Timing: each tree SCALE_RUNS times (default 31), after 2 untimed warm-up
# runs; the median wall time in us. per_function_ns is
# (median(F,N) - baseline(N)) / F, with baseline(N) the tree with no
# function and the same N (so the N hugepage entries are not counted as
# per-function cost); baseline_us in the JSON is the 1-node one. growth is
# the ratio of those baseline-subtracted medians, 512/64 and 4096/512: 8
# when linear (64 when quadratic); "linear" is true when both ratios lie
# within 8/1.5 .. 8*1.5.
#
# Needs bash, gcc, awk, perl, jq, coreutils, findutils. Env: SCALE_RUNS, CC.
set -euo pipefail

usage() {
	echo "usage: $0 OUTDIR" >&2
	exit 2
}
die() {
	echo "$0: $*" >&2
	exit 1
}
[ $# -eq 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
runs=${SCALE_RUNS:-31}
case $runs in '' | *[!0-9]* | 0*) die "SCALE_RUNS must be a positive integer, not '$runs'" ;; esac
cc=${CC:-gcc}

# shellcheck source-path=SCRIPTDIR source=../fixtures/lib.sh
. "$top/tests/fixtures/lib.sh"

FUNCS=(64 512 4096)
NODES=(1 2 8)
TREE_VERSION=1
PORT_FUNCS=32        # a root port and its 31 endpoints
WANT_DEVICES=13      # 4 by id, 8 by slot, 1 by function
SEL='10de:2204,02:00,01:06.0'
trees=$out/trees
logs=$out/logs
mkdir -p "$trees" "$logs"

# ------------------------------------------------------------------ build

bin=$out/vmreserve-early
timeit=$out/timeit
read -r -a early_src <<<"$(make -s --no-print-directory -C "$top" print-EARLY_SRC)"
read -r -a early_inc <<<"$(make -s --no-print-directory -C "$top" print-EARLY_INC)"
(cd "$top" && "$cc" -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O2 \
	"${early_inc[@]}" -o "$bin" "${early_src[@]}") || die "cannot build vmreserve-early"
"$cc" -std=c11 -Wall -Wextra -Werror -O2 -o "$timeit" "$here/timeit.c" ||
	die "cannot build timeit"

# ------------------------------------------------------------------ trees

# manifest F: one line per function, in bus order:
#   PORT BDF PATH VENDOR DEVICE CLASS HEADER GROUP DRIVER
# PORT is the root port's index (0 .. F/32-1), PATH is below sys/, HEADER
# the config byte 0x0e (0x80: multifunction), DRIVER "-" for none.
manifest() {
	awk -v F="$1" -v PF="$PORT_FUNCS" 'BEGIN {
		OFS = "\t"
		R = F / PF
		nvf = split("15b3:101e 8086:154c 8086:1889", vf, " ")
		g = 0
		for (u = 0; u < R; u++) {
			rp = sprintf("0000:00:%02x.%x", 1 + int(u / 8), u % 8)
			rpath = "devices/pci0000:00/" rp
			print u, rp, rpath, "8086", "2030", "0x060400", 129, ++g, "pcieport"
			for (s = 0; s <= 6; s++) {
				n = s < 3 ? 8 : s == 3 ? 4 : 1
				if (s < 3) {
					id = vf[(u + s) % nvf + 1]; class = "0x020000"
				} else if (s == 3) {
					id = "8086:1572"; class = "0x020000"
				} else if (s < 6 && (u == 0 || u == R - 1)) {
					id = "10de:2204"; class = "0x030000"
				} else if (s == 4) {
					id = "10de:1eb8"; class = "0x030200"
				} else if (s == 5) {
					id = "8086:0b60"; class = "0x010802"
				} else {
					id = "144d:a80a"; class = "0x010802"
				}
				split(id, v, ":")
				g++
				for (f = 0; f < n; f++) {
					bdf = sprintf("0000:%02x:%02x.%x", u + 1, s, f)
					print u, bdf, rpath "/" bdf, v[1], v[2], class,
					    (n > 1 ? 128 : 0), g, "-"
				}
			}
		}
	}'
}

# pci_part F: the PCI functions, IOMMU groups and driver links of every
# tree with F functions, in trees/.pci-F (hard-linked into each fF-nN:
# nothing a tree writes later, fx_root's files, nodes, numa_node, may be
# in it), and its manifest trees/.pci-F.manifest.
pci_part() {
	local f=$1 dir=$trees/.pci-$1 stamp tmp work man key files
	stamp="pci v$TREE_VERSION functions=$f"
	[ -f "$dir.stamp" ] && [ "$(cat "$dir.stamp")" = "$stamp" ] && return 0
	rm -rf "$dir" "$dir.stamp" "$dir.tmp" "$dir.work"
	tmp=$dir.tmp work=$dir.work
	mkdir -p "$tmp" "$work"
	man=$work/manifest
	manifest "$f" >"$man"
	[ "$(wc -l <"$man")" -eq "$f" ] || die "manifest of $f functions is wrong"
	fx_driver "$tmp" pcieport
	(
		cd "$tmp"
		{
			echo sys/bus/pci/devices
			awk '{ print "sys/" $3; print "sys/kernel/iommu_groups/" $8 "/devices" }' "$man"
		} | sort -u | xargs mkdir -p
		# The attribute files, in the kernel's formats (as fx_pci writes).
		awk 'function w(file, text) { print text > file; close(file) }
		{
			d = "sys/" $3
			V = toupper($4); D = toupper($5)
			w(d "/vendor", "0x" $4)
			w(d "/device", "0x" $5)
			w(d "/class", $6)
			w(d "/subsystem_vendor", "0x" $4)
			w(d "/subsystem_device", "0x" $5)
			w(d "/modalias", "pci:v0000" V "d0000" D "sv0000" V "sd0000" D \
			    "bc" toupper(substr($6, 3, 2)) "sc" toupper(substr($6, 5, 2)) \
			    "i" toupper(substr($6, 7, 2)))
			w(d "/driver_override", "(null)")
			if ($6 ~ /^0x0300/)
				w(d "/boot_vga", 0)
			if (!($8 in seen)) {
				seen[$8] = 1
				w("sys/kernel/iommu_groups/" $8 "/type", "DMA")
			}
		}' "$man"
		# config: one fx_config per kind of function, tee'd to all of them.
		awk '{ print $4, $5, $6, $7 }' "$man" | sort -u >"$work/kinds"
		while read -r ven dev class hdr; do
			key=$ven.$dev.$class.$hdr
			fx_config "$work/config.$key" "$ven" "$dev" "$class" "$hdr"
			mapfile -t files < <(awk -v k="$ven $dev $class $hdr" \
				'$4 " " $5 " " $6 " " $7 == k { print "sys/" $3 "/config" }' "$man")
			tee "${files[@]}" <"$work/config.$key" >/dev/null
		done <"$work/kinds"
		# The links, relative like the kernel's (fx_pci's targets): one
		# "TARGET LINK" line each, made by one perl process (a fork of ln
		# per link would take seconds for 4096 functions). UP: as many
		# ../ as PATH has components, from the function's directory.
		awk '{
			up = ""; n = split($3, p, "/")
			for (i = 0; i < n; i++) up = up "../"
			print "../../../" $3, "sys/bus/pci/devices/" $2
			print up "kernel/iommu_groups/" $8, "sys/" $3 "/iommu_group"
			print "../../../../" $3, "sys/kernel/iommu_groups/" $8 "/devices/" $2
			if ($9 != "-") {
				print up "bus/pci/drivers/" $9, "sys/" $3 "/driver"
				print "../../../../" $3, "sys/bus/pci/drivers/" $9 "/" $2
			}
		}' "$man" |
			perl -ne 'chomp; my ($t, $l) = split / /;
				symlink($t, $l) or die "symlink $l: $!\n"'
	)
	[ "$(find "$tmp/sys/bus/pci/devices" -mindepth 1 -maxdepth 1 | wc -l)" -eq "$f" ] ||
		die "pci part of $f functions: wrong number of devices"
	[ -z "$(find "$tmp" -xtype l | head -n 3)" ] ||
		die "pci part of $f functions: dangling links: $(find "$tmp" -xtype l | head -n 3)"
	mv "$tmp" "$dir"
	mv "$man" "$dir.manifest"
	rm -rf "$work"
	printf '%s\n' "$stamp" >"$dir.stamp"
}

# cmdline N: the command line of every run on an N-node tree.
cmdline() {
	local n hp=
	for ((n = 0; n < $1; n++)); do
		hp=$hp${hp:+,}$n:64
	done
	printf 'intel_iommu=on rd.vmreserve.pci=%s rd.vmreserve.hugepages=%s' "$SEL" "$hp"
}

# make_tree F N: trees/fF-nN (F = 0: the baseline, no PCI function).
make_tree() {
	local f=$1 nodes=$2 dir=$trees/f$1-n$2 stamp n
	stamp="tree v$TREE_VERSION functions=$f nodes=$nodes"
	[ -f "$dir.stamp" ] && [ "$(cat "$dir.stamp")" = "$stamp" ] && return 0
	rm -rf "$dir" "$dir.stamp" "$dir.tmp"
	if [ "$f" -gt 0 ]; then
		pci_part "$f"
		cp -al "$trees/.pci-$f" "$dir.tmp"
		# numa_node: the root ports in contiguous blocks over the nodes.
		(cd "$dir.tmp" && awk -v N="$nodes" -v R=$((f / PORT_FUNCS)) \
			'{ f = "sys/" $3 "/numa_node"; print int($1 * N / R) > f; close(f) }' \
			"$trees/.pci-$f.manifest")
	fi
	fx_root "$dir.tmp"
	fx_acpi "$dir.tmp" DMAR
	for ((n = 0; n < nodes; n++)); do
		fx_node "$dir.tmp" "$n" 16777216 15728640
	done
	printf 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet %s\n' "$(cmdline "$nodes")" \
		>"$dir.tmp/proc/cmdline"
	mv "$dir.tmp" "$dir"
	printf '%s\n' "$stamp" >"$dir.stamp"
}

# ----------------------------------------------------------------- checks

# dry_run DIR CMDLINE LOG: one run; prints its exit status.
dry_run() {
	local rc=0
	"$bin" --sysroot "$1" --cmdline "$2" --dry-run >"$3" 2>&1 || rc=$?
	[ "$rc" -le 2 ] || die "$1: exit status $rc (crash?), see $3"
	echo "$rc"
}

# check_tree F N: the checks described at the top; dies loudly on failure.
check_tree() {
	local f=$1 nodes=$2 dir=$trees/f$1-n$2 log rc got last ids kept more a
	log=$logs/f$f-n$nodes.log
	rc=$(dry_run "$dir" "$(cmdline "$nodes")" "$log")
	if [ "$f" -eq 0 ]; then
		[ "$rc" -eq 1 ] || die "$dir: exit $rc, want 1 (see $log)"
		[ "$(grep -c "matched no device" "$log")" -eq 3 ] ||
			die "$dir: want 3 'matched no device' warnings (see $log)"
		grep -q "^vmreserve: partial in [0-9]* us: hugepages $nodes/$nodes entries planned, devices 0/0 planned, 0 command-line errors, exit 1\$" "$log" ||
			die "$dir: unexpected summary (see $log)"
		return 0
	fi
	[ "$rc" -eq 0 ] || die "$dir: exit $rc, want 0 (see $log)"
	got=$(grep -c "would set driver_override" "$log" || true)
	[ "$got" -eq "$WANT_DEVICES" ] ||
		die "$dir: $got devices planned, want $WANT_DEVICES (see $log)"
	last=$(printf '%02x' $((f / PORT_FUNCS)))
	for a in 01:04.0 01:05.0 "$last:04.0" "$last:05.0"; do
		grep -q "^vmreserve: 0000:$a (10de:2204 class 030000, group [0-9]*): would set" "$log" ||
			die "$dir: the GPU 0000:$a was not planned (see $log)"
	done
	got=$(grep -c "would set nr_hugepages" "$log" || true)
	[ "$got" -eq "$nodes" ] || die "$dir: $got hugepage entries planned, want $nodes (see $log)"
	if grep -Eq "matched no device|not viable|refused|cannot|ignored" "$log"; then
		die "$dir: unexpected warning (see $log)"
	fi
	grep -q "^vmreserve: ok in [0-9]* us: hugepages $nodes/$nodes entries planned, devices $WANT_DEVICES/$WANT_DEVICES planned, 0 command-line errors, exit 0\$" "$log" ||
		die "$dir: unexpected summary (see $log)"
	# Every function is read: all the tree's ids match F functions.
	ids=$(cut -f4,5 "$trees/.pci-$f.manifest" | tr '\t' : | sort -u | paste -sd, -)
	log=$logs/f$f-n$nodes.all-ids.log
	rc=$(dry_run "$dir" "rd.vmreserve.pci=$ids" "$log")
	kept=$(sed -n 's/^vmreserve: .* devices [0-9]*\/\([0-9]*\) planned.*/\1/p' "$log")
	more=$(sed -n 's/^vmreserve: \([0-9]*\) more matching devices ignored.*/\1/p' "$log")
	[ -n "$kept" ] || die "$dir: no summary with every id (see $log)"
	[ $((kept + ${more:-0})) -eq "$f" ] ||
		die "$dir: every id matched $kept + ${more:-0} functions, want $f (see $log)"
}

# ----------------------------------------------------------------- timing

t_start=$(date +%s)
echo "building trees in $trees (kept between runs)" >&2
for n in "${NODES[@]}"; do
	make_tree 0 "$n"
	check_tree 0 "$n"
	for f in "${FUNCS[@]}"; do
		make_tree "$f" "$n"
		check_tree "$f" "$n"
	done
done
echo "trees ready and checked after $(($(date +%s) - t_start)) s; timing $runs runs each" >&2

# measure F N: "MEDIAN MIN" of the tree's runs, in us.
measure() {
	local n=$2
	"$timeit" -n "$runs" -w 2 -x $(($1 == 0 ? 1 : 0)) -- "$bin" \
		--sysroot "$trees/f$1-n$n" --cmdline "$(cmdline "$n")" --dry-run ||
		die "timing f$1-n$n failed"
}

results=$out/results.tsv
: >"$results"
for n in "${NODES[@]}"; do
	for f in 0 "${FUNCS[@]}"; do
		t=$(measure "$f" "$n")
		read -r med min <<<"$t"
		printf '%s\t%s\t%s\t%s\n' "$f" "$n" "$med" "$min" >>"$results"
	done
done

# ----------------------------------------------------------------- report

jq -n --argjson runs "$runs" --rawfile tsv "$results" '
	def r1: . * 10 | round / 10;
	def r2: . * 100 | round / 100;
	[$tsv | split("\n")[] | select(length > 0) | split("\t") | map(tonumber)
	 | {functions: .[0], nodes: .[1], median_us: .[2], min_us: .[3]}] as $all
	| ($all | map(select(.functions == 0)) | map({key: (.nodes | tostring),
	   value: .median_us}) | from_entries) as $base
	| ($all | map(select(.functions > 0)
	   | . + {per_function_ns: (((.median_us - $base[.nodes | tostring]) * 1000
	          / .functions) | r1)})) as $rows
	| {runs: $runs,
	   baseline_us: $base["1"],
	   baseline_us_by_nodes: $base,
	   rows: $rows,
	   growth: ([$rows[].nodes] | unique | map(. as $n
	     | [64, 512, 4096] | map(. as $f | $rows[] | select(.nodes == $n
	       and .functions == $f) | .median_us - $base[$n | tostring]) as $t
	     | {key: "nodes\($n)", value: {"512/64": ($t[1] / $t[0] | r2),
	        "4096/512": ($t[2] / $t[1] | r2)}}
	     | .value.linear = ([.value["512/64"], .value["4096/512"]]
	                        | all(. >= 8 / 1.5 and . <= 8 * 1.5)))
	     | from_entries)}
	| .linear = ([.growth[].linear] | all)' >"$out/scale.json"

jq -r '
	"vmreserve-early --dry-run, host -O2 build; median of \(.runs) runs",
	"baseline (no PCI function): " + ([.baseline_us_by_nodes | to_entries[]
	  | "\(.key) node(s) \(.value) us"] | join(", ")),
	"",
	(["functions", "nodes", "median_us", "min_us", "per_function_ns"],
	 (.rows[] | [.functions, .nodes, .median_us, .min_us, .per_function_ns])
	 | map(tostring) | "T " + join(" ")),
	"",
	"growth after subtracting the baseline (8 = linear, 64 = quadratic):",
	(.growth | to_entries[] | "  \(.key): 512/64 = \(.value["512/64"]), " +
	  "4096/512 = \(.value["4096/512"])" +
	  (if .value.linear then "  linear" else "  NOT linear" end)),
	"linear overall: \(.linear)"' "$out/scale.json" |
	awk '$1 == "T" { printf "%9s %5s %10s %10s %15s\n", $2, $3, $4, $5, $6; next }
	{ print }'

echo "wrote $out/scale.json in $(($(date +%s) - t_start)) s" >&2
