# shellcheck shell=sh
# TEST-14-kernel612-loaded-race: rd.modules_load=e1000e,snd_hda_intel with
# rd.vmreserve.pci=01:00 on Debian's 6.12 kernel. Whether the host drivers
# were bound, registering or not loaded yet when the hook ran, both functions
# end on vfio-pci, nothing fails to unbind, and vmreserve status exits 0.
# run.sh boots it VMR_BOOTS times. TEST-15 runs these checks too.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "kernel $(uname -r); gpu=$gpu audio=$audio control=$ctl"
check "running Debian's 6.12 kernel" sh -c 'uname -r | grep -q "^6\.12\."'
check "rd.modules_load=e1000e,snd_hda_intel on the command line" \
	cmdline_has rd.modules_load=e1000e,snd_hda_intel
# Which side of the race this boot was on (for the reader): sysfs right
# before the hook, and what vmreserve-early found.
diag "race: before the hook $gpu $(before_driver "$gpu"), $audio $(before_driver "$audio"); vmreserve found $(state_get dev.0.driver_before)/$(state_get dev.1.driver_before)"

# The kernel's view: the case's expectation, whatever the timing was.
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "driver_override=vfio-pci on GPU function 0" "$(pci_override "$gpu")" "vfio-pci"
is "driver_override=vfio-pci on GPU audio" "$(pci_override "$audio")" "vfio-pci"
check "e1000e does not hold GPU function 0" test ! -e "/sys/bus/pci/drivers/e1000e/$gpu"
check "snd_hda_intel does not hold GPU audio" test ! -e "/sys/bus/pci/drivers/snd_hda_intel/$audio"
is "control NIC on e1000e" "$(pci_driver "$ctl")" "e1000e"
is "control NIC has no driver_override" "$(pci_override "$ctl")" ""
check "e1000e module loaded" grep -q '^e1000e ' /proc/modules
check "snd_hda_intel module loaded" grep -q '^snd_hda_intel ' /proc/modules

# The log: no unbind failed, both bound, summary ok.
if kmsg_has 'cannot unbind'; then
	not_ok "kmsg: no 'cannot unbind' line ($(kmsg_lines | grep 'cannot unbind' | head -n1))"
else
	ok "kmsg: no 'cannot unbind' line"
fi
check "kmsg: $gpu bound to vfio-pci" kmsg_has_line "vmreserve: $gpu: bound to vfio-pci"
check "kmsg: $audio bound to vfio-pci" kmsg_has_line "vmreserve: $audio: bound to vfio-pci"
check "kmsg: summary says ok, 2/2 devices, exit 0" \
	kmsg_has 'vmreserve: ok in [0-9]+ us: .*devices 2/2 on vfio-pci, 0 command-line errors, exit 0$'

state_is "state dev.count=2" dev.count 2
state_is "state dev.0.status=bound" dev.0.status bound
state_is "state dev.1.status=bound" dev.1.status bound
state_dev_vs_sysfs
state_is "state result=ok" result ok
state_is "state exit=0" exit 0

# vmreserve status: both functions on vfio-pci, the group viable: exit 0.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: asked 2" .asked 2
sj_is "status: in_effect 2" .in_effect 2
for a in "$gpu" "$audio"; do
	is "status: $a in_effect true" "$(sj_dev "$a" .in_effect)" true
	status_group "$a" true
done
