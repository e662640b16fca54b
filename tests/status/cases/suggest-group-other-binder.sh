# The grp-bootgpu-shared tree (synthetic) with the boot GPU 01:00.0 held
# by vfio-pci through vfio-pci.ids=10de:1c81 on the command line. Asked
# for 02:00.0, the keys leave the host's boot GPU (never taken silently),
# so IOMMU group 2 is viable only while that other binder keeps 01:00.0 on
# vfio-pci: a warning that names the binder (vfio-pci.ids=), not "viable"
# without a word (the reviewer's defect: a member the keys do not select,
# on vfio-pci, counted as plain viable). Exit 1: a warning (and the boot
# GPU is not the VM's, so no critical).
tree=grp-bootgpu-shared
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on vfio-pci.ids=10de:1c81'
args='suggest 02:00.0 --json'
prepare() {
	p=devices/pci0000:00/0000:00:01.0/0000:01:00.0
	ln -s ../../../../bus/pci/drivers/vfio-pci sys/$p/driver
	ln -s ../../../../$p sys/bus/pci/drivers/vfio-pci/0000:01:00.0
}

want_exit 1
jq_not '[.also_selected[] | .address] | index("0000:01:00.0")' 'the boot GPU is not taken'
jq_not '.cmdline | contains("01:00.0")' 'the keys leave the boot GPU'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("viable only via another binder") and contains("0000:01:00.0") and contains("vfio-pci.ids=10de:1c81"))' 'the warning names the member and the binder'
jq_is '[.groups[] | [.group, .viable]]' '[[2,true]]'
jq_is '[.groups[] | .via_other_binder]' '[["0000:01:00.0"]]'

again suggest 02:00.0
want_exit 1
want_line 'IOMMU group 2: viable only via another binder (it holds a member on vfio-pci the keys leave)'
