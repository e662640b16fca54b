#!/bin/bash
# SPDX-License-Identifier: MIT
#
# run-qemu.sh [--log FILE] [--append "KERNEL ARGS"] [-- EXTRA QEMU ARGS...]
#
# Boot the test kernel + initramfs + root image in QEMU, serial console to
# FILE, under a hard timeout, and return when QEMU exits. QEMU is started by
# this script and stopped only through its own pid (timeout(1) is its parent
# and kills it on expiry; INT/TERM to this script are forwarded the same way).
# Exit status: 0 when QEMU exited by itself (the guest powered off; a panic
# also ends here because of panic=-1 and -no-reboot), 124 on timeout, else
# QEMU's status. Whether the test passed is for the caller to read in FILE.
#
# Machine (guest BDFs are stable; tests may rely on them):
#   q35 (no SATA controller), 2 sockets of 1 vCPU, two NUMA nodes
#   (node0: cpu0 + VMR_MEM0, node1: cpu1 + VMR_MEM1)
#   intel-iommu (intremap=on) and intel_iommu=on on the kernel command line
#   00:02.0 pcie-root-port rp1 (ACS: its own IOMMU group)
#     01:00.0 e1000e        8086:10d3  "GPU" stand-in, multifunction
#     01:00.1 ich9-intel-hda 8086:293e  its "HDMI audio" (+ hda-duplex codec)
#   00:03.0 pcie-root-port rp2
#     02:00.0 e1000e        8086:10d3  control: must stay on e1000e
#   00:04.0 virtio-blk (root disk, snapshot=on: the image is never written)
#   00:08.0... extra root ports (buses 03...) with VMR_EXTRA_FUNCS functions,
#     8 per slot, of type VMR_EXTRA_FUNC_DEV
#
# Env (all optional):
#   VMR_KERNEL, VMR_INITRD, VMR_ROOTFS  default: fetched kernel, and
#       $VMR_BUILDDIR/initramfs-KVER-FLAVOUR.img (VMR_DRACUT_FLAVOUR, default
#       systemd), $VMR_BUILDDIR/rootfs.img
#   VMR_LOG            serial log (also --log); default $VMR_BUILDDIR/logs/qemu.log
#   VMR_APPEND         extra kernel arguments (also --append; both are used)
#   VMR_TIMEOUT        seconds, default 300
#   VMR_ACCEL          auto (default: probe KVM once, cache the answer in
#                      $VMR_BUILDDIR/accel), kvm or tcg
#   VMR_MEM0, VMR_MEM1 node memory, default 2G each (M or G suffix)
#   VMR_NO_IOMMU=1     intel_iommu=off instead of on (DMAR table present,
#                      IOMMU off). Leaving the argument out is NOT "off" with
#                      Debian's kernel: it defaults to on.
#   VMR_NO_VIOMMU=1    no intel-iommu device at all (no DMAR table)
#   VMR_EXTRA_FUNCS=N  N extra PCI functions (benchmarks)
#   VMR_EXTRA_FUNC_DEV device type for them, default e1000e
#   VMR_QEMU_ARGS      extra QEMU arguments (word-split; also after --)
#   VMR_PIDFILE        QEMU's pid file, default LOG.pid (removed at exit)
# shellcheck disable=SC2054 # commas belong to QEMU option values
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

log=${VMR_LOG:-}
append=${VMR_APPEND:-}
while [[ $# -gt 0 ]]; do
	case $1 in
	--log) log=$2; shift 2 ;;
	--append) append+=" $2"; shift 2 ;;
	--) shift; break ;;
	-h|--help) sed -n '4,/^set -e/p' "$0" | grep -v '^# shellcheck' | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) vmr_die "unknown argument $1 (extra QEMU arguments go after --)" ;;
	esac
done

if [[ -z ${VMR_KERNEL:-} || -z ${VMR_INITRD:-} ]]; then
	kver=$(vmr_kver)
fi
kernel=${VMR_KERNEL:-$(vmr_kernel_root "$kver")/boot/vmlinuz-$kver}
initrd=${VMR_INITRD:-$VMR_BUILDDIR/initramfs-$kver-${VMR_DRACUT_FLAVOUR:-systemd}.img}
rootfs=${VMR_ROOTFS:-$VMR_BUILDDIR/rootfs.img}
log=$(vmr_abspath "${log:-$VMR_BUILDDIR/logs/qemu.log}")
pidfile=${VMR_PIDFILE:-$log.pid}
for f in "$kernel" "$initrd" "$rootfs"; do
	[[ -f $f ]] || vmr_die "$f missing"
done
mkdir -p "$(dirname "$log")"
qemu=${VMR_QEMU:-qemu-system-x86_64}

# Size with M/G suffix to MiB.
mib() {
	case $1 in
	*[Gg]) echo $((${1%[Gg]} * 1024)) ;;
	*[Mm]) echo $((${1%[Mm]})) ;;
	*) vmr_die "memory size '$1' needs an M or G suffix" ;;
	esac
}
mem0=$(mib "${VMR_MEM0:-2G}")
mem1=$(mib "${VMR_MEM1:-2G}")

# --- accelerator ---------------------------------------------------------------
# /dev/kvm may exist and still be unable to run a stock kernel (nested PVM:
# "failed to set MSR 0x10a", or a hang): boot the kernel alone under KVM and
# call KVM usable only if it gets as far as looking for a root fs.
probe_kvm() {
	local plog=$VMR_BUILDDIR/accel-probe.log
	[[ -r /dev/kvm && -w /dev/kvm ]] || return 1
	rm -f "$plog"
	# subshell: keeps bash's "Aborted" report of QEMU's assertion quiet
	(timeout --kill-after=5 15 "$qemu" -nodefaults -no-reboot -display none \
		-accel kvm -cpu host -m 256 -kernel "$kernel" \
		-append "console=ttyS0 panic=-1" -serial "file:$plog" \
		>/dev/null 2>&1 || true) 2>/dev/null
	grep -qE 'VFS: Unable to mount root|Kernel panic' "$plog" 2>/dev/null
}
accel=${VMR_ACCEL:-auto}
if [[ $accel == auto ]]; then
	cache=$VMR_BUILDDIR/accel
	if [[ -f $cache ]]; then
		accel=$(cat "$cache")
	else
		mkdir -p "$VMR_BUILDDIR"
		if probe_kvm; then accel=kvm; else accel=tcg; fi
		echo "$accel" >"$cache"
		vmr_log "KVM probe: using $accel (cached in $cache; delete it to probe again)"
	fi
fi
case $accel in
kvm) accel_args=(-accel kvm -cpu host) ;;
# One TCG thread for both vCPUs: with multi-threaded TCG a vCPU can run a
# stale translation of kernel text another vCPU just patched (jump labels,
# text_poke_bp's int3): seen as "Oops: int3" in devcgroup_check_permission
# on Debian's 6.12, one boot in 27, before vmreserve ran. Slower, but the
# boots test our code, not QEMU's cross-vCPU code coherency.
tcg) accel_args=(-accel tcg,thread=single -cpu max) ;;
*) vmr_die "VMR_ACCEL=$accel: want auto, kvm or tcg" ;;
esac

# --- machine ---------------------------------------------------------------------
args=(
	-nodefaults -no-reboot -display none
	"${accel_args[@]}"
	# split irqchip: what intremap=on needs under KVM (TCG ignores it).
	# sata=off: no ICH9 AHCI, whose port probing only costs boot time.
	-M q35,kernel-irqchip=split,sata=off
	# One socket per node: two cores of one socket on two nodes make the
	# kernel warn (llc-sibling on another node).
	-smp 2,sockets=2,cores=1,threads=1 -m "$((mem0 + mem1))M"
	-object "memory-backend-ram,id=m0,size=${mem0}M"
	-object "memory-backend-ram,id=m1,size=${mem1}M"
	-numa node,nodeid=0,cpus=0,memdev=m0
	-numa node,nodeid=1,cpus=1,memdev=m1
	-kernel "$kernel" -initrd "$initrd"
	-chardev "file,id=ser0,path=$log" -serial chardev:ser0
	-pidfile "$pidfile"
)
# The IOMMU first: it must exist before the PCI devices it translates for.
[[ ${VMR_NO_VIOMMU:-0} == 1 ]] || args+=(-device intel-iommu,intremap=on)
args+=(
	-audiodev none,id=snd0
	-device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1,addr=0x2
	-device e1000e,id=gpu0,bus=rp1,addr=0.0,multifunction=on
	-device ich9-intel-hda,id=gpu0audio,bus=rp1,addr=0.1
	-device hda-duplex,bus=gpu0audio.0,audiodev=snd0
	-device pcie-root-port,id=rp2,bus=pcie.0,chassis=2,slot=2,addr=0x3
	-device e1000e,id=ctl0,bus=rp2,addr=0.0
	-drive "if=none,id=root,file=$rootfs,format=raw,snapshot=on"
	-device virtio-blk-pci,drive=root,bus=pcie.0,addr=0x4
)
n=${VMR_EXTRA_FUNCS:-0}
dev=${VMR_EXTRA_FUNC_DEV:-e1000e}
slot=8
while ((n > 0)); do
	((slot <= 0x1e)) || vmr_die "VMR_EXTRA_FUNCS too large (at most $(((0x1e - 8 + 1) * 8)))"
	rp=rpx$slot
	args+=(-device "pcie-root-port,id=$rp,bus=pcie.0,chassis=$((slot + 8)),slot=$((slot + 8)),addr=$(printf 0x%x "$slot")")
	for ((fn = 0; fn < 8 && n > 0; fn++, n--)); do
		mf=
		[[ $fn == 0 ]] && mf=,multifunction=on
		args+=(-device "$dev,bus=$rp,addr=0.$fn$mf")
	done
	slot=$((slot + 1))
done

cmdline="console=ttyS0 root=/dev/vda rw rootfstype=ext4 panic=-1 rd.shell=0 rd.emergency=poweroff"
# no_timer_check: the kernel's early check that the timer interrupt arrives
# through the (interrupt-remapped) IO-APIC within a few ticks fails when the
# host is busy under TCG ("Kernel panic - not syncing: timer doesn't work
# through Interrupt-remapped IO-APIC": seen in a boot-matrix run while
# other VMs shared the 2 cores), long before the initramfs; VMs turn it off.
cmdline+=" no_timer_check"
# Say it either way: Debian's 6.1 kernels (6.1.0-5x) are built with
# INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF, so leaving intel_iommu= out turns the
# IOMMU on.
if [[ ${VMR_NO_IOMMU:-0} == 1 ]]; then
	cmdline+=" intel_iommu=off"
elif [[ ${VMR_NO_VIOMMU:-0} != 1 ]]; then
	cmdline+=" intel_iommu=on"
fi
cmdline+=" ${append# }"
args+=(-append "$cmdline")
# shellcheck disable=SC2206 # word splitting wanted
[[ -n ${VMR_QEMU_ARGS:-} ]] && args+=($VMR_QEMU_ARGS)
args+=("$@")

# --- run -------------------------------------------------------------------------
timeout_s=${VMR_TIMEOUT:-300}
printf '%q ' "$qemu" "${args[@]}" >"$log.cmd"
echo >>"$log.cmd"
vmr_log "accel=$accel timeout=${timeout_s}s log=$log"
vmr_log "cmdline: $cmdline"

rm -f "$pidfile"
start=$(date +%s.%N)
timeout --kill-after=10 "$timeout_s" "$qemu" "${args[@]}" &
tpid=$!
# Stop what we started, and only that: timeout(1) passes TERM on to QEMU.
trap 'kill -TERM "$tpid" 2>/dev/null || true' INT TERM HUP
rc=0
wait "$tpid" || rc=$?
# wait returns early (>128) when a trapped signal arrives: wait again.
while kill -0 "$tpid" 2>/dev/null; do wait "$tpid" || rc=$?; done
trap - INT TERM HUP
rm -f "$pidfile"
secs=$(vmr_elapsed "$start")
case $rc in
0) vmr_log "QEMU exited after ${secs} s" ;;
124) vmr_log "TIMEOUT after ${secs} s (limit ${timeout_s} s)" ;;
*) vmr_log "QEMU failed with status $rc after ${secs} s" ;;
esac
echo "$secs" >"$log.time"
exit "$rc"
