#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/boot/suggest.sh: `vmreserve suggest`, proven by booting.
#
# Two boots of the boot tests' QEMU machine (initrd/run-qemu.sh), the same
# kernel, initramfs (with the test module 49vmrtest) and helpers as
# tests/boot/run.sh, in a root image of its own holding the two cases of
# tests/boot/suggest/:
#   1. TEST-S1-suggest, without any rd.vmreserve key: runs `vmreserve
#      suggest` on the GPU stand-in's slot with the default amount (the
#      largest that fits) and prints its keys in the result block
#      ("# vmr-suggest-keys: ...");
#   2. TEST-S2-suggested, with exactly those keys appended: the slot is on
#      vfio-pci, the node holds every page asked (record result=ok, no
#      clamp), `vmreserve status` exits 0.
# The nodes have 1 GiB each (VMR_MEM0/VMR_MEM1 unless set): the default
# amount is then the limit itself, not a whole GiB below it, so a limit
# above what is free in the initramfs fails the second boot.
# Prints TAP ("ok N - ..." per boot), exits 1 when a boot failed. Logs in
# $VMR_BUILDDIR/logs/TEST-S*.log.
#
# Env: as tests/boot/run.sh (VMR_DESTDIR, VMR_BUILDDIR, VMR_KERNEL_CACHE,
# VMR_DRACUT_FLAVOUR, and what initrd/run-qemu.sh reads).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"
initrd=$VMR_REPO/initrd

mkdir -p "$VMR_BUILDDIR/logs"
# The same lock as run.sh: shared images and logs.
exec 9>"$VMR_BUILDDIR/.boot-test.lock"
if ! flock -n 9; then
	vmr_log "another boot test run holds $VMR_BUILDDIR; waiting"
	flock 9
fi

if [[ -z ${VMR_DESTDIR:-} ]]; then
	VMR_DESTDIR=$VMR_BUILDDIR/destdir
	rm -rf "$VMR_DESTDIR"
	vmr_log "make install DESTDIR=$VMR_DESTDIR PREFIX=/usr"
	make -C "$VMR_REPO" --no-print-directory B="$VMR_BUILDDIR/obj" \
		install DESTDIR="$VMR_DESTDIR" PREFIX=/usr >&2
fi
VMR_DESTDIR=$(vmr_abspath "$VMR_DESTDIR")
export VMR_DESTDIR VMR_REQUIRE_TOOL=1
export VMR_MEM0=${VMR_MEM0:-1G} VMR_MEM1=${VMR_MEM1:-1G}

kver=$("$initrd/fetch-kernel.sh")
img=$(VMR_KVER=$kver VMR_DRACUT_EXTRA=$here/dracut/49vmrtest \
	"$initrd/build-initramfs.sh" "$VMR_DESTDIR" \
	"$VMR_BUILDDIR/initramfs-$kver-${VMR_DRACUT_FLAVOUR:-systemd}-test.img")
# The cases and the shared helpers, staged as one tests directory.
stage=$VMR_BUILDDIR/suggest-tests
rm -rf "$stage"
mkdir -p "$stage/lib"
cp -a "$here/lib/." "$stage/lib/"
cp -a "$here/suggest/." "$stage/"
root=$(VMR_KVER=$kver "$initrd/build-rootfs.sh" "$VMR_BUILDDIR/rootfs-$kver-suggest.img" "$stage")

n=0 failed=0
echo "1..2"
# boot CASE ARGS: boot once; the result block into $VMR_BUILDDIR/logs/CASE.block.
boot() {
	local c=$1 args=$2 log=$VMR_BUILDDIR/logs/$1.log rc=0 block why
	n=$((n + 1))
	rm -f "$log"
	VMR_KVER=$kver VMR_INITRD=$img VMR_ROOTFS=$root \
		"$initrd/run-qemu.sh" --log "$log" --append "$args vmr.test=$c" \
		2>"$log.stderr" || rc=$?
	touch "$log"
	block=$(vmr_result_block "$log")
	printf '%s\n' "$block" >"$VMR_BUILDDIR/logs/$c.block"
	why=$(vmr_boot_verdict "$log" "$rc" "$block")
	grep -E '^(ok - |not ok - |# )' <<<"$block" | sed 's/^/    /' || true
	if [[ -z $why ]]; then
		echo "ok $n - $c (kernel $kver)"
		return 0
	fi
	failed=$((failed + 1))
	echo "not ok $n - $c: $why (log $log)"
	[[ -n $block ]] || tr -d '\r' <"$log" | tail -n 15 | sed 's/^/    #   /'
	return 1
}

if boot TEST-S1-suggest ""; then
	keys=$(sed -n 's/^# vmr-suggest-keys: //p' "$VMR_BUILDDIR/logs/TEST-S1-suggest.block")
	# Only rd.vmreserve keys and intel_iommu=on, nothing else, bounded.
	if [[ ${#keys} -gt 400 || ! $keys =~ ^[A-Za-z0-9_.=:@,\ -]+$ ]]; then
		echo "not ok 2 - TEST-S2-suggested: the first boot printed no usable keys: '$keys'"
		failed=$((failed + 1))
	else
		echo "# second boot with: $keys"
		boot TEST-S2-suggested "$keys" || true
	fi
else
	echo "not ok 2 - TEST-S2-suggested: skipped, the first boot failed"
	failed=$((failed + 1))
fi
echo "$((2 - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
