# A dumped real machine: the boot-test QEMU VM as dump-sysfs.sh saw it
# (trees/qemu-2node.sh: 9 functions in 7 groups, two nodes, the early
# binary's record of rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:256,1:64).
# The tool runs without error; its counts equal the dump's: every group
# directory, every function with a group, the functions the record says
# were matched; and what the VM showed: both GPU stand-in functions on
# vfio-pci in viable group 5, 256 + 64 2M pages as asked: exit 0.
tree=qemu-2node

want_exit 0
want_empty_stderr
jq_is '[.verdict, .asked, .in_effect]' '["ok",4,4]'
jq_is '[.iommu.enabled, .iommu.acpi_table, .iommu.interrupt_remapping]' '[true,"DMAR",true]'
jq_is '[.devices[] | [.address, .id, .driver, .iommu_group, .group_viable, .early_status]]' \
	'[["0000:01:00.0","8086:10d3","vfio-pci",5,true,"bound"],["0000:01:00.1","8086:293e","vfio-pci",5,true,"bound"]]'
jq_is '[.devices[] | .host_drivers]' '[["e1000e"],["snd_hda_intel"]]'
jq_is '[.hugepages[] | select(.requested != null) | [.node, .page_kb, .total, .requested, .level]]' '[[0,2048,256,256,"ok"],[1,2048,64,64,"ok"]]'
jq_is '[.nodes[] | [.node, .cpus]]' '[[0,"0"],[1,"1"]]'
if [ $mode = check ]; then
	ngroups=$(ls "$sys/sys/kernel/iommu_groups" | wc -l)
	nfn=0
	for d in "$sys"/$D/*; do [ -L "$d/iommu_group" ] && nfn=$((nfn + 1)); done
	nsel=$(sed -n 's/^dev\.count=//p' "$sys/run/vmreserve/state")
	jq_is '.iommu.groups' "$ngroups"
	jq_is '.devices | length' "$nsel"
	again groups --json
	want_exit 0
	want_empty_stderr
	jq_is '.groups | length' "$ngroups"
	jq_is '[.groups[].devices[]] | length' "$nfn"
	# not viable: 3 (virtio-blk on virtio-pci), 6 (control NIC on e1000e);
	# 0 and 4 have no driver, 1 and 2 are ports on pcieport, 5 is vfio-pci
	jq_is '[.groups[] | select(.viable | not) | .group]' '[3,6]'
	again status --prometheus
	want_exit 0
fi
