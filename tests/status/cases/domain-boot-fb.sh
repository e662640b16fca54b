# The R710's boot GPU, the Matrox G200eW (08:03.0, on mgag200, group 20
# alone), passed through (managed='yes'), with the firmware's framebuffer
# (BOOTFB in /proc/iomem) inside its BAR 0 (resource: d5000000-d5ffffff,
# memory): on Ubuntu 22.04's kernel (5.15) vfio-pci does not remove it, so
# QEMU fails with "BAR 0: can't reserve": does not fit, exit 2, the fix
# names initcall_blacklist=sysfb_init (5.15+: sysfb registers the
# framebuffer itself, video=efifb:off is not enough).
#   The same on Debian 12's 6.1 (again): vfio-pci removes the framebuffer
#   of a VGA device when libvirt hands it over (6.0+): a note, and the boot
#   VGA warning (the host console goes): fits with warnings, exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-5.15.0-91-generic root=UUID=0b3d ro quiet intel_iommu=on'
args="check-domain --json $work/vga.xml"
prepare() {
	d=sys/bus/pci/devices/0000:08:03.0
	{
		echo '0x00000000d5000000 0x00000000d5ffffff 0x0000000000042208'
		echo '0x00000000d6000000 0x00000000d6003fff 0x0000000000040200'
		for _ in 1 2 3 4 5; do
			echo '0x0000000000000000 0x0000000000000000 0x0000000000000000'
		done
	} >"$d/resource"
	printf '00000000-00000fff : Reserved\nd5000000-d52fffff : BOOTFB\n' >proc/iomem
	printf '5.15.0-91-generic\n' >proc/sys/kernel/osrelease
	awk "/<hostdev/ { n++ } n == 2 && /<hostdev/, n == 2 && /<\/hostdev>/ { next } { print }" \
		"$here/libvirt/guest-r710.xml" |
		sed "s/bus='0x06' slot='0x00' function='0x0'/bus='0x08' slot='0x03' function='0x0'/" \
		>"$work/vga.xml"
	sed -i "s/<page size='1048576' unit='KiB' nodeset='0'\/>//" "$work/vga.xml"
	sed -i "/<hugepages>/,/<\/memoryBacking>/d; /<memoryBacking>/d" "$work/vga.xml"
	grep -q "bus='0x08'" "$work/vga.xml" && ! grep -q hugepages "$work/vga.xml"
}

want_exit 2
jq_is '[.hostdevs[] | [.address, .driver, .boot_vga, .level]]' '[["0000:08:03.0","mgag200",true,"critical"]]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("BOOTFB") and contains("BAR 0") and contains("0000:08:03.0"))'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("initcall_blacklist=sysfb_init"))'
jq_is '.hugepage_backed' 'false'

[ "$mode" = check ] && printf '6.1.0-13-amd64\n' >"$sys/proc/sys/kernel/osrelease"
again check-domain --json "$work/vga.xml"
want_exit 1
jq_is '[.hostdevs[] | .level]' '["warning"]'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("BOOTFB") and contains("6.0"))'
jq_not '[.advice[] | select(.level == "critical")] | length > 0'
