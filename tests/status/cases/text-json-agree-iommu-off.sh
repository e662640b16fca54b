# Text and JSON agree on the IOMMU-off R710 (devices without a group,
# critical advice) with a partial 2M request on node 0 (8G asked, 3000
# there) and no proc/interrupts (remapping unknown).
tree=noiommu
proc_cmdline='rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G'
early=1
prepare() {
	echo 3000 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	rm proc/interrupts
}

want_exit 1
want_text_json_agree
