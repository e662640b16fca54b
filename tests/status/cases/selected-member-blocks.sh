# No state record (the dracut module was missing): 06:00.0 was bound to
# vfio-pci by hand after boot, but 06:00.1 -- selected too, by the slot --
# is still on snd_hda_intel. Group 17 is not viable because of 06:00.1.
# vmreserve(8) lists in blocking[] only the unselected members (a selected
# one has its own entry and advice), so 06:00.0's blocking[] is empty; the
# reason must then be found in the same report: 06:00.1 is listed in
# group 17, not in effect, on snd_hda_intel, and the advice names it.
# 1 of 2 in effect, exit 1.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
prepare() {
	. "$fixtures/lib.sh"
	fx_unbind . 0000:06:00.0
	fx_driver . vfio-pci
	ln -s ../../../../bus/pci/drivers/vfio-pci sys/devices/pci0000:00/0000:00:01.0/0000:06:00.0/driver
	ln -s ../../../../devices/pci0000:00/0000:00:01.0/0000:06:00.0 sys/bus/pci/drivers/vfio-pci/0000:06:00.0
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,1]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .in_effect]]' '[["0000:06:00.0","vfio-pci",17,false,true],["0000:06:00.1","snd_hda_intel",17,false,false]]'
jq_is '[.devices[] | .blocking]' '[[],[]]'
# Every group that is not viable says why, here or in a selected member's
# own entry: a member on blocking[], or a selected member of the same
# group that is not on vfio-pci.
jq_ok '. as $r | all($r.devices[]; .group_viable != false or (.blocking | length) > 0 or (.iommu_group as $g | any($r.devices[]; .iommu_group == $g and (.in_effect | not))))' 'every not-viable group has its reason in the report'
jq_ok '[.advice[] | select(.level != "note") | .problem] | any(contains("0000:06:00.1") and contains("snd_hda_intel"))' 'the advice names 06:00.1 on snd_hda_intel'

again groups --json
jq_is '[.groups[] | select(.group == 17) | .viable, [.devices[] | [.address, .blocks]]]' '[false,[["0000:06:00.0",false],["0000:06:00.1",true]]]'
