#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/bench/boots.sh OUTDIR
#
# The benchmark's VM part: real boots of the boot tests' machine (Debian
# kernel, dracut systemd initramfs, QEMU q35 with two NUMA nodes and a
# vIOMMU; see initrd/run-qemu.sh), one "bench ..." line of figures per boot
# collected into OUTDIR/boots.jsonl.
#
# Two initramfs images from the same staged install and the same dracut
# run, differing in one file: "c" ships modules.d/50vmreserve as is (the
# hook runs vmreserve-early), "sh" has tests/bench/sh-hook.sh in place of
# vmreserve-hook.sh. Both carry tests/bench/dracut/49vmrbench, which puts
# kernel-log markers right before and after the priority-30 pre-udev hook.
#
#  hook    the same command line (the GPU stand-in's slot + 256 2M pages on
#          node 0) with each image, alternating c/sh, BENCH_BOOTS boots each;
#          then again with BENCH_EXTRA_FUNCS extra PCI functions.
# (The hugepage yield, early against late, is tests/bench/longrun.sh.)
#
# Env: BENCH_BOOTS (5), BENCH_EXTRA_FUNCS (32),
#      BENCH_EXTRA_FUNC_DEV (pci-testdev: no driver claims it),
#      and what initrd/ reads.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"
initrd=$VMR_REPO/initrd

[[ $# -eq 1 ]] || { echo "usage: ${0##*/} OUTDIR" >&2; exit 2; }
out=$(vmr_abspath "$1")
boots=${BENCH_BOOTS:-5}
extra=${BENCH_EXTRA_FUNCS:-32}
extra_dev=${BENCH_EXTRA_FUNC_DEV:-pci-testdev}
rm -rf "$out/logs"
mkdir -p "$out/logs"
jsonl=$out/boots.jsonl
: >"$jsonl"

# --- images ---------------------------------------------------------------------
mkdir -p "$VMR_BUILDDIR"
exec 9>"$VMR_BUILDDIR/.boot-test.lock"
flock 9

mem=$out/vmrbench-mem
gcc -std=c11 -Wall -Wextra -Werror -O2 -static -o "$mem.tmp" "$here/vmrbench-mem.c"
# replaced only when it changed: the images' up-to-date checks hash it
if cmp -s "$mem.tmp" "$mem" 2>/dev/null; then rm -f "$mem.tmp"; else mv -f "$mem.tmp" "$mem"; fi

stage() { # stage DESTDIR HOOK_FILE
	rm -rf "$1"
	make -C "$VMR_REPO" --no-print-directory B="$out/obj" \
		install DESTDIR="$1" PREFIX=/usr >/dev/null
	cp "$2" "$1/usr/lib/dracut/modules.d/50vmreserve/vmreserve-hook.sh"
	cp -a "$here/dracut/49vmrbench" "$1/usr/lib/dracut/modules.d/"
	cp "$mem" "$1/usr/lib/dracut/modules.d/49vmrbench/vmrbench-mem"
}
stage "$out/destdir-c" "$VMR_REPO/modules.d/50vmreserve/vmreserve-hook.sh"
stage "$out/destdir-sh" "$here/sh-hook.sh"
VMR_KVER=$("$initrd/fetch-kernel.sh")
export VMR_KVER
img_c=$(VMR_DRACUT_ARGS="--add vmrbench" "$initrd/build-initramfs.sh" "$out/destdir-c" "$out/initramfs-c.img")
img_sh=$(VMR_DRACUT_ARGS="--add vmrbench" "$initrd/build-initramfs.sh" "$out/destdir-sh" "$out/initramfs-sh.img")
rootfs=$(VMR_ROOTFS_EXTRA=$mem "$initrd/build-rootfs.sh" "$out/rootfs.img" "$here/vm")
export VMR_ROOTFS=$rootfs

# --- one boot ---------------------------------------------------------------------
# boot NAME IMAGE TAGS_JSON ARGS [ENV=VALUE...]: boot, check the result block,
# append its "bench" line (as JSON, with TAGS) to boots.jsonl.
n=0
boot() {
	local name=$1 img=$2 tags=$3 args=$4 log block line json
	shift 4
	n=$((n + 1))
	log=$out/logs/$(printf '%03d' "$n")-$name.log
	# A boot that never reaches the root (under TCG on a loaded machine the
	# kernel can panic with "timer doesn't work through Interrupt-remapped
	# IO-APIC", or time out) is run once more, as the boot tests do.
	for try in 1 2; do
		env "$@" VMR_INITRD="$img" "$initrd/run-qemu.sh" --log "$log" \
			--append "$args log_buf_len=1M" 2>"$log.stderr" || :
		block=$(tr -d '\r' <"$log" |
			sed -n '/^=== VMRESERVE-RESULT BEGIN ===$/,/^=== VMRESERVE-RESULT END ===$/p')
		grep -qx '=== VMRESERVE-RESULT BEGIN ===' <<<"$block" && break
		[[ $try == 2 ]] || { cp "$log" "$log.try1"; vmr_log "boot $n ($name) did not reach the root: once more (first log: $log.try1)"; }
	done
	if ! grep -qx '=== VMRESERVE-RESULT END ===' <<<"$block" ||
		grep -q '^not ok' <<<"$block" || ! grep -q '^ok' <<<"$block"; then
		grep -E '^(not ok|ok)' <<<"$block" | sed 's/^/    /' >&2 || :
		vmr_die "boot $n ($name) failed: see $log"
	fi
	line=$(grep -m1 '^bench ' <<<"$block") || vmr_die "boot $n ($name): no bench line in $log"
	# "bench k=v k=v" to JSON: numbers stay numbers.
	json=$(sed 's/^bench //' <<<"$line" | tr ' ' '\n' | jq -R 'split("=") | {(.[0]): (.[1] | tonumber? // .)}' |
		jq -s --argjson tags "$tags" 'add + $tags')
	jq -c . <<<"$json" >>"$jsonl"
	vmr_log "boot $n $name: ${line#bench }"
}

hook_cmdline="vmr.test=hook rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:256"
for cfg in base many; do
	envs=()
	[[ $cfg == many ]] && envs=(VMR_EXTRA_FUNCS="$extra" VMR_EXTRA_FUNC_DEV="$extra_dev")
	for ((i = 1; i <= boots; i++)); do
		boot "hook-$cfg-c" "$img_c" "{\"config\":\"$cfg\"}" "$hook_cmdline" "${envs[@]}"
		boot "hook-$cfg-sh" "$img_sh" "{\"config\":\"$cfg\"}" "$hook_cmdline" "${envs[@]}"
	done
done

vmr_log "$n boots; figures in $jsonl, logs in $out/logs"
