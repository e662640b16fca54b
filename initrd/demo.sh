#!/bin/bash
# SPDX-License-Identifier: MIT
#
# demo.sh "KERNEL ARGS"   (run by `make demo`)
#
# Boot the demo VM (two NUMA nodes, a virtual Intel IOMMU, the "GPU"
# stand-in at 01:00.0/.1 and a control NIC at 02:00.0) with a real
# dracut-built initramfs holding our module, and print what the kernel shows
# from inside the VM after switch_root. VMR_DESTDIR: the staged install.
# VMR_GENERATOR (make demo GENERATOR=...): dracut (default, the host's),
# dracut-ng or initramfs-tools (each in its Debian chroot, see
# build-initramfs.sh).
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

args=${1:-"rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:1G"}
: "${VMR_DESTDIR:?set VMR_DESTDIR to a staged install (make install DESTDIR=... PREFIX=/usr)}"
# 1 GiB for the VM on node 0 plus the default keep margin wants a 4 GiB node.
export VMR_MEM0=${VMR_MEM0:-4G} VMR_MEM1=${VMR_MEM1:-2G}

gen=${VMR_GENERATOR:-dracut}
initrd=$("$VMR_REPO/initrd/build-initramfs.sh" "$VMR_DESTDIR")
# Its own root image: the default check runs `vmreserve status` in the VM.
rootfs=$("$VMR_REPO/initrd/build-rootfs.sh" "$VMR_BUILDDIR/demo-rootfs.img" "$VMR_REPO/initrd/demo-check.sh")
log=$VMR_BUILDDIR/logs/demo.log
[[ $gen == dracut ]] || log=$VMR_BUILDDIR/logs/demo-$gen.log
mkdir -p "${log%/*}"
echo "booting the demo VM (initramfs by $gen, kernel args: $args); serial log: $log"
start=$(date +%s)
rc=0
VMR_INITRD=$initrd VMR_ROOTFS=$rootfs "$VMR_REPO/initrd/run-qemu.sh" --log "$log" --append "$args" || rc=$?
echo "VM powered off after $(( $(date +%s) - start )) s (QEMU status $rc)"
# block BEGIN_MARK: the lines between "=== VMRESERVE-<MARK> BEGIN/END ===".
block() {
	sed -n "/=== VMRESERVE-$1 BEGIN ===/,/=== VMRESERVE-$1 END ===/p" "$log" |
		tr -d '\r' | sed '1d;$d'
}
status=$(block RESULT)
diag=$(block DIAG)
if [ -z "$status" ] || [ -z "$diag" ]; then
	echo "error: the VM printed no result block; see $log" >&2
	exit 1
fi
echo
echo "From inside the VM, after switch_root:"
printf '%s\n' "$status" | grep '^#' | grep -v '^# test ' | sed 's/^# \{0,1\}/  /'
echo "The kernel's own view (kmsg, state record, sysfs):"
printf '%s\n' "$diag" | sed 's/^# \{0,1\}/  /'
