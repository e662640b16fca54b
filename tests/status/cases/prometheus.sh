# --prometheus after the good R710 boot (see r710-slot-good): the text
# exposition format, strictly (the runner checks every line, TYPE before
# samples, no series twice, vmreserve_status = exit status = 0), and the
# numbers worked out there:
#   hugepages total and free: node 0 2M 4096, node 1 2M 4096, 1G 0 on both
#   requested: node 0 2M 4096, node 1 2M 4096 (the 1G rows were not asked:
#   no sample, or 0)
#   06:00.0 and 06:00.1 bound (1), their group viable (1)
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G,1:8G'
early=1
args='status --prometheus'

want_exit 0
want_like '# TYPE vmreserve_hugepages_reserved gauge'
want_like '# TYPE vmreserve_hugepages_free gauge'
want_like '# TYPE vmreserve_hugepages_requested gauge'
want_line 'vmreserve_status 0'
want_prom vmreserve_hugepages_reserved 'node=0 size_kb=1048576 0;node=0 size_kb=2048 4096;node=1 size_kb=1048576 0;node=1 size_kb=2048 4096'
want_prom vmreserve_hugepages_free 'node=0 size_kb=1048576 0;node=0 size_kb=2048 4096;node=1 size_kb=1048576 0;node=1 size_kb=2048 4096'
if [ $mode = check ]; then
	req=$(prom_rows vmreserve_hugepages_requested | grep -v ' 0$' | tr '\n' ';')
	[ "$req" = 'node=0 size_kb=2048 4096;node=1 size_kb=2048 4096;' ] ||
		fail "vmreserve_hugepages_requested (non-zero): want node 0 and 1 2M 4096, got '$req'"
	# a device binding gauge: 1 for both functions
	bound=$(grep -E '^# TYPE vmreserve_[a-z_]*bound[a-z_]* gauge$' "$subject" | head -1 | cut -d' ' -f3)
	if [ -z "$bound" ]; then
		fail "no gauge named like vmreserve_*bound*"
	else
		got=$(prom_rows "$bound" | sed 's/ id=[^ ]*//' | tr '\n' ';')
		[ "$got" = 'address=0000:06:00.0 1;address=0000:06:00.1 1;' ] ||
			fail "$bound: want 06:00.0 and 06:00.1 at 1, got '$got'"
	fi
	# every family has HELP and TYPE
	for fam in $(sed -n 's/^# TYPE \([^ ]*\) .*/\1/p' "$subject"); do
		grep -q "^# HELP $fam " "$subject" || fail "$fam has no HELP"
	done
	# nothing but vmreserve_ metrics
	if grep -v '^#' "$subject" | grep -qv '^vmreserve_'; then
		fail "samples not named vmreserve_*: $(grep -v '^#' "$subject" | grep -v '^vmreserve_' | head -3)"
	fi
fi
