# One 2M page above the keep margin is a risk (keep-margin-exact is the
# margin exactly met). As there, but node 0's pool is 5121 pages =
# 10242 MiB: 10242 + 2048 = 12290 > 12288 MiB. In effect (1 of 1), but a
# warning for node 0: exit 1.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:8G'
early=1
prepare() {
	echo 5121 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 5121 >$NODE/node0/hugepages/hugepages-2048kB/free_hugepages
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",1,1]'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | (contains("node 0") and contains("10242 MiB") and contains("keep margin (2048 MiB)"))'
