# HOOKS that is not a plain list: a drop-in adds to it with +=. What
# mkinitcpio would use depends on the shell, so vmreserve says it does not
# know (a note naming the file and why, with the image check as the fix),
# never a guess; the hook's files are there.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro rd.vmreserve.pci=06:00'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf.d/vmreserve.conf 'HOOKS+=(vmreserve)'
}

want_exit 2
jq_is '[.advice[] | select(.problem | contains("HOOKS")) | [.level, .problem, .fix]]' \
	'[["note","cannot tell which HOOKS mkinitcpio uses (/etc/mkinitcpio.conf.d/vmreserve.conf: HOOKS+= adds to it): whether vmreserve'"'"'s hook runs at boot is unknown","check each preset'"'"'s image, e.g.: lsinitcpio /boot/initramfs-linux.img | grep vmreserve (usr/lib/vmreserve/vmreserve-early must be in it)"]]'
