# The domain passes through the R710's Matrox G200eW (08:03.0), the boot
# VGA device, still on mgag200, managed='yes', alone in group 20: libvirt
# would take the host console's GPU: fits with warnings, exit 1 (its host
# driver, and the boot VGA device).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/vga.xml"
prepare() {
	awk "/<hostdev/ { n++ } n == 2 && /<hostdev/, n == 2 && /<\/hostdev>/ { next } { print }" \
		"$here/libvirt/guest-r710.xml" |
		sed "s/bus='0x06' slot='0x00' function='0x0'/bus='0x08' slot='0x03' function='0x0'/" >"$work/vga.xml"
	grep -q "bus='0x08'" "$work/vga.xml"
}

want_exit 1
jq_is '[.hostdevs[] | [.address, .driver, .iommu_group, .group_viable, .boot_vga, .level]]' '[["0000:08:03.0","mgag200",20,true,true,"warning"]]'
jq_ok '[.advice[] | .problem] | any(contains("boot VGA"))'
jq_ok '[.advice[] | .problem] | any(contains("mgag200"))'
