# HOOKS right for the systemd hook (sd-vmreserve right after systemd) but
# only the plain vmreserve hook installed (install/vmreserve,
# hooks/vmreserve): mkinitcpio finds install/sd-vmreserve in neither
# /etc/initcpio/install nor /usr/lib/initcpio/install ("Hook cannot be
# found", functions' run_build_hook), so sd-vmreserve's unit is not in
# the image. With a key on the command line: a warning naming
# sd-vmreserve; nothing wrong with HOOKS itself.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf 'HOOKS=(systemd sd-vmreserve autodetect block filesystems fsck)'
}

want_exit 2
jq_is '[.advice[] | select(.problem | test("HOOKS|not installed")) | [.level, (.problem | contains("sd-vmreserve is not installed"))]]' '[["warning",true]]'
