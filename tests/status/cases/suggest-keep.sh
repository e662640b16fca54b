# The host already boots with rd.vmreserve.keep=1G (node 0: 12 GiB, 11 GiB
# free, no state record): vmreserve-early would clamp to the free memory
# in the initramfs less that margin; suggest's estimate of the former is
# the free memory now less 256 MiB: 11 GiB - 256 MiB - 1 GiB = 9984 MiB.
# The keys replace the host's, so they carry its keep=1G (without it the
# default margin, a quarter at most 2 GiB, would clamp 9G at boot), on the
# command line and in the conf lines alike; 10G is refused naming 9984M.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.keep=1G'
args='suggest 06:00 --memory 9G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 0
jq_is '[.limit_kb, .keep_kb]' '[10223616,1048576]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:9G rd.vmreserve.keep=1G"'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:9G","keep=1G"]'
again suggest 06:00 --memory 4G --json
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:4G","keep=1G"]'
again suggest 06:00 --memory 10G
want_exit 3
want_stderr_like '*at most 9984M*'
