# shellcheck shell=sh
# TEST-02-id: rd.vmreserve.pci=8086:293e takes the HDA function only; the
# e1000e functions stay on e1000e, and the shared IOMMU group is reported as
# not viable (partial result).

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl"

# The kernel's view.
is "GPU audio (8086:293e) bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "driver_override=vfio-pci on GPU audio" "$(pci_override "$audio")" "vfio-pci"
is "GPU function 0 (not selected) on e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU function 0 has no driver_override" "$(pci_override "$gpu")" ""
is "control NIC on e1000e" "$(pci_driver "$ctl")" "e1000e"
is "control NIC has no driver_override" "$(pci_override "$ctl")" ""
group=$(pci_group "$audio")
isnt "GPU audio has an IOMMU group" "$group" "none"
is "GPU function 0 shares that group" "$(pci_group "$gpu")" "$group"
check "vfio_pci module loaded" grep -q '^vfio_pci ' /proc/modules

# What the early binary logged: the group is not viable because of 01:00.0.
check "kmsg: $audio bound to vfio-pci" kmsg_has_line "vmreserve: $audio: bound to vfio-pci"
check "kmsg: IOMMU group $group not viable: $gpu will be claimed" \
	kmsg_has "^\[[ 0-9.]+\] vmreserve: IOMMU group $group is not viable: $gpu \(8086:10d3\) has no driver yet, a host driver will claim it; select it too \(rd\.vmreserve\.pci=$gpu\)"
check "kmsg: summary says partial, exit 1" kmsg_has 'vmreserve: partial in [0-9]+ us: .*devices 1/1 on vfio-pci, .*exit 1$'

# The state record, against the kernel.
state_is "state sel.0=8086:293e" sel.0 "8086:293e"
state_is "state sel.0 matched 1 device" sel.0.matches 1
state_is "state dev.count=1" dev.count 1
state_is "state dev.0.addr=$audio" dev.0.addr "$audio"
state_is "state dev.0.status=bound" dev.0.status bound
state_is "state dev.0.group = sysfs group" dev.0.group "$group"
state_dev_vs_sysfs
state_is "state result=partial" result partial
state_is "state exit=1" exit 1

# vmreserve status: the one function asked is on vfio-pci, but its group is
# not viable (01:00.0 on e1000e): all met with a warning, exit 1.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 1 true true
sj_is "status: asked 1" .asked 1
sj_is "status: in_effect 1" .in_effect 1
sj_true "status: cmdline.pci is the id" '.cmdline.pci == ["8086:293e"]'
sj_is "status: devices[] is the audio function only" '[.devices[].address] | join(" ")' "$audio"
sj_dev_is "status: $audio in_effect true" "$audio" .in_effect true
sj_dev_is "status: $audio selector 8086:293e" "$audio" .selector "8086:293e"
# the group holds $gpu too, on e1000e and not selected
status_group "$audio" false "$gpu"
sj_dev_is "status: blocker $gpu is on e1000e" "$audio" '.blocking[0].driver' e1000e
sj_dev_is "status: blocker $gpu id 8086:10d3" "$audio" '.blocking[0].id' "8086:10d3"
sj_has_host_driver "$audio" snd_hda_intel
# shellcheck disable=SC2016 # $b is jq's
sj_true "status: a warning advice names the blocker $gpu" \
	'any(.advice[]; .level == "warning" and (.problem | contains($b)))' --arg b "$gpu"
sj_is "status: no critical advice" '[.advice[] | select(.level == "critical")] | length' 0
