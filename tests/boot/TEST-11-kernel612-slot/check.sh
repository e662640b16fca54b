# shellcheck shell=sh
# TEST-11-kernel612-slot: TEST-01's whole-slot case on Debian's 6.12 kernel:
# compressed modules, vfio_virqfd built into vfio, no iommufd module. The
# initramfs still loads vfio-pci, and both functions end on it.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "kernel $(uname -r); gpu=$gpu audio=$audio control=$ctl"
check "running Debian's 6.12 kernel" sh -c 'uname -r | grep -q "^6\.12\."'

# The kernel's view.
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "driver_override=vfio-pci on GPU function 0" "$(pci_override "$gpu")" "vfio-pci"
is "driver_override=vfio-pci on GPU audio" "$(pci_override "$audio")" "vfio-pci"
is "control NIC still on e1000e" "$(pci_driver "$ctl")" "e1000e"
is "control NIC has no driver_override" "$(pci_override "$ctl")" ""
# vfio-pci and what it needs came from the initramfs as .ko.xz.
for m in vfio_pci vfio_pci_core vfio irqbypass e1000e snd_hda_intel; do
	check "$m module loaded" grep -q "^$m " /proc/modules
done
check "no vfio_virqfd module (built into vfio on 6.12)" sh -c '! grep -q "^vfio_virqfd " /proc/modules'

# What the early binary logged and recorded.
check "kmsg: $gpu bound to vfio-pci" kmsg_has_line "vmreserve: $gpu: bound to vfio-pci"
check "kmsg: $audio bound to vfio-pci" kmsg_has_line "vmreserve: $audio: bound to vfio-pci"
check "kmsg: summary says ok, 2/2 devices" kmsg_has 'vmreserve: ok in [0-9]+ us: .*devices 2/2 on vfio-pci, 0 command-line errors, exit 0$'
state_is "state modprobe=0" modprobe 0
state_is "state dev.count=2" dev.count 2
state_is "state dev.0.status=bound" dev.0.status bound
state_is "state dev.1.status=bound" dev.1.status bound
state_dev_vs_sysfs
state_is "state result=ok" result ok

# vmreserve status: both functions on vfio-pci, one group, nothing else in
# it: exit 0. Its libkmod lookups read 6.12's index.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: asked 2" .asked 2
sj_is "status: in_effect 2" .in_effect 2
status_group "$gpu" true
status_group "$audio" true
sj_has_host_driver "$gpu" e1000e
sj_has_host_driver "$audio" snd_hda_intel
