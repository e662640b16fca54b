# A new card moved the GTX 1050 to another bus; the domain still names
# 07:00.0, which this host does not have (the R710 has 00:01.0, 06:00.x,
# 08:03.0): libvirt would fail late, so check-domain says so now: does not
# fit, exit 2, naming the address and how to find the device.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/moved.xml"
prepare() {
	sed "s/bus='0x06' slot='0x00' function='0x1'/bus='0x07' slot='0x00' function='0x0'/" \
		"$here/libvirt/guest-r710.xml" >"$work/moved.xml"
	grep -q "bus='0x07'" "$work/moved.xml"
}

want_exit 2
jq_is '[.hostdevs[] | [.address, .exists, .level]]' '[["0000:06:00.0",true,"ok"],["0000:07:00.0",false,"critical"]]'
jq_ok '[.advice[] | select(.level == "critical") | .problem + " " + .fix] | any(contains("0000:07:00.0") and contains("no such PCI device") and contains("lspci"))'
