# suggest-host-plan-conf with the host's /etc/vmreserve.conf starting
# with a UTF-8 byte-order mark (EF BB BF), as some editors write it: the
# tool skips it as vmreserve-early does (vmreserve.conf(5)), so line 1
# still selects 05:00 and the keys are the same as without the mark:
# the file's selector and entries, with node 0's 2M entry added (5G:
# half of node 0's 12 GiB above the 2 GiB keep margin).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	mkdir -p etc
	printf '\357\273\277pci=05:00\nhugepages=0:1G:1G,1:2G\n' >etc/vmreserve.conf
}

want_exit 0
jq_is '.conf' '["pci=0000:05:00,06:00@10de:1c81","hugepages=0:1G:1G,1:2G,0:5G"]'
