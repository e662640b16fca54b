# IOMMU off on an AMD host (IVRS table instead of DMAR): the fix is not
# intel_iommu=on (AMD's IOMMU is on by default; something turned it off).
tree=noiommu
proc_cmdline='amd_iommu=off rd.vmreserve.pci=06:00'
early=1
boot() {
	rm sys/firmware/acpi/tables/DMAR
	printf IVRS >sys/firmware/acpi/tables/IVRS
}

want_exit 2
jq_is '[.iommu.enabled, .iommu.acpi_table]' '[false,"IVRS"]'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("amd_iommu=off"))'
jq_not '[.advice[] | .fix // ""] | any(contains("intel_iommu=on"))' 'no Intel advice on AMD'
