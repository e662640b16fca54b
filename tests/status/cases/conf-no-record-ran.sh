# conf-no-record, but the kernel log shows vmreserve-early ran and could
# not write its record (/run read-only): the config file's item says so
# with the logged reason, and its fix is /run's, not the initramfs hook's
# (the hook is there: it ran). Drift unknown, exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
prepare() {
	mkdir -p etc
	echo pci=06:00 >etc/vmreserve.conf
	cat >dev/kmsg <<'KMSG'
30,612,2104551,-;vmreserve: vmreserve-early 0.1.0: asked: pci=06:00
27,613,2104590,-;vmreserve: cannot write /run/vmreserve/state: Read-only file system
KMSG
}

. "$fixtures/lib.sh"
want_exit 1
jq_is '.conf.drift' '"unknown"'
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf")) | [.level, .problem, .fix]]' '[["warning","no /run/vmreserve/state: vmreserve-early ran, record not written (Read-only file system): what /etc/vmreserve.conf asks is not judged","make /run writable in the initramfs (a tmpfs, as dracut and initramfs-tools mount it) and reboot; '"'"'dmesg | grep vmreserve:'"'"' shows what it did"]]'
