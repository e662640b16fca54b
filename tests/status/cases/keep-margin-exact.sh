# The keep margin exactly met is not a risk (vmreserve(8): at most
# MemTotal - keep may be in hugepages; keep-margin-risk is the case above
# it). After a good boot with rd.vmreserve.hugepages=0:8G (4096 2M pages),
# node 0's pool is raised by hand to 5120 pages = 10240 MiB. Node 0 has
# 12 GiB = 12288 MiB; the default margin is min(2 GiB, a quarter of
# 12 GiB) = 2048 MiB; 10240 + 2048 = 12288: exactly the node, no advice.
# Node 1: 256 pages = 512 MiB, far below. 4096 asked <= 5120 there: in
# effect (1 of 1), exit 0.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:8G'
early=1
prepare() {
	echo 5120 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 5120 >$NODE/node0/hugepages/hugepages-2048kB/free_hugepages
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",1,1]'
jq_is '.advice' '[]'
