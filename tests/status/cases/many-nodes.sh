# 70 NUMA nodes (the R710's 0 and 1, and 2..69 generated under build/,
# each 12 GiB with 2M and 1G sizes and no pages): more than the old table's
# 64. rd.vmreserve.hugepages=69:1G asks 1G / 2M = 512 pages on node 69;
# 11 GiB are free there, far above the keep margin, so vmreserve-early
# gets all 512. In effect: exit 0, node 69's 2M row total 512, requested
# 512, level ok; every node listed; its Prometheus sample is there.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=69:1G'
early=1
boot() {
	. "$fixtures/lib.sh"
	. "$here/gen.sh"
	gen_nodes 2 68
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",1,1,[]]'
jq_is '[(.nodes | length), .nodes[-1].node]' '[70,69]'
jq_is '[.hugepages[] | select(.node == 69 and .page_kb == 2048) | [.total, .requested, .level]]' '[[512,512,"ok"]]'
again status --prometheus
want_exit 0
if [ $mode = check ]; then
	got=$(prom_rows vmreserve_hugepages_reserved | grep -c .)
	[ "$got" = 140 ] || fail "vmreserve_hugepages_reserved: want 140 samples (70 nodes, 2 sizes), got $got"
	prom_rows vmreserve_hugepages_reserved | grep -qx 'node=69 size_kb=2048 512' ||
		fail "no vmreserve_hugepages_reserved sample node=69 2M 512"
fi
