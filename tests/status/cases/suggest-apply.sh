# How the keys reach the next boot, per host, from marker files:
#   Debian/Ubuntu: /etc/default/grub + update-grub, initramfs-tools
#   Fedora/RHEL:   grubby (BLS entries), dracut
#   Proxmox VE:    proxmox-boot-tool managing the ESPs
#                  (/etc/kernel/proxmox-boot-uuids), /etc/kernel/cmdline
#   systemd-boot / UKI: /etc/kernel/cmdline + kernel-install, dracut
#   nothing known: a sentence, and both generators' commands
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --memory 4G --json'
boot() {
	echo 0 >sys/bus/pci/devices/0000:06:00.0/numa_node
	mkdir -p usr/sbin etc/default etc/initramfs-tools
	: >usr/sbin/update-grub
	: >usr/sbin/update-initramfs
	: >etc/initramfs-tools/initramfs.conf
	echo 'GRUB_CMDLINE_LINUX_DEFAULT="quiet"' >etc/default/grub
}
keys='intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:4G'

want_exit 0
jq_is '.cmdline' "\"$keys\""
jq_is '.boot_loader' '{"name":"grub","file":"/etc/default/grub","apply":"put the keys in GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, in place of its rd.vmreserve keys, then run: update-grub"}'
jq_is '.initramfs' '{"generator":"initramfs-tools","rebuild":"update-initramfs -u -k all"}'
again suggest 06:00 --memory 4G
want_line '  1. put the keys in GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, in place of its rd.vmreserve keys, then run: update-grub'
want_line '  2. rebuild the initramfs: update-initramfs -u -k all'
[ $mode = check ] && {
	rm -rf "$sys/etc/default" "$sys/usr/sbin/update-grub" "$sys/usr/sbin/update-initramfs" "$sys/etc/initramfs-tools"
	mkdir -p "$sys/usr/bin"
	: >"$sys/usr/sbin/grubby"
	: >"$sys/usr/bin/dracut"
}
again suggest 06:00 --memory 4G --json
jq_is '.boot_loader' "{\"name\":\"grubby\",\"file\":null,\"apply\":\"grubby --update-kernel=ALL --args=\\\"$keys\\\"\"}"
jq_is '.initramfs' '{"generator":"dracut","rebuild":"dracut --force --regenerate-all"}'
[ $mode = check ] && {
	rm -f "$sys/usr/sbin/grubby" "$sys/usr/bin/dracut"
	mkdir -p "$sys/etc/kernel" "$sys/etc/initramfs-tools"
	: >"$sys/usr/sbin/proxmox-boot-tool"
	: >"$sys/usr/sbin/update-initramfs"
	echo 'root=ZFS=rpool/ROOT/pve-1 boot=zfs' >"$sys/etc/kernel/cmdline"
	echo 'A1B2-C3D4' >"$sys/etc/kernel/proxmox-boot-uuids"
}
again suggest 06:00 --memory 4G --json
jq_is '.boot_loader' '{"name":"proxmox-boot-tool","file":"/etc/kernel/cmdline","apply":"put the keys in the line in /etc/kernel/cmdline, in place of its rd.vmreserve keys, then run: proxmox-boot-tool refresh"}'
jq_is '.initramfs.generator' '"initramfs-tools"'
[ $mode = check ] && {
	rm -f "$sys/usr/sbin/proxmox-boot-tool" "$sys/usr/sbin/update-initramfs" "$sys/etc/kernel/proxmox-boot-uuids"
	: >"$sys/usr/bin/kernel-install"
	: >"$sys/usr/bin/dracut"
}
again suggest 06:00 --memory 4G --json
jq_is '[.boot_loader.name, .boot_loader.file, .initramfs.generator]' '["kernel-install","/etc/kernel/cmdline","dracut"]'
jq_ok '.boot_loader.apply | startswith("put the keys in the line in /etc/kernel/cmdline, in place of its rd.vmreserve keys, then run: kernel-install add ")'
[ $mode = check ] && rm -f "$sys/usr/bin/kernel-install" "$sys/usr/bin/dracut" "$sys/etc/kernel/cmdline"
again suggest 06:00 --memory 4G --json
jq_is '[.boot_loader.name, .boot_loader.file, .initramfs.generator]' '["unknown",null,"unknown"]'
