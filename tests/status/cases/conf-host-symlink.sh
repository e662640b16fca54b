# The host's /etc/vmreserve.conf is a symlink (config management) to the
# same bytes the initramfs holds (the generators copy the target): the
# status tool follows it, so no drift. 2 of 2: exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc
	echo pci=06:00 >etc/vmreserve.conf
}
early=1
prepare() {
	mv etc/vmreserve.conf etc/vmreserve.conf.managed
	ln -s vmreserve.conf.managed etc/vmreserve.conf
}

. "$fixtures/lib.sh"
want_exit 0
fp=$(fx_conf_fp "$sys/etc/vmreserve.conf.managed")
jq_is '[.conf.initramfs, .conf.host, .conf.drift]' '["'"$fp"'","'"$fp"'","same"]'
