# /etc/vmreserve.conf starts with a UTF-8 byte-order mark (EF BB BF): the
# early binary skipped it at boot and so does the tool (vmreserve.conf(5)):
# line 1 selects 06:00, no unknown-key problem is reported, and the
# fingerprints (over the file's bytes, mark included) of the initramfs'
# copy and the host's file are the same. The GPU's 2 functions on
# vfio-pci: 2 of 2, exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc usr/bin
	printf '\357\273\277pci=06:00\n' >etc/vmreserve.conf
	: >usr/bin/dracut
}
early=1

. "$fixtures/lib.sh"
want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '.cmdline.args' '[{"text":"pci=06:00","source":"/etc/vmreserve.conf:1"}]'
jq_not '[.advice[] | .problem] | any(contains("unknown key"))' 'no unknown key'
jq_is '.conf.drift' '"same"'
