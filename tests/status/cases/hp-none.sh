# Only hugepages asked (node 0, 8G of 2M = 4096) and the kernel has none
# there (the early binary recorded "failed"): nothing asked is in effect,
# exit 2, the row's level is critical.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.hugepages=0:8G'
early=1
prepare() {
	h=$NODE/node0/hugepages/hugepages-2048kB
	echo 0 >$h/nr_hugepages
	echo 0 >$h/free_hugepages
	sed -i 's/^hp\.0\.obtained=.*/hp.0.obtained=0/; s/^hp\.0\.status=.*/hp.0.status=failed/; s/^result=.*/result=partial/; s/^exit=.*/exit=1/' run/vmreserve/state
}

want_exit 2
jq_is '[.verdict, .asked, .in_effect]' '["critical",1,0]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .requested, .level]]' '[[0,4096,"critical"]]'
jq_ok '[.advice[] | select(.level == "critical")] | length >= 1'
