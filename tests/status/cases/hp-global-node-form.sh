# The kernel's per-node form hugepages=0:1024 (5.16+) already says where
# the pages go: no advice about it, exit 0 (the asked 0:2G = 1024 pages
# on node 0 are there).
tree=r710
proc_cmdline='intel_iommu=on hugepages=0:1024 rd.vmreserve.hugepages=0:2G'
early=1
boot() {
	echo 1024 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 1024 >$NODE/node0/hugepages/hugepages-2048kB/free_hugepages
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",1,1,[]]'
