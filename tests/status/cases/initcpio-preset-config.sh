# A preset that names the configuration file (ALL_config=, as Arch's
# linux.preset did before v38): mkinitcpio -P passes it with -c, and with
# -c mkinitcpio reads no drop-in (_optconfd=0). So the drop-in that puts
# vmreserve before udev does not count: HOOKS is the main file's, without
# vmreserve (a warning, with a key on the command line).
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf.d/10-vmreserve.conf \
		'HOOKS=(base vmreserve udev autodetect block filesystems fsck)'
	ic_conf etc/mkinitcpio.d/linux.preset \
		'ALL_config="/etc/mkinitcpio.conf"' \
		"ALL_kver='/boot/vmlinuz-linux'" "PRESETS=('default')" \
		"default_image='/boot/initramfs-linux.img'"
}

want_exit 2
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | .problem]' \
	'["HOOKS in /etc/mkinitcpio.conf has no vmreserve: vmreserve-early would not run at boot"]'
