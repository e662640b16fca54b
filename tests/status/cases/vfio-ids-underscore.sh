# vfio_pci.ids= (underscore: the same module parameter) with a
# subvendor-qualified id that covers the selected 06:00.0: the duplicate
# warning all the same, exit 1.
tree=r710
proc_cmdline='intel_iommu=on vfio_pci.ids=10de:1c81:1043:85d7 rd.vmreserve.pci=06:00'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,2]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("10de:1c81"))'
