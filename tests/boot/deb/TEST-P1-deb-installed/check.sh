# shellcheck shell=sh
# TEST-P1-deb-installed: the initramfs that `dpkg -i vmreserve
# vmreserve-GENERATOR` rebuilt through the update-initramfs trigger (in a
# Debian chroot, tests/boot/deb-cycle.sh), booted with
# rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:128: the slot is on
# vfio-pci, node 0 has its 128 2M pages, and the status tool the package
# installed (this root's /usr/bin/vmreserve, copied from the chroot) exits 0.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl generator=$(test_gen)"
check_in_root

# The slot.
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" vfio-pci
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" vfio-pci
is "driver_override=vfio-pci on GPU function 0" "$(pci_override "$gpu")" vfio-pci
is "driver_override=vfio-pci on GPU audio" "$(pci_override "$audio")" vfio-pci
is "control NIC still on e1000e" "$(pci_driver "$ctl")" e1000e
is "control NIC has no driver_override" "$(pci_override "$ctl")" ""

# The pages: 128 2M pages on node 0, none on node 1.
is "node0 2048kB nr_hugepages = 128" "$(hp_nr 0 2048)" 128
is "node1 2048kB nr_hugepages = 0" "$(hp_nr 1 2048)" 0

# What the early binary logged and left.
check "kmsg: $gpu bound to vfio-pci" kmsg_has_line "vmreserve: $gpu: bound to vfio-pci"
check "kmsg: $audio bound to vfio-pci" kmsg_has_line "vmreserve: $audio: bound to vfio-pci"
check "kmsg: node 0 got 128 of 128 2M pages" \
	kmsg_has 'vmreserve: node 0: 2M pages: requested 128, target 128, obtained 128 \(was 0;'
check "kmsg: summary says ok, exit 0" kmsg_has 'vmreserve: ok in [0-9]+ us: .* exit 0$'
state_is "state result=ok" result ok
state_is "state exit=0" exit 0
state_dev_vs_sysfs
state_hp_vs_sysfs

# The installed status tool: both functions and the one entry in effect.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: asked 3 (two functions, one hugepages entry)" .asked 3
sj_is "status: in_effect 3" .in_effect 3
