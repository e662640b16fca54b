# The PCI NIC 06:00.0 behind a PCIe-to-PCI bridge, pinned to its id
# (8086:107c), is on vfio-pci after boot (1 of 1 in effect), but its IOMMU
# group 11 also holds the bridge 05:00.0, still on shpchp. shpchp does not
# set driver_managed_dma: since 5.19 VFIO cannot claim the group while it
# holds a member, bridge or not. Not viable, exit 1, the advice names the
# bridge and its driver. The early binary says the same for this tree
# (tests/fixtures/cases/pci-group-shpchp-bridge.sh).
tree=dmaowner
proc_cmdline='ro intel_iommu=on rd.vmreserve.pci=06:00.0@8086:107c'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",1,1]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .in_effect]]' '[["0000:06:00.0","vfio-pci",11,false,true]]'
jq_is '.devices[0].blocking' '[{"address":"0000:05:00.0","id":"12d8:e111","driver":"shpchp"}]'
jq_is '[.advice[] | select(.level == "warning")] | length' '1'
jq_ok '.advice[] | select(.level == "warning") | .problem | (contains("0000:05:00.0") and contains("shpchp") and contains("11"))' 'the warning names the bridge, its driver and the group'
jq_not '[.advice[] | .problem] | any(contains("00:1c.0"))' 'the root port on pcieport is not named'
want_text_json_agree

# groups judges every group the same way: 11 not viable for the bridge
# alone, the root port's group 10 viable.
again groups --json
want_exit 0
jq_is '[.groups[] | select(.group == 10 or .group == 11) | [.group, .viable]]' '[[10,true],[11,false]]'
jq_is '[.groups[] | select(.group == 11) | .devices[] | [.address, .driver, .blocks]]' '[["0000:05:00.0","shpchp",true],["0000:06:00.0","vfio-pci",false]]'
