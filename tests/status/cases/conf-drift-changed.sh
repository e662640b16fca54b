# /etc/vmreserve.conf was edited after the initramfs was built (node 0's
# pages added): the host's fingerprint differs from the one recorded at
# boot. A note (nothing in effect changed; a rebuilt image may only wait
# for the reboot) naming the command for this host's generator: an
# initramfs-tools host (update-initramfs, no dracut). 2 functions on
# vfio-pci, 2 of 2: exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc usr/sbin
	printf 'pci=06:00\n' >etc/vmreserve.conf
	: >usr/sbin/update-initramfs
}
early=1
prepare() {
	. "$fixtures/lib.sh"
	fx_conf_fp etc/vmreserve.conf >"$work/conf.boot"
	printf 'pci=06:00\nhugepages=0:1G\n' >etc/vmreserve.conf
}

. "$fixtures/lib.sh"
want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
then=$(cat "$work/conf.boot" 2>/dev/null)
now=$(fx_conf_fp "$sys/etc/vmreserve.conf")
jq_is '[.conf.initramfs, .conf.host, .conf.drift, .conf.generator]' '["'"$then"'","'"$now"'","changed","initramfs-tools"]'
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf") and (contains("vmreserve.conf:") | not)) | [.level, .problem, .fix]]' '[["note","/etc/vmreserve.conf differs from the copy in the initramfs this host booted (now '"$now"', then '"$then"'; bytes:FNV-1a)","rebuild the initramfs (update-initramfs -u -k all) and reboot: the early binary reads the copy in the initramfs"]]'

again status --prometheus
want_prom vmreserve_conf_changed '1'
