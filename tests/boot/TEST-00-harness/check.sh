# shellcheck shell=sh
# TEST-00-harness: the test machine is what the other cases assume, and the
# early binary runs. Runs in the VM after switch_root; helpers: check-lib.sh.

check "two NUMA nodes" test -d /sys/devices/system/node/node0 -a -d /sys/devices/system/node/node1
check "node0 has cpu0" test -e /sys/devices/system/node/node0/cpu0
check "node1 has cpu1" test -e /sys/devices/system/node/node1/cpu1
check "intel_iommu=on on the command line" cmdline_has intel_iommu=on
check "ACPI DMAR table" test -e /sys/firmware/acpi/tables/DMAR
check "IOMMU groups exist" test -n "$(ls /sys/kernel/iommu_groups)"

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl"
isnt "GPU stand-in audio function 8086:293e found" "$audio" ""
is "GPU stand-in function 0 is e1000e 8086:10d3" "$(pci_id "$gpu" 2>/dev/null)" "8086:10d3"
isnt "control e1000e found" "$ctl" ""
isnt "GPU stand-in has an IOMMU group" "$(pci_group "$gpu")" "none"
is "GPU functions share one IOMMU group" "$(pci_group "$audio")" "$(pci_group "$gpu")"
isnt "control is in another IOMMU group" "$(pci_group "$ctl")" "$(pci_group "$gpu")"

# No rd.vmreserve keys: udev autoloaded the competing drivers.
is "GPU stand-in bound to e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU audio bound to snd_hda_intel" "$(pci_driver "$audio")" "snd_hda_intel"
is "control bound to e1000e" "$(pci_driver "$ctl")" "e1000e"
is "no driver_override on the GPU" "$(pci_override "$gpu")" ""

# vmreserve-early ran in the initramfs, and /run survived switch_root.
check "/run/vmreserve exists" test -d /run/vmreserve
check "state record exists" test -f /run/vmreserve/state
is "no hugepages on node0" "$(hp_nr 0 2048)" "0"

# vmreserve status: no rd.vmreserve keys, nothing asked: exit 0.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: cmdline.disabled false" .cmdline.disabled false
sj_is "status: nothing asked" .asked 0
sj_is "status: nothing in effect" .in_effect 0
sj_is "status: no devices listed" '.devices | length' 0
sj_is "status: no unmatched selectors" '.unmatched | length' 0
sj_is "status: no cmdline.pci" '.cmdline.pci | length' 0
sj_is "status: no cmdline.hugepages" '.cmdline.hugepages | length' 0
sj_is "status: no cmdline.errors" '.cmdline.errors | length' 0
sj_is "status: no hugepages row has a request" '[.hugepages[] | select(.requested != null)] | length' 0
sj_is "status: iommu.enabled true" .iommu.enabled true
sj_is "status: iommu.acpi_table DMAR" .iommu.acpi_table DMAR
sj_is "status: early.ran (the binary runs without keys)" .early.ran true
sj_is "status: two nodes" '[.nodes[].node] | join(",")' "0,1"
sj_is "status: no warning or critical advice" \
	'[.advice[] | select(.level == "warning" or .level == "critical")] | length' 0
