# The second drive by address: bound to vfio-pci, its own group 2
# (viable), host driver nvme, NUMA node 0: exit 0. Pinned to the drive's
# ids (144d:a808, the same as the boot drive's at 01:00.0: a pin names the
# model, the address names the drive), so no pin note.
tree=storage
proc_cmdline='intel_iommu=on rd.vmreserve.pci=0000:02:00.0@144d:a808'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",1,1,[]]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .host_drivers, .numa_node]]' '[["0000:02:00.0","vfio-pci",2,true,["nvme"],0]]'
