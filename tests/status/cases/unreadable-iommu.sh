# The IOMMU-off R710 (noiommu: no IOMMU groups) with rd.vmreserve.pci=06:00,
# but after boot /sys/kernel/iommu_groups cannot be listed (a plain file in
# its place: ENOTDIR). No group link proves an IOMMU either: whether it is
# on is unknown (null, and why), not "IOMMU is off". The devices are
# factually not on vfio-pci: nothing asked is in effect, exit 2.
tree=noiommu
proc_cmdline='rd.vmreserve.pci=06:00'
early=1
prepare() {
	rm -r sys/kernel/iommu_groups && echo x >sys/kernel/iommu_groups
}

want_exit 2
jq_is '[.iommu.enabled, .iommu.groups]' '[null,null]'
jq_is '.iommu.unknown.enabled' '"cannot read /sys/kernel/iommu_groups: Not a directory"'
jq_not '[.advice[] | .problem] | any(contains("IOMMU is off"))' 'unknown is not off'
jq_ok '[.advice[] | .problem] | any(startswith("whether the IOMMU is on is unknown"))'
again groups
want_exit 0
want_line 'IOMMU groups: unknown (cannot read /sys/kernel/iommu_groups: Not a directory)'
again status --prometheus
want_exit 2
no_like 'vmreserve_iommu_enabled *'
want_prom vmreserve_read_errors '1'
