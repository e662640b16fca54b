# mkinitcpio with the systemd hook and sd-vmreserve right after it
# (host-arch-gpupm, sd-vmreserve installed, HOOKS as a quoted string,
# which mkinitcpio's arrayize_config splits on spaces). The systemd hook
# replaces base and udev; sd-vmreserve's unit orders itself before
# systemd-udevd.service. So suggest says nothing about HOOKS or the
# hook's files (the one warning: the slot's shared functions, exit 1).
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
args='suggest 06:00 --memory 8G --json'
prepare() {
	. "$here/initcpio.sh"
	ic_install sd-vmreserve
	ic_conf etc/mkinitcpio.conf \
		'HOOKS="systemd sd-vmreserve autodetect microcode modconf kms keyboard sd-vconsole block filesystems fsck"'
}

want_exit 1
jq_is '[.advice[] | select(.level != "note")] | length' '1'
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("HOOKS|initcpio/"))' 'no HOOKS advice'
