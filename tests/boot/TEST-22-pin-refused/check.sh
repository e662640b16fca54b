# shellcheck shell=sh
# TEST-22-pin-refused: rd.vmreserve.pci=01:00@8086:1234, and 01:00.0 is
# 8086:10d3. The pin does not hold: no function of the slot is touched (no
# driver_override, never unbound), udev's drivers get them as without
# vmreserve, and the log, the record and vmreserve status name both ids.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "kernel $(uname -r); gpu=$gpu audio=$audio control=$ctl"
is "the pinned slot's function 0 is 8086:10d3 (not the pinned 8086:1234)" "$(pci_id "$gpu")" "8086:10d3"

# The kernel's view: as if nothing had been asked.
is "GPU function 0 on e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU audio on snd_hda_intel" "$(pci_driver "$audio")" "snd_hda_intel"
is "no driver_override on GPU function 0" "$(pci_override "$gpu")" ""
is "no driver_override on GPU audio" "$(pci_override "$audio")" ""
is "control NIC on e1000e" "$(pci_driver "$ctl")" "e1000e"
check "no PCI function on vfio-pci" sh -c '! ls /sys/bus/pci/drivers/vfio-pci/ 2>/dev/null | grep -q "^0000:"'
no_driverless

# The log names the address and both ids; nothing was unbound or bound.
check "kmsg: the pin names 01:00.0, its id 8086:10d3 and the pinned 8086:1234" \
	kmsg_has "vmreserve: .*'0000:01:00@8086:1234'.* $gpu is 8086:10d3, not 8086:1234: nothing taken there"
check "kmsg: no 'unbound from' line" sh -c '! dmesg | grep -q "vmreserve: .*: unbound from"'
check "kmsg: no 'bound to vfio-pci' line" sh -c '! dmesg | grep -q "vmreserve: .*: bound to vfio-pci"'
check "kmsg: no 'matched no device' (the mismatch is named instead)" sh -c '! dmesg | grep -q "vmreserve: .*matched no device"'

# The record: the selector took nothing and says what was found there.
state_is "state sel.0 is the pinned slot" sel.0 "0000:01:00@8086:1234"
state_is "state sel.0.matches=0" sel.0.matches 0
state_is "state sel.0.mismatch=8086:10d3 (what the address holds)" sel.0.mismatch "8086:10d3"
state_is "state dev.count=0" dev.count 0
state_isnt "state result is not ok" result ok

# vmreserve status: one item asked, none in effect: exit 2; the selector is
# unmatched and a critical advice names both ids.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 2 true true
sj_is "status: asked 1" .asked 1
sj_is "status: in_effect 0" .in_effect 0
sj_is "status: no devices" '.devices | length' 0
sj_true "status: unmatched is the pinned selector" '.unmatched == ["0000:01:00@8086:1234"]'
sj_true "status: a critical advice names both ids" \
	'any(.advice[]; .level == "critical" and ((.problem + " " + .fix) | contains("8086:1234") and contains("8086:10d3")))'
