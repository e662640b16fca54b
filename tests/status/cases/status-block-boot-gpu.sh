# Two GPU cards share IOMMU group 2 behind root ports without ACS
# (grp-bootgpu-shared tree, synthetic). The keys select the second card
# 02:00; the boot GPU 01:00.0 is on nouveau (udev bound it after boot),
# so the group is not viable: a warning (exit 1). The fix must never be
# "select it too" for the host's boot console GPU (the reviewer's defect:
# status proposed rd.vmreserve.pci=0000:01:00.0 while suggest refuses it
# and vmreserve(8) says the fix never selects it): it says the group
# cannot be passed through without the host's display. Its HD audio
# 01:00.1 (no driver, none in the module index) does not block.
tree=grp-bootgpu-shared
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=02:00'
prepare() {
	. "$fixtures/lib.sh"
	fx_driver . nouveau
	ln -s ../../../../bus/pci/drivers/nouveau sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/driver
	ln -s ../../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0 sys/bus/pci/drivers/nouveau/0000:01:00.0
}

want_exit 1
jq_is '[.devices[] | [.address, .group_viable, [.blocking[] | .address]]] | .[0]' '["0000:02:00.0",false,["0000:01:00.0"]]'
jq_ok '[.advice[] | select(.problem | contains("0000:01:00.0")) | .fix] | any(contains("without taking the host'"'"'s display") and contains("boot GPU"))' 'the fix names the host display'
jq_not '[.advice[] | .fix] | any(contains("rd.vmreserve.pci=") and contains("01:00.0"))' 'never: select the host boot GPU too'
want_text_json_agree
