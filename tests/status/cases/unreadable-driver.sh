# After a good boot (06:00 on vfio-pci), the driver link of 06:00.1 cannot
# be read (a plain file in its place: readlink says EINVAL). Whether
# 06:00.1 is on vfio-pci is unknown, not "without a driver": in_effect
# null, a warning that it cannot be judged (not a critical "not on
# vfio-pci"); 06:00.0 is in effect: 1 of 2, exit 1. Group 17's viability
# depends on 06:00.1's driver: unknown (null) too.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	l=$D/0000:06:00.1/driver
	rm $l && echo x >$l
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,1]'
jq_is '[.devices[] | [.address, .driver, .in_effect, .group_viable]]' '[["0000:06:00.0","vfio-pci",true,null],["0000:06:00.1",null,null,null]]'
jq_ok '.devices[1].unknown.driver | endswith("/0000:06:00.1/driver: Invalid argument")'
jq_not '[.advice[] | select(.level == "critical")] | length > 0' 'no critical finding'
jq_ok '[.advice[] | .problem] | any(startswith("cannot judge whether 0000:06:00.1 is on vfio-pci"))'
again groups --json
jq_is '[.groups[] | select(.group == 17) | .viable]' '[null]'
