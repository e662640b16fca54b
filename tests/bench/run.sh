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
#   3. longrun tests/bench/longrun.sh  a long-running host: hugepages at
#                                    pre-udev vs the seed's recipe, the
#                                    kernel's boot-time reservation and a
#                                    late unit (idle, after a workload)
#   4. scale   tests/bench/scale.sh  planning + matching, 64..4096 functions
# and prints one table, also written as OUTDIR/bench.json (the parts' own
# JSON files sit next to it). Figures are ratios, medians or sizes; none is
# asserted anywhere (make check has no timed test).
#
# Env: BENCH_PARTS (default "size hook longrun scale"), BENCH_REUSE=1 (run
# nothing, print the table from the last run's outputs), and what the parts
# read (BENCH_BOOTS, BENCH_EXTRA_FUNCS, BENCH_KERNELS, BENCH_LR_*,
# SCALE_RUNS, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"

out=$(vmr_abspath "${1:-$VMR_REPO/build/bench}")
parts=" ${BENCH_PARTS:-size hook longrun scale} "
for p in $parts; do
	case $p in size | hook | longrun | scale) ;; *) vmr_die "BENCH_PARTS: unknown part '$p' (size hook longrun scale)" ;; esac
done
mkdir -p "$out"
has() { [[ $parts == *" $1 "* ]]; }

# Only what runs now goes into the table: a part's old output is removed
# before it runs, and the parts not run are left out.
start=$(date +%s.%N)
load_start=$(cut -d' ' -f1-3 /proc/loadavg) # the machine is shared: say how busy
size_json=/dev/null scale_json=/dev/null boots_jsonl=/dev/null lr_jsonl=/dev/null
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
if has hook; then
	[[ $reuse == 1 ]] || "$here/boots.sh" "$out/vm"
	boots_jsonl=$out/vm/boots.jsonl
fi
if has longrun; then
	[[ $reuse == 1 ]] || "$here/longrun.sh" "$out/longrun"
	lr_jsonl=$out/longrun/boots.jsonl
fi
for f in "$size_json" "$scale_json" "$boots_jsonl" "$lr_jsonl"; do
	[[ -f $f || $f == /dev/null ]] || vmr_die "$f missing (BENCH_REUSE=1 needs a previous run)"
done

# --- one JSON ------------------------------------------------------------------
accel=$(cat "$VMR_BUILDDIR/accel" 2>/dev/null || echo unknown)
machine=$(jq -n --arg cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
	--argjson cores "$(nproc)" --argjson mem_gib "$(awk '/^MemTotal/ { printf "%d", $2 / 1048576 }' /proc/meminfo)" \
	--arg accel "$accel" --arg kernel "${VMR_KVER:-$(vmr_kver 2>/dev/null || echo unknown)}" \
	--arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg load_start "$load_start" --arg load_end "$(cut -d' ' -f1-3 /proc/loadavg)" \
	--argjson secs "$(vmr_elapsed "$start")" \
	'{cpu: $cpu, cores: $cores, mem_gib: $mem_gib, qemu_accel: $accel, guest_kernel: $kernel, date: $date,
	  loadavg_start: $load_start, loadavg_end: $load_end, bench_seconds: $secs}')
jq -n --argjson machine "$machine" \
	--slurpfile size "$size_json" --slurpfile scale "$scale_json" \
	--slurpfile boots "$boots_jsonl" --slurpfile lr "$lr_jsonl" '
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
	# one record per approach and boot (a late boot gives two: idle, and
	# after the workload)
	def lr_recs:
		$lr[] | . as $b
		# page_kib and node0_mib come with the tags; a boot that never reached
		# the root has no figures of its own (over-requests are 2M only)
		| {kver, page_kib: (.page_kib // 2048), node0_mib: (.node0_mib // ((.end_blocks // .idle_blocks // null) | if . then . * 2 else null end)),
		   over, booted, requested, up_ms, end_reason, free0_end_kb,
		   node1_held: ([.node1_root // 0, .node1_end // 0] | max)} as $c
		| if .approach == "late" then
			($c + {approach: "late_idle", obtained: .idle_obtained, reserve_us: .idle_us}),
			(if .after_obtained != null then
				$c + {approach: "late_workload", obtained: .after_obtained, obtained_compact: .after_compact_obtained,
				      reserve_us: .after_us, blocks: .after_blocks, blocks_unmovable: .after_blocks_unmovable,
				      blocks_unmovable_idle: .idle_blocks_unmovable, blocks_free: .after_blocks_free,
				      blocks_unknown_only: .after_blocks_unknown_only, gib: .after_gib, gib_unmovable: .after_gib_unmovable,
				      pt_unmovable: .after_pt_Unmovable, pt_movable: .after_pt_Movable,
				      free_kb: .after_free_kb, workload_ms: .wl_workload_ms}
			 else empty end)
		  elif .approach == "seed" then $c + {approach, obtained: .node0_end, reserve_us: ((.hugetlb_init_us // 0) + (.unit_us // 0))}
		  elif .approach == "kernel" then $c + {approach, obtained: .node0_root, reserve_us: .hugetlb_init_us}
		  else $c + {approach, obtained: .node0_root, reserve_us: .early_us} end;
	def lr_table:
		[lr_recs] | group_by([.kver, .page_kib]) | map(
			{kver: .[0].kver, page_kib: .[0].page_kib, node0_mib: (map(.node0_mib) | max),
			 rows: (group_by([.approach, .over])
			        | sort_by(.[0].approach as $a | ["seed", "kernel", "late_idle", "late_workload", "early"] | index($a)) | map(
				{approach: .[0].approach, over: .[0].over, boots: length,
				 requested: .[0].requested, booted: map(.booted), end_reason: map(.end_reason),
				 obtained: map(.obtained), obtained_compact: map(.obtained_compact),
				 node1_held: map(.node1_held), up_ms: map(.up_ms), up_ms_median: (map(.up_ms) | map(select(. != null)) | median),
				 reserve_us: map(.reserve_us), reserve_us_median: (map(.reserve_us) | map(select(. != null)) | median),
				 free0_end_kb: map(.free0_end_kb), blocks: .[0].blocks, blocks_unmovable: map(.blocks_unmovable),
				 blocks_unmovable_idle: map(.blocks_unmovable_idle), blocks_free: map(.blocks_free),
				 blocks_unknown_only: map(.blocks_unknown_only), gib: .[0].gib, gib_unmovable: map(.gib_unmovable),
				 pt_unmovable: map(.pt_unmovable), free_kb: map(.free_kb), workload_ms: map(.workload_ms)}))});
	{machine: $machine, size: ($size[0] // null), scale: ($scale[0] // null),
	 hook: ([("base", "many") as $cfg | {($cfg): {c: hook_row($cfg; "c"), sh: hook_row($cfg; "sh")}}] | add
	        | with_entries(.value += {ratio_total_sh_c: (if .value.c.hook_us and .value.sh.hook_us then .value.sh.hook_us / .value.c.hook_us else null end),
	                                  ratio_overhead_sh_c: (if .value.c.overhead_us and .value.sh.overhead_us then .value.sh.overhead_us / .value.c.overhead_us else null end)})),
	 longrun: lr_table,
	 longrun_boots: $lr,
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
	(if (.longrun | length) > 0 then
	 "3. A long-running host: hugepages for node 0 (the VM\u0027s memory) per boot; times: medians",
	 (.longrun | sort_by(.page_kib, .kver)[] | .page_kib as $kib | (if $kib == 2048 then "2M" else "1G" end) as $ps |
	  "   kernel \(.kver), \($ps) pages, node 0 of \(.node0_mib) MiB, \([.rows[] | select(.over | not) | .requested][0] | n) asked for node 0",
	  "     approach                           node 0 got        node 1 held      to root s  reservation ms",
	  (.rows[] | select(.over | not) |
	   ({seed: "seed: hugepages=2N, unit: node1 0", kernel: "kernel: hugepages=0:N,1:0", late_idle: "late unit, idle",
	     late_workload: "late unit, after the workload", early: "vmreserve-early, pre-udev"}[.approach]) as $lbl |
	   "     \($lbl | pad(34)) \(.obtained | map(n) | join(" ") | pad(17)) \(.node1_held | map(n) | join(" ") | pad(16)) \(.up_ms_median | if . == null then "-" else (. / 100 | round / 10 | tostring) end | pad(10)) \(.reserve_us_median | ms)",
	   (if .approach == "late_workload" then
	    "       with compaction and retries: \(.obtained_compact | map(n) | join(" ")); node 0 then: \(.blocks_unmovable | map(n) | join(" ")) of \(.blocks | n) pageblocks hold an unmovable page (\(.blocks_unmovable_idle | map(n) | join(" ")) when idle), \(.blocks_free | map(n) | join(" ")) wholly free, \(.free_kb | map(. / 1024 | floor | tostring) | join(" ")) MiB free; Unmovable-typed pageblocks \(.pt_unmovable | map(n) | join(" "))\(if $kib != 2048 then "; aligned GiBs holding an unmovable page: \(.gib_unmovable | map(n) | join(" ")) of \(.gib | n)" else "" end)"
	    else empty end)),
	  ([.rows[] | select(.over)] | if length > 0 then
	   "     over-request, \(.[0].requested) pages (all of node 0): " + (map(
	     "\(.approach | sub("_idle"; "")): " + (if .booted[0] then "boots, node 0 got \(.obtained[0] | n), \(.free0_end_kb[0] / 1024 | floor) MiB left free" else "does not boot (\(.end_reason[0] // "no root"))" end)) | join("; "))
	   else empty end)),
	 "" else empty end),
	(if .scale then
	 "4. Scale: planning + matching (--dry-run, host build), median of \(.scale.runs) runs",
	 "   functions nodes  median us  ns per function (above a 0-function tree)",
	 (.scale.rows[] | "   \(.functions | pad(9)) \(.nodes | pad(6)) \(.median_us | n | pad(10)) \(.per_function_ns | n)"),
	 (.scale.growth | to_entries[] | "   \(.key): 512/64 functions \(.value["512/64"])x, 4096/512 \(.value["4096/512"])x (8x = linear)"),
	 "" else empty end)
' "$out/bench.json"
vmr_log "done in $(vmr_elapsed "$start") s; JSON: $out/bench.json"
