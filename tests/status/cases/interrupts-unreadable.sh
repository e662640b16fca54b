# No proc/interrupts at all: whether interrupts are remapped is unknown
# (null), which is no reason for a warning: exit 0 with 06:00 bound.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	rm proc/interrupts
}

want_exit 0
jq_is '[.verdict, .iommu.interrupt_remapping, .advice]' '["ok",null,[]]'
