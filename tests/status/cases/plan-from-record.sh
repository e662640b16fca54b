# The device was asked in the initramfs' own /etc/cmdline.d (dracut
# --kernel-cmdline), not on the boot loader's command line: after boot
# /proc/cmdline does not have it, but the record holds every parameter the
# early binary applied, so the tool judges what was asked at boot: 2
# functions of 06:00, both on vfio-pci, 2 of 2, exit 0 (judged from
# /proc/cmdline it would be 0 of 0). Text and JSON say where the plan is
# from.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc/cmdline.d
	echo rd.vmreserve.pci=06:00 >etc/cmdline.d/50-vmreserve.conf
}
early=1
prepare() {
	# the real root's /etc, not the initramfs': the tool never reads it
	rm -r etc/cmdline.d
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '.cmdline.from' '"/run/vmreserve/state"'
jq_is '.cmdline.args' '[{"text":"rd.vmreserve.pci=06:00","source":"/etc/cmdline.d"}]'
jq_is '.cmdline.pci' '["0000:06:00"]'
jq_is '[.devices[] | [.address, .early_status, .in_effect]]' '[["0000:06:00.0","bound",true],["0000:06:00.1","bound",true]]'
want_text_json_agree

again status
want_line '  from:       /run/vmreserve/state'
want_line '  arg:        rd.vmreserve.pci=06:00 (/etc/cmdline.d)'
