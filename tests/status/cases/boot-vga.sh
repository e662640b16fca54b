# The boot VGA (Matrox 08:03.0, group 20 of its own) passed through: in
# effect, exit 0, but a note that the host console loses it. Pinned to the
# Matrox (102b:0532), so no pin note.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=08:03.0@102b:0532'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",1,1]'
jq_is '[.devices[] | [.address, .boot_vga, .driver, .iommu_group, .group_viable, .host_drivers]]' '[["0000:08:03.0",true,"vfio-pci",20,true,["mgag200"]]]'
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("boot VGA")'
