# No DMAR and no IVRS table: the firmware has VT-d / AMD-Vi switched off.
# The fix is the firmware setup; acpi_table is null.
tree=noiommu
proc_cmdline='rd.vmreserve.pci=06:00'
early=1
boot() {
	rm sys/firmware/acpi/tables/DMAR
}

want_exit 2
jq_is '[.iommu.enabled, .iommu.acpi_table]' '[false,null]'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(test("firmware"))'
