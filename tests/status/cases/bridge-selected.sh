# Selecting the root port 00:01.0 by address: bridges are never taken.
# Asked 1, not in effect (still on pcieport): exit 2, the advice says
# bridges are never taken and to select the device behind it.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=00:01.0'
early=1

want_exit 2
jq_is '[.verdict, .asked, .in_effect]' '["critical",1,0]'
jq_is '[.devices[] | [.address, .driver, .in_effect]]' '[["0000:00:01.0","pcieport",false]]'
jq_ok '[.advice[] | .problem] | any(contains("bridge"))'
