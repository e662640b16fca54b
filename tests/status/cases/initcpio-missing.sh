# mkinitcpio with vmreserve's package installed but HOOKS not edited
# (host-arch-gpupm as in its post: HOOKS=(base udev autodetect modconf
# block filesystems keyboard fsck)). Nothing runs vmreserve-early; with a
# key on the command line: a warning whose fix puts vmreserve right before
# udev; the hook's files are there, so no "not installed".
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve sd-vmreserve
}

want_exit 2
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | [.level, .problem, .fix]]' \
	'[["warning","HOOKS in /etc/mkinitcpio.conf has no vmreserve: vmreserve-early would not run at boot","put HOOKS=(base vmreserve udev autodetect modconf block filesystems keyboard fsck) in /etc/mkinitcpio.conf in place of its HOOKS, then run: mkinitcpio -P"]]'
jq_not '[.advice[] | .problem] | any(test("not installed"))'
