#!/bin/bash
# SPDX-License-Identifier: MIT
#
# demo.sh "KERNEL ARGS"   (run by `make demo`)
#
# Boot the demo VM (two NUMA nodes, a virtual Intel IOMMU, the "GPU"
# stand-in at 01:00.0/.1 and a control NIC at 02:00.0) with a real
# dracut-built initramfs holding our module, and print what the kernel shows
# from inside the VM after switch_root. VMR_DESTDIR: the staged install.
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

args=${1:-"rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:1G"}
: "${VMR_DESTDIR:?set VMR_DESTDIR to a staged install (make install DESTDIR=... PREFIX=/usr)}"
# 1 GiB for the VM on node 0 plus the default keep margin wants a 4 GiB node.
export VMR_MEM0=${VMR_MEM0:-4G} VMR_MEM1=${VMR_MEM1:-2G}

"$VMR_REPO/initrd/build-initramfs.sh" "$VMR_DESTDIR" >/dev/null
"$VMR_REPO/initrd/build-rootfs.sh" "$VMR_BUILDDIR/rootfs.img" "$VMR_REPO/tests/boot" >/dev/null
log=$VMR_BUILDDIR/logs/demo.log
mkdir -p "${log%/*}"
echo "booting the demo VM (kernel args: $args); serial log: $log"
start=$(date +%s)
rc=0
"$VMR_REPO/initrd/run-qemu.sh" --log "$log" --append "$args" || rc=$?
echo "VM powered off after $(( $(date +%s) - start )) s (QEMU status $rc)"
block=$(sed -n '/=== VMRESERVE-DIAG BEGIN ===/,/=== VMRESERVE-DIAG END ===/p' "$log" | tr -d '\r')
if [ -z "$block" ]; then
	echo "error: the VM printed no result block; see $log" >&2
	exit 1
fi
echo
echo "From inside the VM:"
printf '%s\n' "$block" | sed '1d;$d; s/^# \{0,1\}/  /'
