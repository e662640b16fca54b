# HOOKS names a hook with control bytes in it (ESC, a C1 CSI as UTF-8,
# U+202E): a plain word to bash, so HOOKS is known and vmreserve after udev
# is a warning whose fix repeats the names; the runner's checks hold every
# output (JSON and text) free of raw control characters, and the JSON fix
# decodes to the bytes as written.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	printf 'HOOKS=(base udev vmreserve x\033]0t\007y a\302\233\342\200\256z)\n' \
		>etc/mkinitcpio.conf
}

want_exit 2
jq_ok '[.advice[] | select(.problem | contains("after udev")) | .fix] == ["put HOOKS=(base vmreserve udev x\u001b]0t\u0007y a\u009b\u202ez) in /etc/mkinitcpio.conf in place of its HOOKS, then run: mkinitcpio -P"]'
again status --cmdline 'root=UUID=5c1d rd.vmreserve.pci=06:00'
want_exit 2
want_like '*put HOOKS=(base vmreserve udev x*'
