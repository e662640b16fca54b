# mkinitcpio's drop-ins (v38+): mkinitcpio appends every
# /etc/mkinitcpio.conf.d/*.conf to the main file in `sort -V` order and
# sources the whole, so the last HOOKS= wins. Here the main file has no
# vmreserve, 9-local.conf puts it after udev, 10-vmreserve.conf before
# udev: in version order 9 comes before 10, so 10-vmreserve.conf wins and
# HOOKS is right (in byte order "10-" would come first and 9-local.conf
# would win). 99-old.conf.bak does not end in .conf: not read. With a key
# and no record, the no-record warning names mkinitcpio's commands.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf.d/9-local.conf \
		'HOOKS=(base udev vmreserve autodetect block filesystems fsck)'
	ic_conf etc/mkinitcpio.conf.d/10-vmreserve.conf \
		'# vmreserve before udev' \
		'HOOKS=(base vmreserve udev autodetect block filesystems fsck)'
	ic_conf etc/mkinitcpio.conf.d/99-old.conf.bak 'HOOKS=(base udev)'
}

want_exit 2
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("HOOKS"))' 'HOOKS right'
jq_ok '[.advice[] | select(.level == "warning" and (.problem | startswith("no /run/vmreserve/state"))) | .fix] | any(contains("mkinitcpio -P") and contains("lsinitcpio /boot/initramfs-linux.img"))'
