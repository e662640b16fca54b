# The seed host's migration path: the kernel's hugepages=2048 is still on
# the command line beside rd.vmreserve.hugepages=0:4G,1:0. At boot the
# kernel split its 2048 2M pages over both nodes (1024 each); then
# vmreserve-early raised node 0 to 4G / 2M = 2048 and emptied node 1
# (asked 1:0, and nothing used the pages yet). Both asked items are in
# effect and no node holds pages nobody asked for: hugepages= is only
# redundant, a note, and the exit is 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on hugepages=2048 rd.vmreserve.hugepages=0:4G,1:0'
early=1
boot() {
	for n in 0 1; do
		echo 1024 >$NODE/node$n/hugepages/hugepages-2048kB/nr_hugepages
		echo 1024 >$NODE/node$n/hugepages/hugepages-2048kB/free_hugepages
	done
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '[.hugepages[] | select(.page_kb == 2048) | [.node, .total, .requested, .level]]' '[[0,2048,2048,"ok"],[1,0,0,"ok"]]'
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("hugepages=2048")'
