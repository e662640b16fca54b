# 'blacklist MODULE' lines in modprobe.d (the usual recipe's other form:
# udev's alias lookup never loads the module) are held against the
# selection like the command-line keys. Here /etc/modprobe.d/blacklist.conf
# blacklists nouveau (the GTX 1050's host driver; no other nouveau device:
# a duplicate, a note whose fix removes that line and rebuilds the
# initramfs with this host's command, initramfs-tools) and mgag200 (the
# host's console GPU, not selected: nothing to say about it); a commented
# line is no setting. Everything is in effect, only notes: exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81'
early=1
boot() {
	mkdir -p etc/modprobe.d usr/sbin
	: >usr/sbin/update-initramfs
	printf 'blacklist nouveau\nblacklist mgag200\n# blacklist snd_hda_intel\n' \
		>etc/modprobe.d/blacklist.conf
}

want_exit 0
jq_is '[.advice[] | .level]' '["note"]'
jq_is '.advice[0].problem' '"'"'"'blacklist nouveau'"'"' in /etc/modprobe.d/blacklist.conf: rd.vmreserve.pci= covers every device nouveau would take (0000:06:00.0): a duplicate"'
jq_is '.advice[0].fix' '"remove that line from /etc/modprobe.d/blacklist.conf, then run update-initramfs -u -k all"'
