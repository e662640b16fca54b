# mkinitcpio with vmreserve after udev (host-arch-gpupm, the hook
# installed): mkinitcpio runs the early hooks in HOOKS order (init,
# init_functions of v41), and udev's early hook starts udevd, so vmreserve
# would run after udevd has started. Without a key: a note (exit 0). With
# keys on the command line (and no record: the device not on vfio-pci,
# exit 2) a warning; its fix is the same HOOKS with vmreserve moved to
# right before udev; the no-record item names mkinitcpio's commands, not
# dracut's.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf 'MODULES=(vfio_pci)' \
		'HOOKS=(base udev vmreserve autodetect modconf block filesystems keyboard fsck)'
}

want_exit 0
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | .level]' '["note"]'
again status --json --cmdline 'BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro amd_iommu=on rd.vmreserve.pci=06:00@10de:1f06'
want_exit 2
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | [.level, .problem, .fix]]' \
	'[["warning","HOOKS in /etc/mkinitcpio.conf has vmreserve after udev: it would run after udevd has started, not before it","put HOOKS=(base vmreserve udev autodetect modconf block filesystems keyboard fsck) in /etc/mkinitcpio.conf in place of its HOOKS, then run: mkinitcpio -P"]]'
jq_ok '[.advice[] | select(.level == "warning" and (.problem | startswith("no /run/vmreserve/state"))) | .fix] | any(contains("mkinitcpio -P") and contains("lsinitcpio /boot/initramfs-linux.img | grep vmreserve"))'
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("dracut|update-initramfs|lsinitrd|not installed"))'
