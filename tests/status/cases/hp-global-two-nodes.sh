# The kernel's own hugepages=2048 beside rd.vmreserve.hugepages=0:4G on a
# two-node host: at boot the kernel spread its 2048 2M pages over both
# nodes (1024 each, node 1's 256 among them), then the early binary raised
# node 0 to 4G / 2M = 2048. Node 0's entry is in effect (1 of 1), but node
# 1 holds 1024 pages (2 GiB) nobody asked for there: a warning, exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on hugepages=2048 rd.vmreserve.hugepages=0:4G'
early=1
boot() {
	echo 1024 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 1024 >$NODE/node0/hugepages/hugepages-2048kB/free_hugepages
	echo 1024 >$NODE/node1/hugepages/hugepages-2048kB/nr_hugepages
	echo 1024 >$NODE/node1/hugepages/hugepages-2048kB/free_hugepages
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",1,1]'
jq_is '[.hugepages[] | select(.page_kb == 2048) | [.node, .total, .requested, .level]]' '[[0,2048,2048,"ok"],[1,1024,null,"ok"]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("hugepages=2048"))' 'a warning names hugepages=2048'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("rd.vmreserve.hugepages"))'
