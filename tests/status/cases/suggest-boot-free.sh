# The limit from what vmreserve-early measured at boot: this boot's record
# holds node 0's free memory before its request (hp.0.free_kb = the tree's
# MemFree, 11534336 kB) and the pages held then (hp.0.before = 0). The
# early binary clamps to before + (free - keep): 11534336 - 2097152 kB =
# 9 GiB, below the node-total rule (12 GiB - 2 GiB = 10 GiB). So suggest
# gives at most 9G (default 9G; --memory 10G refused naming 9G).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.hugepages=0:1G'
early=1
args='suggest 06:00 --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 0
jq_is '[.node, .limit_kb, .limit_from, .memory_kb]' '[0,9437184,"boot_free",9437184]'
again suggest 06:00 --memory 10G
want_exit 3
want_stderr_like '*at most 9G*measured at boot*use --memory 9G or less*'
