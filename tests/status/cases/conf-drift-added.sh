# The initramfs had no /etc/vmreserve.conf (conf=absent); the host has one
# now: its keys were not applied, a note naming dracut's rebuild command.
# Nothing asked at boot: exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p usr/sbin
	: >usr/sbin/dracut
}
early=1
prepare() {
	mkdir -p etc
	echo pci=06:00 >etc/vmreserve.conf
}

want_exit 0
jq_is '[.conf.initramfs, .conf.drift]' '["absent","added"]'
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf")) | [.level, .problem, .fix]]' '[["note","/etc/vmreserve.conf is not in the initramfs this host booted: its keys were not applied","rebuild the initramfs (dracut --force --regenerate-all) and reboot: the early binary reads the copy in the initramfs"]]'
again status
want_line '  initramfs:  absent'
want_line '  drift:      added'
