# The host's plan in /etc/vmreserve.conf: 05:00, one 1G page on node 0 and
# 2G on node 1. At boot vmreserve-early takes the 1G page first (large
# pages first), leaving 10 of node 0's 11 GiB free (suggest expects the
# initramfs to use 256 MiB of it); keep 2 GiB: 7936 MiB of 2M pages fit;
# the default is half the node above its keep margin, (12 - 2) / 2 = 5G. The keys carry the file's selector and
# entries (they replace the host's keys), with node 0's 2M entry added.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	mkdir -p etc
	printf 'pci=05:00\nhugepages=0:1G:1G,1:2G\n' >etc/vmreserve.conf
}

want_exit 0
jq_is '[.memory_kb, .limit_kb, .host_kb, .host_other_kb]' '[5242880,8126464,0,1048576]'
jq_is '.conf' '["pci=0000:05:00,06:00@10de:1c81","hugepages=0:1G:1G,1:2G,0:5G"]'
# The slot already selected by the host (pinned or not): not repeated.
again suggest 06:00 --cmdline 'ro intel_iommu=on rd.vmreserve.pci=06:00' --json
jq_is '.conf' '["pci=0000:05:00,06:00@10de:1c81","hugepages=0:1G:1G,1:2G,0:5G"]'
