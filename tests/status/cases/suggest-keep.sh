# The host already boots with rd.vmreserve.keep=1G (12 GiB node 0): the
# limit is 12 - 1 = 11 GiB. --memory 11G needs that keep: with the default
# (a quarter, at most 2 GiB) 11 + 2 > 12 and vmreserve-early would clamp,
# so the keys and the conf lines carry rd.vmreserve.keep=1G. --memory 10G
# fits the default too: no keep key.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.keep=1G'
args='suggest 06:00 --memory 11G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 0
jq_is '[.limit_kb, .keep_kb]' '[11534336,1048576]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:11G rd.vmreserve.keep=1G"'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:11G","keep=1G"]'
again suggest 06:00 --memory 10G --json
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:10G"]'
again suggest 06:00 --memory 12G
want_exit 3
want_stderr_like '*at most 11G*'
