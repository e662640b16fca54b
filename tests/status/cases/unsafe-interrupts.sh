# A good boot (as r710-slot-good), but vfio_iommu_type1 was loaded with
# allow_unsafe_interrupts=Y: everything asked is in effect (4 of 4), yet
# a guest could forge interrupts: a warning, exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G,1:8G vfio_iommu_type1.allow_unsafe_interrupts=1'
early=1
prepare() {
	. "$fixtures/lib.sh"
	fx_module_param . vfio_iommu_type1 allow_unsafe_interrupts Y
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",4,4]'
jq_is '.iommu.allow_unsafe_interrupts' 'true'
jq_is '[.advice[] | select(.level == "warning")] | length' '1'
jq_ok '.advice[] | select(.level == "warning") | .problem | contains("allow_unsafe_interrupts")'
