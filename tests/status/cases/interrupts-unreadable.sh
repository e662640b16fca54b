# No proc/interrupts at all: whether interrupts are remapped is unknown
# (null), which is no reason for a warning: exit 0 with 06:00 bound (pinned
# to its GTX 1050, 10de:1c81, so no pin note either).
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81'
early=1
prepare() {
	rm proc/interrupts
}

want_exit 0
jq_is '[.verdict, .iommu.interrupt_remapping, .advice]' '["ok",null,[]]'
