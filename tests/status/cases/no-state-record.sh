# rd.vmreserve keys, but no /run/vmreserve/state: the dracut module is
# not in the initramfs. The devices happen to be on vfio-pci (bound by
# hand after boot), so 2 of 2 are in effect, yet the early binary did not
# run: a warning saying so, exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00'
prepare() {
	. "$fixtures/lib.sh"
	fx_unbind . 0000:06:00.0
	fx_unbind . 0000:06:00.1
	fx_driver . vfio-pci
	for f in 0000:00:01.0/0000:06:00.0 0000:00:01.0/0000:06:00.1; do
		ln -s ../../../../bus/pci/drivers/vfio-pci sys/devices/pci0000:00/$f/driver
		ln -s ../../../../devices/pci0000:00/$f sys/bus/pci/drivers/vfio-pci/${f#*/}
	done
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,2]'
jq_is '[.early.ran, .early.writer]' '[false,null]'
# without a record, the plan is the running kernel's command line
jq_is '.cmdline.from' '"/proc/cmdline"'
jq_is '[.devices[] | [.driver, .early_status, .in_effect]]' '[["vfio-pci",null,true],["vfio-pci",null,true]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("/run/vmreserve/state"))' 'a warning: no state record'
