# Nothing asked can be judged: after a good boot (06:00 on vfio-pci), the
# driver links of both 06:00.0 and 06:00.1 cannot be read (plain files in
# their place: readlink says EINVAL). Neither is known to be in effect,
# but an item that cannot be judged is not "not in effect" (the exit
# rules, tests/status/README): 0 of 2 in effect is a warning, exit 1, not
# the critical exit 2 of nothing in effect; no critical finding.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	for f in 0 1; do
		l=$D/0000:06:00.$f/driver
		rm $l && echo x >$l
	done
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,0]'
jq_is '[.devices[] | [.address, .driver, .in_effect]]' '[["0000:06:00.0",null,null],["0000:06:00.1",null,null]]'
jq_not '[.advice[] | select(.level == "critical")] | length > 0' 'no critical finding'
