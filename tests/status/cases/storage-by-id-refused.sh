# rd.vmreserve.pci=144d:a808 on the server with two PM983 drives: an id
# selector is refused for storage (it would take the root disk too), so
# the early binary took neither (status "refused"). Both are asked (2),
# neither in effect: exit 2; the advice says to select by address; the
# drives stay on nvme, NUMA node 0.
tree=storage
proc_cmdline='intel_iommu=on rd.vmreserve.pci=144d:a808'
early=1

want_exit 2
jq_is '[.verdict, .asked, .in_effect]' '["critical",2,0]'
jq_is '[.devices[] | [.address, .selector, .driver, .early_status, .numa_node, .class_name]]' \
	'[["0000:01:00.0","144d:a808","nvme","refused",0,"Non-Volatile memory controller"],["0000:02:00.0","144d:a808","nvme","refused",0,"Non-Volatile memory controller"]]'
jq_ok '[.advice[] | select(.level != "note") | .fix] | any(contains("address") or contains("DDDD:BB:SS.F"))' 'advice: select it by address'
