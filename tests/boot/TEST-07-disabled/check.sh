# shellcheck shell=sh
# TEST-07-disabled: with rd.vmreserve=0 vmreserve-early (the one owner of
# the keys: the hook runs it whatever the command line says) changes
# nothing, says so in one kernel log line and records "disabled".

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
check "rd.vmreserve=0 on the command line" cmdline_has rd.vmreserve=0
is "GPU function 0 on e1000e" "$(pci_driver "$gpu")" "e1000e"
is "GPU audio on snd_hda_intel" "$(pci_driver "$audio")" "snd_hda_intel"
is "no driver_override on GPU function 0" "$(pci_override "$gpu")" ""
is "no driver_override on GPU audio" "$(pci_override "$audio")" ""
is "control NIC on e1000e" "$(pci_driver "$(control_bdf)")" "e1000e"
is "node0 2048kB nr_hugepages = 0" "$(hp_nr 0 2048)" "0"
is "node1 2048kB nr_hugepages = 0" "$(hp_nr 1 2048)" "0"
check "vfio_pci not loaded" sh -c '! grep -q "^vfio_pci " /proc/modules'
check "vfio-pci driver not registered" test ! -e /sys/bus/pci/drivers/vfio-pci
# The binary ran, did nothing, and said so once.
check "kmsg: disabled, nothing done" \
	kmsg_has_line 'vmreserve: disabled by rd.vmreserve=0: nothing done'
is "one vmreserve: kernel log line" "$(kmsg_lines | wc -l)" "1"
state_is "state disabled=1" disabled 1
state_is "state result=disabled" result disabled
state_is "state exit=0" exit 0
check "no device or hugepage lines in the state" \
	sh -c '! grep -Eq "^(hp|dev)\." /run/vmreserve/state'

# vmreserve status: rd.vmreserve=0: nothing asked, exit 0.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: cmdline.disabled true" .cmdline.disabled true
sj_is "status: asked 0" .asked 0
sj_is "status: in_effect 0" .in_effect 0
sj_is "status: early.ran true" .early.ran true
sj_is "status: no warning or critical advice" \
	'[.advice[] | select(.level == "warning" or .level == "critical")] | length' 0
