# An Intel iGPU (boot VGA) outside the IOMMU groups the other devices have:
# intel_iommu=igfx_off. vmreserve-early refused it (record: refused); the
# tool says why in the same words and how to fix it, not the storage
# advice it gives other refusals, and no boot VGA note (the host keeps its
# console). Nothing asked is in effect: exit 2.
tree=r710
proc_cmdline='intel_iommu=on,igfx_off rd.vmreserve.pci=00:02.0'
early=1
boot() {
	. "$fixtures/lib.sh"
	fx_pci . 0000:00:02.0 8086:3e92 0x030000 driver=i915 boot_vga=1
}

want_exit 2
jq_is '[.asked, .in_effect]' '[1,0]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .early_status, .in_effect]]' \
	'[["0000:00:02.0","i915",null,"refused",false]]'
jq_is '[.advice[] | select(.level == "critical") | [.problem, .fix]]' \
	"[[\"0000:00:02.0 (selected by '0000:00:02.0') has no IOMMU group (intel_iommu=igfx_off?): vfio-pci cannot use it\",\"do not select it; for an Intel iGPU, remove intel_iommu=igfx_off\"]]"
no_like '*storage controller*'
jq_is '[.advice[] | select(.level == "note")]' '[]'
want_text_json_agree
