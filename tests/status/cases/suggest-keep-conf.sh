# keep=1G in /etc/vmreserve.conf, none on the command line: vmreserve-early
# reads the file first, so the node keeps 1 GiB, and the same 9984 MiB as
# suggest-keep fit (11 GiB free less 256 MiB for the initramfs less 1
# GiB); the default is half the node above the margin, (12 - 1) / 2 =
# 5.5 GiB, whole GiB 5G, and the keys carry keep=1G. With
# rd.vmreserve.keep=2G on the command line too, the command line is read
# last and wins (a scalar key): 8960 MiB fit, the default (12 - 2) / 2 =
# 5G.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	mkdir -p etc
	printf '# the host margin\nkeep=1G\n' >etc/vmreserve.conf
}

want_exit 0
jq_is '[.limit_kb, .keep_kb, .memory_kb]' '[10223616,1048576,5242880]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:5G rd.vmreserve.keep=1G"'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:5G","keep=1G"]'
again suggest 06:00 --cmdline 'ro intel_iommu=on rd.vmreserve.keep=2G' --json
jq_is '[.limit_kb, .keep_kb]' '[9175040,2097152]'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:5G","keep=2G"]'
