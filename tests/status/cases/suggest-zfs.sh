# suggest judges the ZFS ARC against the memory after its keys: the R710
# (2 x 12 GiB) with zfs loaded, zfs_arc_max=0 and OpenZFS 2.2 (half of
# memory: 12 GiB). suggest 06:00 --memory 8G on node 0; node 1 keeps its
# 256 2M pages (512 MiB; no kernel hugepages= on the command line, so it is
# not emptied). Hugepages after the keys: 8192 + 512 = 8704 MiB; keep
# margins 2 + 2 GiB; 12288 + 8704 + 4096 = 25088 MiB > 24576: a warning
# (exit 1) with zfs_arc_max = 24576 - 8704 - 4096 = 11776 MiB =
# 12348030976 bytes.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --memory 8G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	mkdir -p sys/module/zfs/parameters
	echo 0 >sys/module/zfs/parameters/zfs_arc_max
	echo 2.2.6-pve1 >sys/module/zfs/version
}

want_exit 1
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | contains("12288 MiB") and contains("8704 MiB") and contains("(4096 MiB)")'
jq_ok '.advice[0].fix | startswith("set zfs_arc_max=12348030976:")'
again suggest 06:00 --memory 7G --json
want_exit 0
jq_is '.advice' '[]'
