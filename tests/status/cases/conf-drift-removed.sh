# The initramfs holds /etc/vmreserve.conf; the host's was removed since:
# the copy still applies at every boot. No generator found on the host:
# the note names both commands. 2 of 2 functions on vfio-pci: exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc
	echo pci=06:00 >etc/vmreserve.conf
}
early=1
prepare() {
	rm etc/vmreserve.conf
}

want_exit 0
jq_is '[.conf.host, .conf.drift, .conf.generator]' '["absent","removed","unknown"]'
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf") and (contains("vmreserve.conf:") | not)) | [.level, .problem, .fix]]' '[["note","/etc/vmreserve.conf is gone, but the initramfs this host booted has a copy, applied at every boot until it is rebuilt","rebuild the initramfs (dracut --force --regenerate-all (dracut) or update-initramfs -u -k all (initramfs-tools)) and reboot: the early binary reads the copy in the initramfs"]]'
