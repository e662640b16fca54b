# The limit from what vmreserve-early measured at boot: this boot's record
# holds node 0's free memory before its request (hp.0.free_kb = the tree's
# MemFree, 11534336 kB) and the pages held then (hp.0.before = 0). The
# early binary clamps to before + (free - keep): 11534336 - 2097152 kB =
# 9 GiB for node 0's 2M entry, below the node-total rule (12 - 2 = 10 GiB).
# The host's plan (the record's parameters) already asks 1G there, and the
# new entry replaces it: 9 - 1 = 8 GiB are left for the VM (--memory 9G
# refused naming 8G). The default is half the node above its keep
# margin, (12 - 2) / 2 = 5G, below that: the keys ask 1G + 5G, 0:6G.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.hugepages=0:1G'
early=1
args='suggest 06:00 --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 0
jq_is '[.node, .limit_kb, .limit_from, .memory_kb, .host_kb]' '[0,8388608,"boot_free",5242880,1048576]'
jq_is '.host_plan_from' '"/run/vmreserve/state"'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:6G"]'
again suggest 06:00 --memory 9G
want_exit 3
want_stderr_like '*at most 8G*beside the 1G*measured at boot*use --memory 8G or less*'
