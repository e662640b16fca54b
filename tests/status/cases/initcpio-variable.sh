# HOOKS with a variable in it (the main file): only the shell knows what
# it holds, so vmreserve says HOOKS is unknown (a note naming the file),
# and a later plain HOOKS= would have replaced it (not here).
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf 'EARLY=vmreserve' \
		'HOOKS=(base $EARLY udev autodetect block filesystems fsck)'
}

want_exit 2
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | .level]' '["note"]'
jq_ok '[.advice[] | .problem] | any(startswith("cannot tell which HOOKS mkinitcpio uses (/etc/mkinitcpio.conf: shell expansion"))'
jq_not '[.advice[] | .problem] | any(test("not installed|has no vmreserve"))'
