# --memory larger than the node gives: the stock R710's node 0 has 12 GiB
# (MemTotal 12582912 kB); its keep margin is a quarter, at most 2 GiB:
# 2 GiB, so at most 10G of 2M pages. 12G is refused (exit 3) naming 10G.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 0000:06:00.0 --memory 12G'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 3
want_empty_stdout
want_stderr_like '*--memory 12G*node 0*at most 10G*use --memory 10G or less*'
# 10G fits exactly: accepted, 5120 pages.
again suggest 0000:06:00.0 --memory 10G --json
want_exit 0
jq_is '[.memory_kb, .pages, .limit_kb]' '[10485760,5120,10485760]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:10G"'
# No --memory: the largest whole GiB that fits, 10G.
again suggest 06:00 --json
jq_is '.memory_kb' '10485760'
# 1G pages: 10 of them (the tree's nodes offer hugepages-1048576kB).
again suggest 06:00 --page-size 1G --memory 4G --json
want_exit 0
jq_is '[.page_kb, .pages, .cmdline]' '[1048576,4,"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:4G:1G"]'
