# The old recipe left on the command line beside rd.vmreserve.pci:
# modprobe.blacklist=nouveau (keeps nouveau off every NVIDIA card, not only
# the selected one) and vfio-pci.ids= with the GTX 1050's ids (duplicates
# the selection, and takes every card with those ids). The devices are on
# vfio-pci (2 of 2), but both keys get a warning: exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on modprobe.blacklist=nouveau vfio-pci.ids=10de:1c81,10de:0fb9 rd.vmreserve.pci=06:00'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,2]'
jq_is '[.advice[] | select(.level == "warning")] | length' '2'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("modprobe.blacklist") and contains("nouveau"))' 'a warning about modprobe.blacklist=nouveau'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vfio-pci.ids"))' 'a warning about vfio-pci.ids='
jq_ok '[.advice[] | select(.problem | contains("vfio-pci.ids")) | .problem] | any(contains("0000:06:00"))' 'it names a device both select'
