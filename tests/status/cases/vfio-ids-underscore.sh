# vfio_pci.ids= (underscore: the same module parameter) with a
# subvendor-qualified id that covers the selected 06:00.0 (no other
# device has the id): the duplicate is said as a note, under the key as
# written, and its fix removes it as written (issue 19: a warning before,
# though it held nothing else). The pin note beside it: exit 0.
tree=r710
proc_cmdline='intel_iommu=on vfio_pci.ids=10de:1c81:1043:85d7 rd.vmreserve.pci=06:00'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_ok '[.advice[] | .problem] | any(startswith("vfio_pci.ids=10de:1c81:1043:85d7:") and contains("10de:1c81 (0000:06:00.0)"))'
jq_ok '[.advice[] | .fix] | any(startswith("remove vfio_pci.ids=10de:1c81:1043:85d7"))'
