# mkinitcpio with the systemd hook and the plain vmreserve hook
# (host-arch-gpupm, both hooks installed): the systemd hook replaces base's
# init and runs no run_earlyhook, so vmreserve never runs there (its
# variant is sd-vmreserve). suggest: a warning whose fix puts sd-vmreserve
# right after systemd and takes vmreserve out; exit 1 with the slot's
# warning. 50-both.conf.off does not end in .conf, so mkinitcpio does not
# read it (its HOOKS, with sd-vmreserve, would have been right).
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
args='suggest 06:00 --memory 8G --json'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve sd-vmreserve
	ic_conf etc/mkinitcpio.conf \
		'HOOKS=(systemd vmreserve autodetect modconf block filesystems fsck)'
	ic_conf etc/mkinitcpio.conf.d/50-both.conf.off \
		'HOOKS=(systemd sd-vmreserve vmreserve autodetect)'
}

want_exit 1
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | [.level, .problem, .fix]]' \
	'[["warning","HOOKS in /etc/mkinitcpio.conf has vmreserve with the systemd hook, which runs no early hook (its variant is sd-vmreserve): vmreserve-early would not run at boot","put HOOKS=(systemd sd-vmreserve autodetect modconf block filesystems fsck) in /etc/mkinitcpio.conf in place of its HOOKS, then run: mkinitcpio -P"]]'
jq_not '[.advice[] | .problem] | any(test("not installed"))'
