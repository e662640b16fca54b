# shellcheck shell=sh
# TEST-13-blacklisted-loaded: rd.modules_load=e1000e,snd_hda_intel
# modprobe.blacklist=vfio_pci rd.vmreserve.pci=01:00. The host drivers are
# bound before vmreserve's hook (the test hook waited for
# systemd-modules-load: vmr.test.modules_first); vfio-pci
# never loads, so they stay bound, nothing is driverless, and the log and
# vmreserve status say why (exit 2).

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl"
check "rd.modules_load=e1000e,snd_hda_intel on the command line" \
	cmdline_has rd.modules_load=e1000e,snd_hda_intel
check "modprobe.blacklist=vfio_pci on the command line" cmdline_has modprobe.blacklist=vfio_pci
# The case's premise: bound before the hook (sysfs read by 29-vmrtest).
check_modules_first
is "before the hook: GPU function 0 on e1000e" "$(before_driver "$gpu")" e1000e
is "before the hook: GPU audio on snd_hda_intel" "$(before_driver "$audio")" snd_hda_intel
check "vfio_pci not loaded" sh -c '! grep -q "^vfio_pci " /proc/modules'

# The kernel's view: still on the host drivers, no override left.
is "GPU function 0 on e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU audio on snd_hda_intel" "$(pci_driver "$audio")" "snd_hda_intel"
is "no driver_override on GPU function 0" "$(pci_override "$gpu")" ""
is "no driver_override on GPU audio" "$(pci_override "$audio")" ""
is "control NIC on e1000e" "$(pci_driver "$ctl")" "e1000e"
no_driverless

# The log says why; the record agrees with the kernel.
check "kmsg: a line says vfio-pci did not load and names modprobe.blacklist=" \
	kmsg_has 'vmreserve: .*vfio-pci.*not loaded.*modprobe\.blacklist='
# stay: never unbound, not only bound again at the end
check "kmsg: no 'unbound from' line" sh -c '! dmesg | grep -q "vmreserve: .*: unbound from"'
check "kmsg: no 'bound to vfio-pci' line" sh -c '! dmesg | grep -q "vmreserve: .*: bound to vfio-pci"'
check "kmsg: summary: 0/2 devices on vfio-pci" kmsg_has 'vmreserve: [a-z-]+ in [0-9]+ us: .*devices 0/2 on vfio-pci'
state_is "state dev.count=2" dev.count 2
state_is "state dev.0.driver_before=e1000e" dev.0.driver_before e1000e
state_is "state dev.1.driver_before=snd_hda_intel" dev.1.driver_before snd_hda_intel
state_isnt "state dev.0.status is not bound" dev.0.status bound
state_isnt "state dev.1.status is not bound" dev.1.status bound
state_dev_vs_sysfs

# vmreserve status: as TEST-12: exit 2, the advice names vfio-pci.
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
status_group "$gpu" false
status_group "$audio" false
# shellcheck disable=SC2016 # $a is jq's
sj_true "status: a critical advice says $gpu is not on vfio-pci" \
	'any(.advice[]; .level == "critical" and (.problem | contains($a)) and (.problem | test("vfio-pci")))' --arg a "$gpu"
sj_true "status: an advice says why: modprobe.blacklist=" \
	'any(.advice[]; (.problem + " " + .fix) | test("modprobe\\.blacklist="))'
