#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/bench/run.sh [OUTDIR]   (what `make bench` runs; OUTDIR: build/bench)
#
# Measures what "tiny and early" buys, all in one run on this machine:
#   1. size    tests/bench/size.sh   the binary (klcc, musl, glibc builds)
#                                    and the shell route's files
#   2. hook    tests/bench/boots.sh  our pre-udev hook vs a POSIX-sh hook in
#                                    the same QEMU machine, medians of boots
#   3. yield   tests/bench/boots.sh  hugepages at pre-udev vs after boot
#   4. scale   tests/bench/scale.sh  planning + matching, 64..4096 functions
# and prints one table, also written as OUTDIR/bench.json (the parts' own
# JSON files sit next to it). Figures are ratios, medians or sizes; none is
# asserted anywhere (make check has no timed test).
#
# Env: BENCH_PARTS (default "size hook yield scale"), BENCH_REUSE=1 (run
# nothing, print the table from the last run's outputs), and what the parts
# read (BENCH_BOOTS, BENCH_YIELD_BOOTS, BENCH_EXTRA_FUNCS, SCALE_RUNS, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"

out=$(vmr_abspath "${1:-$VMR_REPO/build/bench}")
parts=" ${BENCH_PARTS:-size hook yield scale} "
for p in $parts; do
	case $p in size | hook | yield | scale) ;; *) vmr_die "BENCH_PARTS: unknown part '$p' (size hook yield scale)" ;; esac
done
mkdir -p "$out"
has() { [[ $parts == *" $1 "* ]]; }

# Only what runs now goes into the table: a part's old output is removed
# before it runs, and the parts not run are left out.
start=$(date +%s.%N)
size_json=/dev/null scale_json=/dev/null boots_jsonl=/dev/null
reuse=${BENCH_REUSE:-0} # 1: print the table from the last run's outputs
if has size; then
	if [[ $reuse != 1 ]]; then
		rm -rf "$out/size"
		"$here/size.sh" "$out/size" >"$out/size.txt"
	fi
	size_json=$out/size/size.json
fi
if has scale; then
	if [[ $reuse != 1 ]]; then
		rm -f "$out/scale/scale.json"
		"$here/scale.sh" "$out/scale" >"$out/scale.txt"
	fi
	scale_json=$out/scale/scale.json
fi
if has hook || has yield; then
	only=
	has hook || only=yield
	has yield || only=hook
	[[ $reuse == 1 ]] || BENCH_ONLY=$only "$here/boots.sh" "$out/vm"
	boots_jsonl=$out/vm/boots.jsonl
fi
for f in "$size_json" "$scale_json" "$boots_jsonl"; do
	[[ -f $f || $f == /dev/null ]] || vmr_die "$f missing (BENCH_REUSE=1 needs a previous run)"
done

# --- one JSON ------------------------------------------------------------------
accel=$(cat "$VMR_BUILDDIR/accel" 2>/dev/null || echo unknown)
machine=$(jq -n --arg cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
	--argjson cores "$(nproc)" --argjson mem_gib "$(awk '/^MemTotal/ { printf "%d", $2 / 1048576 }' /proc/meminfo)" \
	--arg accel "$accel" --arg kernel "${VMR_KVER:-$(vmr_kver 2>/dev/null || echo unknown)}" \
	--arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
	'{cpu: $cpu, cores: $cores, mem_gib: $mem_gib, qemu_accel: $accel, guest_kernel: $kernel, date: $date}')
jq -n --argjson machine "$machine" \
	--slurpfile size "$size_json" --slurpfile scale "$scale_json" \
	--slurpfile boots "$boots_jsonl" '
	# the middle figure (of an even count, the upper of the two middle ones)
	def median: sort | if length == 0 then null else .[length / 2 | floor] end;
	def hook_row($cfg; $h):
		[$boots[] | select(.case == "hook" and .config == $cfg and .hook == $h)] as $b
		| {boots: ($b | length), functions: ($b[0].functions // null),
		   hook_us: ([$b[].hook_us] | median),
		   floor_us: ([$b[] | .hugepages_us + .modprobe_us] | median),
		   hugepages_us: ([$b[].hugepages_us] | median),
		   modprobe_us: ([$b[].modprobe_us] | median),
		   overhead_us: ([$b[] | .hook_us - .hugepages_us - .modprobe_us] | median),
		   binary_us: ([$b[].binary_us] | median),
		   outside_us: ([$b[] | .hook_us - .binary_us] | median)};
	def yield_row($kib; $mode; $by):
		[$boots[] | select(.case == "yield" and .page_kib == $kib and .mode == $mode and (.by // "late") == $by)] as $b
		| {boots: ($b | length), requested: [$b[].requested], obtained: [$b[].obtained],
		   obtained_compact: [$b[].obtained_compact], other_nodes: [$b[].other_nodes]};
	{machine: $machine, size: ($size[0] // null), scale: ($scale[0] // null),
	 hook: ([("base", "many") as $cfg | {($cfg): {c: hook_row($cfg; "c"), sh: hook_row($cfg; "sh")}}] | add
	        | with_entries(.value += {ratio_total_sh_c: (if .value.c.hook_us and .value.sh.hook_us then .value.sh.hook_us / .value.c.hook_us else null end),
	                                  ratio_overhead_sh_c: (if .value.c.overhead_us and .value.sh.overhead_us then .value.sh.overhead_us / .value.c.overhead_us else null end)})),
	 yield: {"2M": {early: yield_row(2048; "early"; "vmreserve"), late: yield_row(2048; "late"; "late")},
	         "1G": {early: yield_row(1048576; "early"; "vmreserve"), late: yield_row(1048576; "late"; "late"),
	                kernel_boot_time: yield_row(1048576; "early"; "kernel")}},
	 boots: $boots}' >"$out/bench.json"

# --- the table -------------------------------------------------------------------
jq -r '
	def n: if . == null then "-" else tostring end;
	def ms: if . == null then "-" else (. / 1000 * 10 | round / 10 | tostring) end;
	def x: if . == null then "-" else ((. * 100 | round / 100 | tostring) + "x") end;
	def pad($w): tostring | . + (" " * ([$w - length, 0] | max));
	"vmreserve bench: \(.machine.cores) cores, \(.machine.cpu), QEMU \(.machine.qemu_accel), guest kernel \(.machine.guest_kernel), \(.machine.date)",
	"Figures are sizes, medians of boots or runs, and ratios measured in this run.",
	"",
	(if .size then
	 "1. Size (stripped bytes)",
	 "   vmreserve-early, klcc static     \(.size.klcc.bytes | pad(9)) 1x",
	 "   same sources, musl static        \(.size.musl.bytes | pad(9)) \(.size.musl.bytes / .size.klcc.bytes | x)",
	 "   same sources, glibc static       \(.size.glibc.bytes | pad(9)) \(.size.glibc.bytes / .size.klcc.bytes | x)",
	 "   shell route: dash                \(.size.shell_route.bytes_without_libc_kmod | pad(9)) \(.size.shell_route.bytes_without_libc_kmod / .size.klcc.bytes | x)  (without libc and kmod, which both routes need)",
	 "   shell route: bash                \(.size.shell_route_bash.bytes_without_libc_kmod | pad(9)) \(.size.shell_route_bash.bytes_without_libc_kmod / .size.klcc.bytes | x)  (the dracut systemd images use bash)",
	 "   shell route with its libraries   \(.size.shell_route.bytes | pad(9)) \(.size.shell_route.bytes / .size.klcc.bytes | x)  (a minimal initramfs with no shell and no libc)",
	 "" else empty end),
	(if (.hook.base.c.boots // 0) > 0 then
	 "2. Pre-udev hook time in a real boot (ms, median of \(.hook.base.c.boots) boots per row)",
	 "   PCI functions  hook             total    kernel floor (hugepages + vfio-pci)   overhead",
	 ((["base", "many"][]) as $cfg | .hook[$cfg] as $h | ("c", "sh") as $k | $h[$k] |
	  "   \(.functions | n | pad(14)) \((if $k == "c" then "vmreserve-early" else "POSIX sh" end) | pad(16)) \(.hook_us | ms | pad(8)) \(.floor_us | ms | pad(8)) \("(\(.hugepages_us | ms) + \(.modprobe_us | ms))" | pad(28)) \(.overhead_us | ms)\(if $k == "c" then " (\(.outside_us | ms) outside the binary: hook script, exec, state write)" else "" end)"),
	 ((["base", "many"][]) as $cfg | .hook[$cfg] |
	  "   \(.c.functions | n) functions: sh/vmreserve total \(.ratio_total_sh_c | x), overhead \(.ratio_overhead_sh_c | x)"),
	 "" else empty end),
	(if ((.yield["2M"].early.boots // 0) + (.yield["1G"].early.boots // 0)) > 0 then
	 "3. Hugepage yield on node 0 (obtained of requested, per boot)",
	 (.yield | to_entries[] | .key as $ps | .value | to_entries[] | select(.value.boots > 0) |
	  "   \($ps | pad(3)) \(.key | pad(17)) requested \(.value.requested | map(n) | join(",") | pad(10)) obtained \(.value.obtained | map(n) | join(","))\(if .key == "late" then "; after compaction \(.value.obtained_compact | map(n) | join(","))" else "" end)\(if (.value.other_nodes | add // 0) > 0 then "; on other nodes \(.value.other_nodes | map(n) | join(","))" else "" end)"),
	 "" else empty end),
	(if .scale then
	 "4. Scale: planning + matching (--dry-run, host build), median of \(.scale.runs) runs",
	 "   functions nodes  median us  ns per function (above a 0-function tree)",
	 (.scale.rows[] | "   \(.functions | pad(9)) \(.nodes | pad(6)) \(.median_us | n | pad(10)) \(.per_function_ns | n)"),
	 (.scale.growth | to_entries[] | "   \(.key): 512/64 functions \(.value["512/64"])x, 4096/512 \(.value["4096/512"])x (8x = linear)"),
	 "" else empty end)
' "$out/bench.json"
vmr_log "done in $(vmr_elapsed "$start") s; JSON: $out/bench.json"
