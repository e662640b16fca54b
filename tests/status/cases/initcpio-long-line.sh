# mkinitcpio with vmreserve after udev and a HOOKS line too long for one
# advice entry (12 hooks of 44 bytes: the fixed line would be cut by the
# advice's bound, and a HOOKS=( line without its ')' pasted into
# mkinitcpio.conf stops mkinitcpio -P). The fix says where to put the hook
# in words instead; it never holds a cut "HOOKS=(" line.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro amd_iommu=on rd.vmreserve.pci=06:00@10de:1f06'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf 'MODULES=(vfio_pci)' \
		'HOOKS=(base udev vmreserve h00-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h02-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h04-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h05-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h06-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h07-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h08-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h09-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h10-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx h11-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)'
}

want_exit 2
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | [.level, .problem, .fix]]' \
	'[["warning","HOOKS in /etc/mkinitcpio.conf has vmreserve after udev: it would run after udevd has started, not before it","in HOOKS, put vmreserve right before udev, then run: mkinitcpio -P"]]'
jq_not '[.advice[] | .fix // ""] | any(contains("HOOKS=("))'
