# The host already passes 05:00 through and reserves 8G of 2M pages on
# node 0 (the finding's command line); a second VM for 06:00 on node 0.
# A new rd.vmreserve.hugepages=0:4G would replace 0:8G (same node and page
# size: the last entry wins), so the first VM would lose its memory; and
# at boot node 0 (11 GiB free now, of which suggest expects the initramfs
# to use 256 MiB; keep 2 GiB) holds at most 8960 MiB of pages in all: 8
# GiB are the host's, 768 MiB are left. --memory 4G is refused naming 768M
# and the 8G; --memory 512M gives the whole configuration: both
# selectors, node 0's entry 8192 + 512 = 8704M.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=05:00 rd.vmreserve.hugepages=0:8G'
args='suggest 06:00 --memory 4G'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}

want_exit 3
want_stderr_like '*--memory 4G*at most 768M*beside the 8G the host*use --memory 768M or less*'
# The same with the keys given as --cmdline (the finding's form).
again suggest 06:00 --cmdline 'ro intel_iommu=on rd.vmreserve.pci=05:00 rd.vmreserve.hugepages=0:8G' --memory 4G
want_exit 3
want_stderr_like '*at most 768M*beside the 8G*'
again suggest 06:00 --cmdline 'ro intel_iommu=on rd.vmreserve.pci=05:00 rd.vmreserve.hugepages=0:8G' --memory 512M --json
want_exit 0
jq_is '[.memory_kb, .limit_kb, .host_kb, .keys_replace_host]' '[524288,786432,8388608,true]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=0000:05:00,06:00@10de:1c81 rd.vmreserve.hugepages=0:8704M"'
jq_is '.conf' '["pci=0000:05:00,06:00@10de:1c81","hugepages=0:8704M"]'
again suggest 06:00 --cmdline 'ro intel_iommu=on rd.vmreserve.pci=05:00 rd.vmreserve.hugepages=0:8G' --memory 512M
want_like '*replace its rd.vmreserve keys*'
want_line 'Node 0: the keys ask 8704M of 2M pages: the host'"'"'s 8G and this VM'"'"'s 512M'
