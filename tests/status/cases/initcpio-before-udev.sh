# mkinitcpio with vmreserve right: the Arch host (host-arch-gpupm) after
# vmreserve's package (install/vmreserve, hooks/vmreserve) and its HOOKS
# line, written as people write it: one array over lines, a comment with
# the word HOOKS in it, quoted names. mkinitcpio runs every early hook in
# HOOKS order before any run_hook, and udev's early hook starts udevd
# (init, init_functions of mkinitcpio v41): vmreserve before udev runs
# before udevd. So:
# - suggest: nothing about HOOKS or the hook's files; the rebuild is
#   mkinitcpio -P; the one warning left is the slot's USB and UCSI
#   functions that share group 16 (host-arch-gpupm.sh): exit 1 (it was 2
#   while mkinitcpio was unsupported);
# - status (no key): no advice about mkinitcpio either, exit 0.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
args='suggest 06:00 --memory 8G --json'
prepare() {
	. "$here/initcpio.sh"
	ic_install vmreserve
	ic_conf etc/mkinitcpio.conf 'MODULES=()' 'BINARIES=()' 'FILES=()' \
		'# vmreserve stands before udev in HOOKS (vmreserve(8))' \
		'HOOKS=(base' '   "vmreserve"  # before udev' \
		"   'udev' autodetect modconf block filesystems keyboard fsck" \
		')'
}

want_exit 1
jq_is '.initramfs' '{"generator":"mkinitcpio","rebuild":"mkinitcpio -P"}'
jq_is '[.advice[] | select(.level != "note")] | length' '1'
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("HOOKS|initcpio/"))' 'no HOOKS advice'
again status --json
want_exit 0
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("HOOKS|initcpio|mkinitcpio"))' 'no mkinitcpio advice'
