# A line of /etc/vmreserve.conf with a bad size: the early binary skipped
# it (the device still applied). Status names the file and line in the
# problem, and the fix is to edit that file and rebuild the initramfs, not
# a kernel command-line key the user never wrote. Asked: the device (2
# functions) plus the skipped entry: 2 of 3: a warning verdict (exit 1) with the critical advice, as a malformed command-line key beside good ones (malformed-beside-good).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc usr/sbin
	printf 'pci=06:00\nhugepages=0:12X\n' >etc/vmreserve.conf
	: >usr/sbin/update-initramfs
}
early=1

. "$fixtures/lib.sh"
want_exit 1
jq_is '[.asked, .in_effect]' '[3,2]'
jq_is '[.advice[] | select(.problem | startswith("/etc/vmreserve.conf:2: ")) | [.level, (.fix | contains("fix the line in /etc/vmreserve.conf")), (.fix | contains("kernel command line"))]]' '[["critical",true,false]]'
# The rebuild is this host's (update-initramfs is the only generator
# here), not an unnamed "rebuild the initramfs" (issue 19).
jq_ok '[.advice[] | select(.problem | startswith("/etc/vmreserve.conf:2: ")) | .fix] | any(contains("update-initramfs -u -k all"))'
