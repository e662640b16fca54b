# shellcheck shell=sh
# TEST-01-slot: rd.vmreserve.pci=01:00 hands every function of the slot to
# vfio-pci, and the competing drivers, though loaded, do not get them.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl"

# The kernel's view.
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "driver_override=vfio-pci on GPU function 0" "$(pci_override "$gpu")" "vfio-pci"
is "driver_override=vfio-pci on GPU audio" "$(pci_override "$audio")" "vfio-pci"
isnt "GPU has an IOMMU group" "$(pci_group "$gpu")" "none"
is "both GPU functions in one IOMMU group" "$(pci_group "$audio")" "$(pci_group "$gpu")"
check "vfio_pci module loaded" grep -q '^vfio_pci ' /proc/modules
# udev loaded the competing drivers for the modaliases: the override, not a
# missing module, is what keeps them off.
check "e1000e module loaded" grep -q '^e1000e ' /proc/modules
check "snd_hda_intel module loaded" grep -q '^snd_hda_intel ' /proc/modules
check "e1000e does not hold GPU function 0" test ! -e "/sys/bus/pci/drivers/e1000e/$gpu"
check "snd_hda_intel does not hold GPU audio" test ! -e "/sys/bus/pci/drivers/snd_hda_intel/$audio"
is "control NIC still on e1000e" "$(pci_driver "$ctl")" "e1000e"
is "control NIC has no driver_override" "$(pci_override "$ctl")" ""

# What the early binary logged.
check "kmsg: $gpu bound to vfio-pci" kmsg_has_line "vmreserve: $gpu: bound to vfio-pci"
check "kmsg: $audio bound to vfio-pci" kmsg_has_line "vmreserve: $audio: bound to vfio-pci"
check "kmsg: summary says ok, 2/2 devices" kmsg_has 'vmreserve: ok in [0-9]+ us: .*devices 2/2 on vfio-pci, 0 command-line errors, exit 0$'
if kmsg_has 'IOMMU group [0-9]+ is not viable'; then
	not_ok "kmsg: no group-not-viable warning"
else
	ok "kmsg: no group-not-viable warning"
fi

# The state record, against the kernel.
state_is "state iommu=on" iommu on
state_is "state sel.0 is the slot" sel.0 "0000:01:00"
state_is "state sel.0 matched 2 functions" sel.0.matches 2
state_is "state dev.count=2" dev.count 2
state_is "state dev.0.addr=$gpu" dev.0.addr "$gpu"
state_is "state dev.1.addr=$audio" dev.1.addr "$audio"
state_is "state dev.0.status=bound" dev.0.status bound
state_is "state dev.1.status=bound" dev.1.status bound
state_is "state dev.0.group = sysfs group" dev.0.group "$(pci_group "$gpu")"
state_is "state dev.1.group = sysfs group" dev.1.group "$(pci_group "$audio")"
state_dev_vs_sysfs
state_is "state modprobe=0" modprobe 0
state_is "state result=ok" result ok
state_is "state exit=0" exit 0

# vmreserve status: both functions asked and on vfio-pci, group viable: exit 0.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: asked 2 (two functions)" .asked 2
sj_is "status: in_effect 2" .in_effect 2
sj_true "status: cmdline.pci is the slot" '.cmdline.pci == ["0000:01:00"]'
sj_is "status: devices[] are the two GPU functions" '[.devices[].address] | sort | join(" ")' "$gpu $audio"
sj_is "status: no unmatched selectors" '.unmatched | length' 0
for a in "$gpu" "$audio"; do
	sj_dev_is "status: $a in_effect true" "$a" .in_effect true
	sj_dev_is "status: $a driver vfio-pci" "$a" .driver vfio-pci
	# the slot is the whole group, and all of it is on vfio-pci
	status_group "$a" true
	sj_dev_is "status: $a selector 0000:01:00" "$a" .selector "0000:01:00"
	sj_dev_is "status: $a early_status bound" "$a" .early_status bound
done
# libkmod lookups in the root's /lib/modules/KVER/modules.alias.bin
sj_has_host_driver "$gpu" e1000e
sj_has_host_driver "$audio" snd_hda_intel
# shellcheck disable=SC2016 # $g, $a are jq's
diag "host_drivers: $(sj 'def hd($x): [.devices[] | select(.address == $x) | .host_drivers | join(",")] | join(" ");
	"\($g): \(hd($g)); \($a): \(hd($a))"' --arg g "$gpu" --arg a "$audio")"
sj_dev_is "status: $gpu class_name Ethernet controller" "$gpu" .class_name "Ethernet controller"
sj_is "status: control NIC not in devices[]" \
	"[.devices[] | select(.address == \"$ctl\")] | length" 0
sj_is "status: iommu.enabled true" .iommu.enabled true
sj_is "status: no warning or critical advice" \
	'[.advice[] | select(.level == "warning" or .level == "critical")] | length' 0
