# /etc/vmreserve.conf in the initramfs was a directory: vmreserve-early
# skipped it (conf=skipped, result config-error). Status warns that its
# keys were not applied in this boot (exit 1; nothing else asked, so 0
# of 0 in effect). The host's is a directory too: no drift.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
boot() {
	mkdir -p etc/vmreserve.conf
}
early=1

want_exit 1
jq_is '[.early.result, .conf.initramfs, .conf.host, .conf.host_error, .conf.drift]' '["config-error","skipped","skipped","Is a directory","same"]'
jq_is '[.advice[] | select(.problem | contains("vmreserve.conf")) | .level]' '["warning"]'
jq_ok '[.advice[] | .problem] | any(contains("could not read /etc/vmreserve.conf in the initramfs"))'
