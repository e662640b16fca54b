# No proc/interrupts at all (every kernel has it: unreadable): whether
# interrupts are remapped is unknown (null, and the reason in
# .iommu.unknown), which is not "off": no warning, exit 0 with 06:00
# bound, but a note says the tool cannot tell. The text shows the same
# "unknown (cannot read /proc/interrupts: ...)".
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81'
early=1
prepare() {
	rm proc/interrupts
}

want_exit 0
jq_is '[.verdict, .iommu.interrupt_remapping]' '["ok",null]'
jq_is '.iommu.unknown.interrupt_remapping' '"cannot read /proc/interrupts: No such file or directory"'
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("/proc/interrupts")'
jq_is '.unreadable' '[{"path":"/proc/interrupts","error":"No such file or directory"}]'
again status
want_exit 0
want_line '  interrupt remapping:     unknown (cannot read /proc/interrupts: No such file or directory)'
