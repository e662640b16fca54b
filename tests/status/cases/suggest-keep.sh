# The host already boots with rd.vmreserve.keep=1G (node 0: 12 GiB, 11 GiB
# free, no state record): vmreserve-early would clamp to the free memory
# less that margin, 11 - 1 = 10 GiB. The keys replace the host's, so they
# carry its keep=1G (without it the default margin, a quarter at most 2
# GiB, would clamp 10G to 9G at boot), on the command line and in the
# conf lines alike; 11G is refused naming 10G.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.keep=1G'
args='suggest 06:00 --memory 10G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 0
jq_is '[.limit_kb, .keep_kb]' '[10485760,1048576]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:10G rd.vmreserve.keep=1G"'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:10G","keep=1G"]'
again suggest 06:00 --memory 4G --json
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:4G","keep=1G"]'
again suggest 06:00 --memory 11G
want_exit 3
want_stderr_like '*at most 10G*'
