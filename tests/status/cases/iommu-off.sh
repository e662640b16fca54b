# The R710 booted without intel_iommu=on (its DMAR table is there: VT-d is
# on in the firmware): no IOMMU groups, no interrupt remapping, the early
# binary bound nothing. Only devices were asked: none is in effect (0 of
# 2), exit 2, critical advice whose fix is intel_iommu=on.
tree=noiommu
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet rd.vmreserve.pci=06:00'
early=1

want_exit 2
jq_is '[.verdict, .asked, .in_effect]' '["critical",2,0]'
jq_is '.iommu' '{"enabled":false,"acpi_table":"DMAR","groups":0,"interrupt_remapping":false,"allow_unsafe_interrupts":false}'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .early_status, .in_effect]]' \
	'[["0000:06:00.0","nouveau",null,null,"no-iommu",false],["0000:06:00.1","snd_hda_intel",null,null,"no-iommu",false]]'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("intel_iommu=on"))' 'critical advice: add intel_iommu=on'
jq_not '[.advice[] | .fix // ""] | any(contains("amd_iommu"))' 'DMAR machine: no AMD advice'

again groups
want_exit 0
want_like '*IOMMU is off*'
no_like 'IOMMU group *'
again groups --json
jq_is '[.iommu_enabled, .groups]' '[false,[]]'
