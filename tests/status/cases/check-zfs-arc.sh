# ZFS ARC beside the hugepages: 8G of 2M pages on each R710 node (16 GiB
# of 24 GiB: MemTotal 2 x 12582912 kB), keep margins 2 + 2 GiB. With
# zfs_arc_max=0 and OpenZFS 2.2 the ARC may take half of memory, 12 GiB:
# 12 + 16 + 4 > 24, a warning; the value that fits is 24 - 16 - 4 = 4 GiB
# = 4294967296 bytes. zfs_arc_max=4294967296: fits exactly, no warning.
# OpenZFS 2.3 with 0: the larger of 5/8 (15 GiB) and all but 1 GiB
# (23 GiB): 23552 MiB.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8G,1:8G'
early=1
prepare() {
	mkdir -p sys/module/zfs/parameters
	echo 0 >sys/module/zfs/parameters/zfs_arc_max
	echo 2.2.6-pve1 >sys/module/zfs/version
}

want_exit 1
jq_is '[.asked, .in_effect]' '[4,4]'
jq_is '[.advice[] | .level]' '["warning"]'
jq_is '.advice[0].problem' '"the ZFS ARC may grow to 12288 MiB (zfs_arc_max=0, OpenZFS'"'"'s default: half of memory) and the hugepages hold 16384 MiB: with the keep margins (4096 MiB) that is more than the 24576 MiB of memory, and the host runs out of memory under I/O"'
jq_ok '.advice[0].fix | startswith("set zfs_arc_max=4294967296: '"'"'options zfs zfs_arc_max=4294967296'"'"' in /etc/modprobe.d/zfs.conf")'
[ $mode = check ] && echo 4294967296 >"$sys/sys/module/zfs/parameters/zfs_arc_max"
again status --json
want_exit 0
jq_is '.advice' '[]'
[ $mode = check ] && { echo 0 >"$sys/sys/module/zfs/parameters/zfs_arc_max"; echo 2.3.0-1 >"$sys/sys/module/zfs/version"; }
again status --json
want_exit 1
jq_ok '.advice[0].problem | contains("23552 MiB") and contains("5/8 of memory or all but 1 GiB")'
