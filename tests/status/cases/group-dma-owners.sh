# Two shared groups whose other member is on a driver with
# driver_managed_dma: 07:00.1's group 12 holds 07:00.0 on mlx5_vfio_pci (a
# vfio-pci variant driver whose name does not start with "vfio"), 08:00.0's
# group 13 holds 08:00.1 on pci-stub. Both groups are viable, both
# functions are on vfio-pci (2 of 2), both selectors are pinned (no pin
# note): no advice, exit 0. The early binary says the same for this tree
# (tests/fixtures/cases/pci-group-dma-owners.sh).
tree=dmaowner
proc_cmdline='ro intel_iommu=on rd.vmreserve.pci=07:00.1@15b3:101e,08:00.0@8086:1521'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",2,2,[]]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .blocking]]' '[["0000:07:00.1","vfio-pci",12,true,[]],["0000:08:00.0","vfio-pci",13,true,[]]]'
want_text_json_agree
