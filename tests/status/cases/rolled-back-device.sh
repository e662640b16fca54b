# The GTX 1050's slot, but vfio-pci's probe of the VGA function failed at
# boot (kernel model: vfio-fails): vmreserve-early rolled it back, and
# nouveau took it again; the audio function is on vfio-pci. The record
# says rolled-back and why; the tool shows that status and gives one
# critical item whose fix carries the record's why. Group 17 is not viable
# while the GPU is back on nouveau, though 06:00.1 is on vfio-pci: both
# devices say so (group_viable false), and the GPU's own critical item is
# the reason; no group warning repeats it (vmreserve(8), Group viability:
# only members that are not selected get one). 1 of 2 in effect: exit 1.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
boot() {
	mkdir -p .kmodel
	printf '%s\n' 'vfio-fails 0000:06:00.0' 'host 0000:06:00.0 nouveau' \
		>.kmodel/rules
}

want_exit 1
jq_is '[.asked, .in_effect]' '[2,1]'
jq_is '[.devices[] | [.address, .driver, .driver_override, .early_status, .in_effect]]' \
	'[["0000:06:00.0","nouveau",null,"rolled-back",false],["0000:06:00.1","vfio-pci","vfio-pci","bound",true]]'
jq_is '[.advice[] | select(.level == "critical") | [.problem, .fix]]' \
	"[[\"0000:06:00.0 (selected by '0000:06:00') is on nouveau, not on vfio-pci\",\"vmreserve-early gave it back to its host driver at boot: vfio-pci did not bind; see 'dmesg | grep vmreserve:'\"]]"
jq_is '[.advice[] | select(.level == "warning") | [.problem, .fix]]' '[]'
jq_is '[.devices[] | .group_viable]' '[false,false]'
want_text_json_agree
