# vmreserve(8), Group viability: a non-viable group that holds a selected
# device yields one warning for each blocking member that is NOT selected
# itself (a selected one has its own advice). The R710's slot 06:00 is
# selected; 06:00.0 was put on vfio-pci by hand, 06:00.1 is still on
# snd_hda_intel. Group 17 is not viable, but its only blocking member is
# selected: its own critical item says it is not on vfio-pci, and no group
# warning repeats it. The group's state is still in the report (not
# viable, 06:00.1 not in effect). 1 of 2 in effect, exit 1.
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
jq_is '[.devices[] | [.address, .group_viable, .in_effect]]' '[["0000:06:00.0",false,true],["0000:06:00.1",false,false]]'
jq_not '[.advice[] | .problem] | any(contains("IOMMU group 17"))' 'no group warning for a selected member'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0000:06:00.1") and contains("snd_hda_intel"))' 'its own item names it'
want_text_json_agree
