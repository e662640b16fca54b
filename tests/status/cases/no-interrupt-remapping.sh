# IOMMU on, but no interrupt remapping (proc/interrupts has PCI-MSI, no
# IR- chips): VFIO refuses to attach the devices to a VM unless
# allow_unsafe_interrupts is set. The devices are bound (2 of 2), but a
# warning: exit 1.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	. "$fixtures/lib.sh"
	fx_interrupts . noremap 16
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect, .iommu.interrupt_remapping]' '["warning",2,2,false]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("remapping"))'

