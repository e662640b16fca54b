# A number in the domain XML starts with a digit (issue 20): strtoull
# skips a leading blank and then takes a sign, so a PCI bus written
# '&#9;+0x06' (a tab) or '&#13;+6' (a CR) read as bus 6, and '&#9;-1' as
# 2^64-1 before the range check. libvirt's own parser wants the digits.
# The R710 guest with the bus of its first hostdev so written: exit 3,
# naming the attribute; a vCPU pin's vcpu='&#13;+1' too.
tree=r710
proc_cmdline='intel_iommu=on'
args="check-domain $work/tab.xml"
prepare() {
	sed "0,/bus='0x06' slot='0x00' function='0x0'/s//bus='\&#9;+0x06' slot='0x00' function='0x0'/" \
		"$here/libvirt/guest-r710.xml" >"$work/tab.xml"
	sed "0,/bus='0x06' slot='0x00' function='0x0'/s//bus='\&#13;+6' slot='0x00' function='0x0'/" \
		"$here/libvirt/guest-r710.xml" >"$work/cr.xml"
	sed "s/<vcpupin vcpu='1' /<vcpupin vcpu='\&#13;+1' /" \
		"$here/libvirt/guest-r710.xml" >"$work/pin.xml"
	grep -q "bus='&#9;+0x06'" "$work/tab.xml" && grep -q "bus='&#13;+6'" "$work/cr.xml" &&
		grep -q "vcpu='&#13;+1'" "$work/pin.xml"
}

want_exit 3
want_stderr_like "*tab.xml: line *: <address bus='�+0x06'>: want a number up to 255"
again check-domain "$work/cr.xml"
want_exit 3
want_stderr_like "*cr.xml: line *: <address bus='�+6'>: want a number up to 255"
again check-domain "$work/pin.xml"
want_exit 3
want_stderr_like "*pin.xml: line *: <vcpupin vcpu='�+1'>: want a number up to 16383"
main
