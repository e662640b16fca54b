# The old recipe left on the command line beside rd.vmreserve.pci:
# modprobe.blacklist=nouveau and vfio-pci.ids= with the GTX 1050's ids.
# The tree has no other nouveau device and no other device with those ids,
# so both keys only duplicate the selection: a note each, naming what is
# covered (issue 19: the old warnings claimed they held other cards, and
# the ids fix removed the key whatever else it held). The devices are on
# vfio-pci (2 of 2); the address selector's pin note is the third note:
# exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on modprobe.blacklist=nouveau vfio-pci.ids=10de:1c81,10de:0fb9 rd.vmreserve.pci=06:00'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '[.advice[] | .level]' '["note","note","note"]'
jq_ok '[.advice[] | .problem] | any(startswith("modprobe.blacklist=nouveau:") and contains("(0000:06:00.0)"))' 'a note about modprobe.blacklist=nouveau'
jq_ok '[.advice[] | .problem] | any(startswith("vfio-pci.ids=10de:1c81,10de:0fb9:") and contains("10de:1c81 (0000:06:00.0), 10de:0fb9 (0000:06:00.1)") and contains("holds nothing else"))' 'a note about vfio-pci.ids= naming each device'
jq_ok '[.advice[] | .fix] | any(startswith("remove vfio-pci.ids=10de:1c81,10de:0fb9"))'
