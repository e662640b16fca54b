#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/bench/longrun.sh OUTDIR
#
# `make bench`, part 3: what an early reservation buys on a long-running
# host, side by side with the seed's recipe and the kernel's own boot-time
# reservation (see README, "A long-running host"). Real boots of the boot
# tests' machine (initrd/run-qemu.sh) with a second virtio disk of data
# (the page cache comes from a disk, not tmpfs), one "bench case=longrun"
# line per boot into OUTDIR/boots.jsonl (tests/bench/vm/longrun/check.sh).
#
# For each kernel of BENCH_KERNELS (fetch-kernel.sh suites; "default" is
# Debian's 6.1, "bookworm-backports" its 6.12), two nodes of BENCH_LR_MEM
# MiB, N 2M pages for node 0 (half of it: vmreserve's default keep margin
# leaves room for it at pre-udev), BENCH_LR_BOOTS boots of each
# approach:
#   seed     kernel hugepages=2N, then the late unit writes 0 to node 1
#   kernel   kernel hugepages=0:N,1:0
#   late     after boot the late unit writes N (idle); frees it; the
#            workload; writes N again (plain, then compaction + retries)
#   early    rd.vmreserve.hugepages=0:N,1:0 (vmreserve-early, pre-udev)
# and one boot of each with the over-request (node 0's whole memory).
# Then, on the kernels of BENCH_1G_KERNELS, K 1G pages on a 6 GiB node 0
# (the smallest node of this VM with a clean GiB at pre-udev): early, and
# late (idle, after the workload). Every boot has initcall_debug: the
# kernel's log times hugetlb_init.
#
# Env: BENCH_KERNELS ("default bookworm-backports"), BENCH_1G_KERNELS
#      ("default"), BENCH_LR_BOOTS (3), BENCH_LR_MEM (1024), BENCH_LR_PAGES
#      (N), BENCH_LR_OVER (all of node 0), BENCH_LR_1G (K, 3),
#      BENCH_LR_WORKLOAD (UNMOV_MIB:ROUNDS:DROP_EVERY, 5% of node 0:8:16),
#      BENCH_LR_ONLY (a regex of boot names to run, for trying one row),
#      and what initrd/ reads.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"
initrd=$VMR_REPO/initrd

[[ $# -eq 1 ]] || { echo "usage: ${0##*/} OUTDIR" >&2; exit 2; }
out=$(vmr_abspath "$1")
kernels=${BENCH_KERNELS:-default bookworm-backports}
kernels_1g=${BENCH_1G_KERNELS:-default}
boots=${BENCH_LR_BOOTS:-3}
mem=${BENCH_LR_MEM:-1024} # MiB per node, 2M rows
N=${BENCH_LR_PAGES:-$((mem / 4))}
over=${BENCH_LR_OVER:-$((mem / 2))}
K=${BENCH_LR_1G:-3}
wl=${BENCH_LR_WORKLOAD:-$((mem * 5 / 100)):8:16}
only=${BENCH_LR_ONLY:-.}
rm -rf "$out/logs"
mkdir -p "$out/logs"
jsonl=$out/boots.jsonl
: >"$jsonl"

mkdir -p "$VMR_BUILDDIR"
exec 9>"$VMR_BUILDDIR/.boot-test.lock"
flock 9

tool=$out/vmrbench-mem
gcc -std=c11 -Wall -Wextra -Werror -O2 -static -o "$tool.tmp" "$here/vmrbench-mem.c"
if cmp -s "$tool.tmp" "$tool" 2>/dev/null; then rm -f "$tool.tmp"; else mv -f "$tool.tmp" "$tool"; fi

destdir=$out/destdir
rm -rf "$destdir"
make -C "$VMR_REPO" --no-print-directory B="$out/obj" install DESTDIR="$destdir" PREFIX=/usr >/dev/null
cp -a "$here/dracut/49vmrbench" "$destdir/usr/lib/dracut/modules.d/"
cp "$tool" "$destdir/usr/lib/dracut/modules.d/49vmrbench/vmrbench-mem"

# The data disks: non-zero bytes (not a sparse file), 1.25 times node 0,
# made once and kept in the build directory.
data_disk() { # data_disk MIB: prints its path
	local f=$VMR_BUILDDIR/bench-data-$1M.img
	if [[ ! -f $f ]]; then
		vmr_log "making $f ($1 MiB of data)"
		head -c "$(($1 << 20))" /dev/urandom >"$f.tmp"
		mv -f "$f.tmp" "$f"
	fi
	printf '%s\n' "$f"
}
disk2m=$(data_disk $((mem * 5 / 4)))
disk1g=
for s in $kernels_1g; do [[ " $kernels " == *" $s "* ]] && disk1g=$(data_disk 7680); done

# --- one boot ---------------------------------------------------------------------
n=0
# boot NAME TAGS_JSON ARGS [ENV=VALUE...]: boot; a boot that does not reach
# the root's check (over-requests) is recorded as booted=0, not an error.
# An over-request can hang the kernel (no panic): those boots get 150 s
# (the others take 40-120 s here under TCG), and "booted" is whether the
# root's check started.
boot() {
	local name=$1 tags=$2 args=$3 log block line json booted=1 limit=${VMR_TIMEOUT:-300} rc=0
	shift 3
	[[ $name =~ $only ]] || return 0
	n=$((n + 1))
	log=$out/logs/$(printf '%03d' "$n")-$kname-$name.log
	[[ $tags == *'"over":true'* ]] && limit=150
	# A boot that never reaches the root is run once more (as the boot tests
	# do): under TCG on a loaded machine the kernel can panic with "timer
	# doesn't work through Interrupt-remapped IO-APIC" or time out. For an
	# over-request, not reaching the root is the result: run again only for
	# that timer panic.
	for try in 1 2; do
		rc=0
		env "$@" VMR_TIMEOUT="$limit" VMR_INITRD="$img" VMR_ROOTFS="$rootfs" VMR_KVER="$kver" \
			"$initrd/run-qemu.sh" --log "$log" \
			--append "vmr.test=longrun initcall_debug log_buf_len=4M $args" 2>"$log.stderr" || rc=$?
		block=$(tr -d '\r' <"$log" |
			sed -n '/^=== VMRESERVE-RESULT BEGIN ===$/,/^=== VMRESERVE-RESULT END ===$/p')
		grep -qx '=== VMRESERVE-RESULT BEGIN ===' <<<"$block" && break
		[[ $tags == *'"over":true'* ]] && ! grep -q "timer doesn't work through" "$log" && break
		[[ $try == 2 ]] || { cp "$log" "$log.try1"; vmr_log "boot $n ($kname $name) did not reach the root: once more (first log: $log.try1)"; }
	done
	if ! grep -qx '=== VMRESERVE-RESULT END ===' <<<"$block"; then
		[[ $tags == *'"over":true'* ]] || vmr_die "boot $n ($kname $name) did not reach the root: see $log"
		grep -qx '=== VMRESERVE-RESULT BEGIN ===' <<<"$block" || booted=0
		line="bench case=longrun"
	else
		if grep -q '^not ok' <<<"$block" || ! grep -q '^ok' <<<"$block"; then
			grep -E '^(not ok|ok)' <<<"$block" | sed 's/^/    /' >&2 || :
			vmr_die "boot $n ($kname $name) failed: see $log"
		fi
		line=$(grep -m1 '^bench ' <<<"$block") || vmr_die "boot $n ($kname $name): no bench line in $log"
	fi
	# why a boot ended, for the over-request rows
	end=$(tr -d '\r' <"$log" | grep -m1 -oE 'Kernel panic - not syncing: [^]]*|Out of memory: Killed process [0-9]+ \([^)]*\)' || true)
	if [[ -z $end && $rc == 124 ]]; then
		end="hung: no progress in $limit s, last kernel line: $(tr -d '\r' <"$log" | grep -v 'initcall\|calling ' | grep '^\[' | tail -n1 | cut -c1-100)"
	fi
	json=$(sed 's/^bench //' <<<"$line" | tr ' ' '\n' | grep '=' | jq -R 'split("=") | {(.[0]): (.[1] | tonumber? // .)}' |
		jq -s --argjson tags "$tags" --arg kver "$kver" --arg name "$name" --argjson booted "$booted" \
			--arg why "$end" --argjson secs "$(cat "$log.time" 2>/dev/null || echo null)" \
			'add + $tags + {kver: $kver, name: $name, booted: ($booted == 1), end_reason: $why, qemu_s: $secs, log: "'"${log#"$out"/}"'"}')
	jq -c . <<<"$json" >>"$jsonl"
	vmr_log "boot $n $kname $name: booted=$booted ${end:+($end) }${line#bench case=longrun }"
}

# tags APPROACH OVER REQUESTED PAGE_KIB NODE0_MIB
tags() { echo "{\"approach\":\"$1\",\"over\":$2,\"requested\":$3,\"page_kib\":$4,\"node0_mib\":$5}"; }
data() { echo "VMR_QEMU_ARGS=-drive if=none,id=data,file=$1,format=raw,readonly=on -device virtio-blk-pci,drive=data,bus=pcie.0,addr=0x5"; }

for suite in $kernels; do
	s=$suite
	[[ $s == default ]] && s=
	kver=$(VMR_KERNEL_SUITE=$s "$initrd/fetch-kernel.sh")
	kname=$kver
	img=$(VMR_KVER=$kver VMR_DRACUT_ARGS="--add vmrbench" "$initrd/build-initramfs.sh" "$destdir" "$out/initramfs-$kver.img")
	rootfs=$(VMR_KVER=$kver VMR_ROOTFS_EXTRA=$tool "$initrd/build-rootfs.sh" "$out/rootfs-$kver.img" "$here/vm")
	d2=$(data "$disk2m")
	m2=("VMR_MEM0=${mem}M" "VMR_MEM1=${mem}M")
	for ((i = 1; i <= boots; i++)); do
		boot seed "$(tags seed false "$N" 2048 "$mem")" "vmrbench.mode=seed rd.vmreserve=0 hugepages=$((2 * N))" "$d2" "${m2[@]}"
		boot kernel "$(tags kernel false "$N" 2048 "$mem")" "vmrbench.mode=kernel rd.vmreserve=0 hugepages=0:$N,1:0" "$d2" "${m2[@]}"
		boot late "$(tags late false "$N" 2048 "$mem")" "vmrbench.mode=late rd.vmreserve=0 vmrbench.late=2048:$N vmrbench.workload=$wl" "$d2" "${m2[@]}"
		boot early "$(tags early false "$N" 2048 "$mem")" "vmrbench.mode=early rd.vmreserve.hugepages=0:$N,1:0" "$d2" "${m2[@]}"
	done
	boot over-seed "$(tags seed true "$over" 2048 "$mem")" "vmrbench.mode=seed rd.vmreserve=0 hugepages=$((2 * over))" "$d2" "${m2[@]}"
	boot over-kernel "$(tags kernel true "$over" 2048 "$mem")" "vmrbench.mode=kernel rd.vmreserve=0 hugepages=0:$over,1:0" "$d2" "${m2[@]}"
	boot over-late "$(tags late true "$over" 2048 "$mem")" "vmrbench.mode=late rd.vmreserve=0 vmrbench.late=2048:$over vmrbench.workload=0" "$d2" "${m2[@]}"
	boot over-early "$(tags early true "$over" 2048 "$mem")" "vmrbench.mode=early rd.vmreserve.hugepages=0:$over,1:0" "$d2" "${m2[@]}"
	[[ " $kernels_1g " == *" $suite "* ]] || continue
	d1=$(data "$disk1g")
	m6=(VMR_MEM0=6G VMR_MEM1=2G)
	# the same share of the 6 GiB node, in a quarter of the rounds (time)
	IFS=: read -r wl_mib wl_rounds wl_drop <<<"$wl"
	wl1g=$((6144 * wl_mib / mem)):$(((wl_rounds + 3) / 4)):$wl_drop
	for ((i = 1; i <= boots; i++)); do
		boot 1g-late "$(tags late false "$K" 1048576 6144)" "vmrbench.mode=late vmrbench.page_kib=1048576 rd.vmreserve=0 vmrbench.late=1048576:$K vmrbench.workload=$wl1g" "$d1" "${m6[@]}"
		boot 1g-early "$(tags early false "$K" 1048576 6144)" "vmrbench.mode=early vmrbench.page_kib=1048576 vmrbench.gbmap=1 rd.vmreserve.hugepages=0:$K:1G,1:0:1G" "$d1" "${m6[@]}"
	done
done
vmr_log "$n boots; figures in $jsonl, logs in $out/logs"
