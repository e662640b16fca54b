# IOMMU off. The noiommu tree (the R710 booted without intel_iommu=on,
# DMAR table present, no groups): the keys turn VT-d on, so the suggestion
# can work but the group cannot be judged yet: a warning, exit 1.
# Without the DMAR table (VT-d off in the firmware) nothing on the command
# line can turn it on: critical, exit 2, the fix names the firmware.
tree=noiommu
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro'
args='suggest 06:00 --json'

want_exit 1
jq_is '[.iommu, .groups]' '[false,[]]'
jq_ok '.cmdline | startswith("intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 ")'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("IOMMU is off"))'
[ $mode = check ] && rm -f "$sys/sys/firmware/acpi/tables/DMAR"
again suggest 06:00 --json
want_exit 2
jq_ok '.cmdline | startswith("rd.vmreserve.pci=06:00@10de:1c81 ")' 'no intel_iommu=on without VT-d'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("firmware"))'
