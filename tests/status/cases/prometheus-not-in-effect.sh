# --prometheus on the IOMMU-off R710 with rd.vmreserve.pci=06:00 and
# rd.vmreserve.hugepages=1:1G (1G / 2M = 512 pages on node 1, which had
# 256): the pages are there, the devices are not bound (0): partly in
# effect, vmreserve_status 1. noiommu has no 1G pages (Nehalem): only 2M
# rows.
tree=noiommu
proc_cmdline='rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=1:1G'
early=1
args='status --prometheus'

want_exit 1
want_line 'vmreserve_status 1'
want_prom vmreserve_hugepages_reserved 'node=0 size_kb=2048 0;node=1 size_kb=2048 512'
if [ $mode = check ]; then
	req=$(prom_rows vmreserve_hugepages_requested | grep -v ' 0$' | tr '\n' ';')
	[ "$req" = 'node=1 size_kb=2048 512;' ] ||
		fail "vmreserve_hugepages_requested (non-zero): want node 1 2M 512, got '$req'"
	bound=$(grep -E '^# TYPE vmreserve_[a-z_]*bound[a-z_]* gauge$' "$subject" | head -1 | cut -d' ' -f3)
	got=$(prom_rows "$bound" | sed 's/ id=[^ ]*//' | tr '\n' ';')
	[ "$got" = 'address=0000:06:00.0 0;address=0000:06:00.1 0;' ] ||
		fail "${bound:-(no *bound* gauge)}: want 06:00.0 and 06:00.1 at 0, got '$got'"
fi
