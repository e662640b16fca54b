# No state record (the early binary did not run) and no key on the
# command line, but the host has /etc/vmreserve.conf: nothing to compare
# it with (drift unknown, no Prometheus sample), and what it asks is not
# judged: a warning that vmreserve-early did not run, naming the rebuild
# command (no generator on the host: both). Exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
prepare() {
	mkdir -p etc
	echo pci=06:00 >etc/vmreserve.conf
}

. "$fixtures/lib.sh"
want_exit 1
jq_is '[.conf.initramfs, .conf.host, .conf.drift]' '[null,"'"$(fx_conf_fp "$sys/etc/vmreserve.conf")"'","unknown"]'
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf")) | [.level, .problem, .fix]]' '[["warning","no /run/vmreserve/state: vmreserve-early did not run in this boot, and what /etc/vmreserve.conf asks is not judged","put vmreserve in the initramfs (dracut --force --regenerate-all (dracut) or update-initramfs -u -k all (initramfs-tools)) and reboot"]]'
again status --prometheus
want_prom vmreserve_conf_changed ''
