# All asked is in effect, but a node is left below its keep margin: after
# a good boot with rd.vmreserve.hugepages=0:8G (4096 2M pages), someone
# raised node 0's pool by hand to 5500 pages (11000 MiB). Node 0 has
# 12 GiB (12288 MiB); the default margin is min(2 GiB, a quarter) =
# 2048 MiB, so at most 10240 MiB may be in hugepages. 4096 asked <= 5500
# there: in effect (1 of 1), but the node is short of memory for the host:
# a risk, a warning, exit 1.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:8G'
early=1
prepare() {
	echo 5500 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 5500 >$NODE/node0/hugepages/hugepages-2048kB/free_hugepages
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",1,1]'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | (contains("node 0") and contains("11000 MiB") and contains("keep margin (2048 MiB)"))'
