# --memory larger than the node gives: the stock R710's node 0 has 12 GiB
# (MemTotal 12582912 kB) of which 11 GiB is free (MemFree 11534336 kB);
# its keep margin is a quarter, at most 2 GiB: 2 GiB. vmreserve-early
# clamps to what is free in the initramfs less the margin, and no boot has
# measured that yet (no state record): the free memory now less what the
# initramfs may use (suggest's stated 256 MiB) is the bound, 11 GiB - 256
# MiB - 2 GiB = 8960 MiB of 2M pages. 12G is refused (exit 3) naming
# 8960M; so is 10G, which the node's total less the margin would allow but
# the boot would clamp (partial).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 0000:06:00.0 --memory 12G'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 3
want_empty_stdout
want_stderr_like '*--memory 12G*node 0*at most 8960M*free memory now*upper bound*use --memory 8960M or less*'
again suggest 0000:06:00.0 --memory 10G --json
want_exit 3
want_stderr_like '*at most 8960M*'
# 8960M fits exactly: accepted, 4480 pages.
again suggest 0000:06:00.0 --memory 8960M --json
want_exit 0
jq_is '[.memory_kb, .pages, .limit_kb, .limit_from]' '[9175040,4480,9175040,"free_now"]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8960M"'
# No --memory: half of the node above its keep margin, whole GiB:
# (12582912 - 2097152) / 2 kB = 5 GiB, below the 8960M that fit (shown).
again suggest 06:00 --json
jq_is '[.memory_kb, .memory_from]' '[5242880,"half_node"]'
again suggest 06:00
want_like 'Memory: 5G in 2560 pages of 2M on node 0, the default: half of the node*(at most 8960M fits:*upper bound until vmreserve-early measures it at boot)'
# 1G pages: 4 of them (the tree's nodes offer hugepages-1048576kB).
again suggest 06:00 --page-size 1G --memory 4G --json
want_exit 0
jq_is '[.page_kb, .pages, .cmdline]' '[1048576,4,"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:4G:1G"]'
# With node 0's MemFree down to 6 GiB, less fits than half: 6144 - 256 -
# 2048 = 3840 MiB; the default is then the largest whole GiB of it, 3G.
[ $mode = check ] && sed -i 's/MemFree: *[0-9]* kB/MemFree:         6291456 kB/' "$sys/sys/devices/system/node/node0/meminfo"
again suggest 06:00 --json
jq_is '[.memory_kb, .memory_from, .limit_kb]' '[3145728,"limit",3932160]'
