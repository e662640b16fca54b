# shellcheck shell=sh
# TEST-08-iommu-off: with intel_iommu=off vmreserve-early binds nothing, says
# why and what to add, and still reserves the hugepages.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
check "intel_iommu=off on the command line" cmdline_has intel_iommu=off
check "ACPI DMAR table present" test -e /sys/firmware/acpi/tables/DMAR
is "no IOMMU groups" "$(find /sys/kernel/iommu_groups -mindepth 1 -maxdepth 1 | wc -l)" "0"
is "GPU function 0 has no IOMMU group" "$(pci_group "$gpu")" "none"

# Not on vfio-pci: nothing kept the host drivers off.
isnt "GPU function 0 not on vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
isnt "GPU audio not on vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "GPU function 0 on e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU audio on snd_hda_intel" "$(pci_driver "$audio")" "snd_hda_intel"
# status=no-iommu: the override was never written.
state_is "state dev.0.status=no-iommu" dev.0.status no-iommu
state_is "state dev.1.status=no-iommu" dev.1.status no-iommu
is "no driver_override on GPU function 0" "$(pci_override "$gpu")" ""
is "no driver_override on GPU audio" "$(pci_override "$audio")" ""
check "vfio_pci not loaded" sh -c '! grep -q "^vfio_pci " /proc/modules'
state_is "state modprobe=-1 (not run)" modprobe -1

check "kmsg: IOMMU is off, not binding 2 devices, with the hint" kmsg_has_line \
	"vmreserve: IOMMU is off (no IOMMU groups): not binding 2 device(s); add intel_iommu=on to the kernel command line"
check "kmsg: no bound-to-vfio-pci line" sh -c '! dmesg | grep -q "vmreserve: .*bound to vfio-pci"'

# Hugepages do not depend on the IOMMU.
is "node0 2048kB nr_hugepages = 64" "$(hp_nr 0 2048)" "64"
is "node1 2048kB nr_hugepages = 0" "$(hp_nr 1 2048)" "0"
state_is "state hp.0.status=ok" hp.0.status ok
state_hp_vs_sysfs

state_is "state iommu=off" iommu off
state_is "state dev.count=2" dev.count 2
state_is "state dev.0.group=-1" dev.0.group -1
state_is "state result=partial" result partial
state_is "state exit=1" exit 1

# vmreserve status: asked = 2 functions (not bound: no IOMMU) + the 0:64
# request (met). One of three in effect: partly met, exit 1. (Exit 2 is for
# nothing in effect: IOMMU off with only devices asked.)
# The machine (qemu.env VMR_NO_IOMMU=1): the vIOMMU with intremap=on,
# intel_iommu=off: no DMA remapping, interrupts still remapped.
status_checks 1 false true
sj_is "status: asked 3" .asked 3
sj_is "status: in_effect 1 (the hugepages)" .in_effect 1
sj_is "status: iommu.enabled false" .iommu.enabled false
sj_is "status: iommu.groups 0" .iommu.groups 0
sj_is "status: iommu.acpi_table DMAR" .iommu.acpi_table DMAR
sj_true "status: a critical advice whose fix says intel_iommu=on" \
	'any(.advice[]; .level == "critical" and (.fix | contains("intel_iommu=on")))'
sj_is "status: devices[] are the two GPU functions" '[.devices[].address] | sort | join(" ")' "$gpu $audio"
for a in "$gpu" "$audio"; do
	sj_dev_is "status: $a in_effect false" "$a" .in_effect false
	sj_dev_is "status: $a iommu_group null" "$a" .iommu_group null
	status_group "$a" null
	sj_dev_is "status: $a early_status no-iommu" "$a" .early_status no-iommu
done
sj_dev_is "status: $gpu driver e1000e" "$gpu" .driver e1000e
sj_dev_is "status: $audio driver snd_hda_intel" "$audio" .driver snd_hda_intel
sj_hp_is "status: node0 2M requested 64" 0 2048 .requested 64
sj_hp_is "status: node0 2M level ok" 0 2048 .level ok
