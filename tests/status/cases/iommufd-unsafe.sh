# The same through iommufd (kernels with VFIO on iommufd): its own
# allow_unsafe_interrupts=Y is as unsafe. vfio_iommu_type1 is loaded with N.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	. "$fixtures/lib.sh"
	fx_module_param . vfio_iommu_type1 allow_unsafe_interrupts N
	fx_module_param . iommufd allow_unsafe_interrupts Y
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect, .iommu.allow_unsafe_interrupts]' '["warning",2,2,true]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("iommufd"))'
