# shellcheck shell=sh
# TEST-12-blacklisted: modprobe.blacklist=vfio_pci rd.vmreserve.pci=01:00.
# vfio-pci never loads, so the slot must not be left holding an override no
# driver can satisfy: both functions end on their host drivers (e1000e,
# snd_hda_intel), nothing is driverless, and the log and vmreserve status
# say why (nothing in effect: exit 2).

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl; before the hook: $gpu $(before_driver "$gpu"), $audio $(before_driver "$audio")"
check "modprobe.blacklist=vfio_pci on the command line" cmdline_has modprobe.blacklist=vfio_pci
check "vfio_pci not loaded" sh -c '! grep -q "^vfio_pci " /proc/modules'
check "vfio-pci driver not registered" test ! -e /sys/bus/pci/drivers/vfio-pci

# The kernel's view: the host drivers have the slot, no override is left.
is "GPU function 0 on e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU audio on snd_hda_intel" "$(pci_driver "$audio")" "snd_hda_intel"
is "no driver_override on GPU function 0" "$(pci_override "$gpu")" ""
is "no driver_override on GPU audio" "$(pci_override "$audio")" ""
is "control NIC on e1000e" "$(pci_driver "$ctl")" "e1000e"
no_driverless

# The log says why: vfio-pci could not be loaded, and what became of each
# function; the summary counts none on vfio-pci.
check "kmsg: a line says vfio-pci did not load and names modprobe.blacklist=" \
	kmsg_has 'vmreserve: .*vfio-pci.*not loaded.*modprobe\.blacklist='
check "kmsg: no 'bound to vfio-pci' line" sh -c '! dmesg | grep -q "vmreserve: .*: bound to vfio-pci"'
check "kmsg: summary: 0/2 devices on vfio-pci" kmsg_has 'vmreserve: [a-z-]+ in [0-9]+ us: .*devices 0/2 on vfio-pci'
state_is "state dev.count=2" dev.count 2
state_isnt "state dev.0.status is not bound" dev.0.status bound
state_isnt "state dev.1.status is not bound" dev.1.status bound
# (kmod's modprobe -b exits 0 for a blacklisted module: its status is not
# what tells; the vfio-pci driver missing from sysfs is.)

# vmreserve status: two functions asked, neither on vfio-pci: exit 2, and
# the advice says vfio-pci is what is missing.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 2 true true
sj_is "status: asked 2" .asked 2
sj_is "status: in_effect 0" .in_effect 0
for a in "$gpu" "$audio"; do
	sj_dev_is "status: $a in_effect false" "$a" .in_effect false
	sj_dev_is "status: $a driver_override null" "$a" .driver_override null
done
sj_dev_is "status: $gpu driver e1000e" "$gpu" .driver e1000e
sj_dev_is "status: $audio driver snd_hda_intel" "$audio" .driver snd_hda_intel
# both members of the group are selected: not viable, nothing unselected blocks
status_group "$gpu" false
status_group "$audio" false
# shellcheck disable=SC2016 # $a is jq's
sj_true "status: a critical advice says $gpu is not on vfio-pci" \
	'any(.advice[]; .level == "critical" and (.problem | contains($a)) and (.problem | test("vfio-pci")))' --arg a "$gpu"
sj_true "status: an advice says why: modprobe.blacklist=" \
	'any(.advice[]; (.problem + " " + .fix) | test("modprobe\\.blacklist="))'
