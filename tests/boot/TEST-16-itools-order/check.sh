# shellcheck shell=sh
# TEST-16-itools-order (any generator: initramfs-tools, whose init-top
# scripts run by name, and mkinitcpio, whose early hooks run in HOOKS order,
# in the boot matrix): vmreserve-early ran before udevd started and before
# udev loaded any driver (its summary line comes before udevd's first kernel
# log line and before e1000e's module banner: the control NIC's e1000e is
# loaded by udev from its modalias), and the state record written in the
# initramfs survived into the root, where `vmreserve status` reads it.

diag "generator: $(test_gen)"
dmesg | sed 's/^\[[^]]*\] *//' >/tmp/kmsg.all
# line numbers of the first line matching each pattern (0: none)
first() { grep -n -m1 -E -- "$1" /tmp/kmsg.all | cut -d: -f1 | grep . || echo 0; }
ours=$(first '^vmreserve: (ok|partial|config-error) in [0-9]+ us: ')
udevd=$(first '(systemd-udevd|udevd)\[[0-9]+\]|\(udev-worker\)|udev-worker\[')
banner=$(first '^e1000e: Intel\(R\) PRO/1000 Network Driver')
diag "kmsg lines: vmreserve summary $ours, udevd's first $udevd, e1000e banner $banner"
diag "udevd's first line: $(sed -n "${udevd}p" /tmp/kmsg.all 2>/dev/null)"
check "kmsg: vmreserve's summary line" test "$ours" -gt 0
check "kmsg: udevd logged" test "$udevd" -gt 0
check "kmsg: vmreserve's summary line before udevd's first line" test "$ours" -gt 0 -a "$ours" -lt "$udevd"
check "kmsg: e1000e loaded (by udev, for the control NIC)" test "$banner" -gt 0
check "kmsg: vmreserve's summary line before e1000e's banner" test "$ours" -gt 0 -a "$ours" -lt "$banner"

# What that order buys: both functions on vfio-pci, e1000e never bound them.
gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
is "before the hook: GPU function 0 had no driver" "$(before_driver "$gpu")" none
is "GPU function 0 on vfio-pci" "$(pci_driver "$gpu")" vfio-pci
is "GPU audio on vfio-pci" "$(pci_driver "$audio")" vfio-pci
is "control NIC on e1000e" "$(pci_driver "$(control_bdf)")" e1000e

# The record survived into the root (initramfs-tools and dracut both move
# /run there).
check "state record exists after switch_root" test -f "$VMR_STATE"
is "/run is a tmpfs mount" "$(awk '$2 == "/run" { print $3 }' /proc/mounts | tail -n1)" tmpfs
state_is "state result=ok" result ok
state_is "state dev.count=2" dev.count 2
state_dev_vs_sysfs
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: early.ran (read the record)" .early.ran true
sj_is "status: asked 2" .asked 2
sj_is "status: in_effect 2" .in_effect 2
