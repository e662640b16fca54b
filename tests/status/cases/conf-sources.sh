# The initramfs held /etc/vmreserve.conf (the device and node 0's pages);
# the boot loader added node 1's pages and a bigger keep. Status says where
# each item was asked, in text and JSON: the file's line, or
# /proc/cmdline (keep: the command line's 20% won over the file's 10%).
# The host's file is the one the initramfs holds: drift "same", and the
# rebuild command is dracut's (usr/bin/dracut on the host). 2 functions
# on vfio-pci + 2 hugepage rows met (512 2M pages on each node, well above
# the keep margin of 12 GiB nodes): 4 of 4, exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.hugepages=1:512 rd.vmreserve.keep=20%'
boot() {
	mkdir -p etc usr/bin
	printf '# the GPU\npci=06:00\nhugepages=0:1G\nkeep=10%%\n' >etc/vmreserve.conf
	: >usr/bin/dracut
}
early=1

. "$fixtures/lib.sh"
want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",4,4]'
jq_is '.cmdline.args' '[{"text":"pci=06:00","source":"/etc/vmreserve.conf:2"},{"text":"hugepages=0:1G","source":"/etc/vmreserve.conf:3"},{"text":"keep=10%","source":"/etc/vmreserve.conf:4"},{"text":"rd.vmreserve.hugepages=1:512","source":"/proc/cmdline"},{"text":"rd.vmreserve.keep=20%","source":"/proc/cmdline"}]'
jq_is '[.cmdline.pci, .cmdline.pci_sources]' '[["0000:06:00"],["/etc/vmreserve.conf:2"]]'
jq_is '[.cmdline.hugepages[] | [.entry, .source]]' '[["0:1G","/etc/vmreserve.conf:3"],["1:512","/proc/cmdline"]]'
jq_is '[.cmdline.keep, .cmdline.keep_source]' '["20%","/proc/cmdline"]'
fp=$(fx_conf_fp "$sys/etc/vmreserve.conf")
jq_is '.conf' '{"path":"/etc/vmreserve.conf","initramfs":"'"$fp"'","host":"'"$fp"'","host_error":null,"drift":"same","generator":"dracut","rebuild":"dracut --force --regenerate-all"}'
# About the file as a whole (not one of its lines): nothing.
jq_not '[.advice[] | .problem | select(contains("vmreserve.conf:") | not)] | any(contains("vmreserve.conf"))' 'no advice about the file'
# Line 2 selects the slot by address alone: the pin note names that line,
# and its fix is in the file (then a rebuild), not on the command line.
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf:2: pci: ")) | [.level, (.fix | contains("on line 2 of /etc/vmreserve.conf, then rebuild the initramfs"))]]' '[["note",true]]'

again status
want_line '  arg:        pci=06:00 (/etc/vmreserve.conf:2)'
want_line '  pci:        0000:06:00 (/etc/vmreserve.conf:2)'
want_line '  hugepages:  0:1G (/etc/vmreserve.conf:3)'
want_line '  hugepages:  1:512 (/proc/cmdline)'
want_line '  keep:       20% of each node (/proc/cmdline)'
want_line '  drift:      same'
want_line '  rebuild:    dracut --force --regenerate-all (dracut)'

again status --prometheus
want_prom vmreserve_conf_changed '0'
