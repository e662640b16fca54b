# hugepages=2048 alone (no rd.vmreserve key) on a two-node host: nothing
# is asked of vmreserve, so exit 0; still worth a note (the pages are
# spread over both nodes), and no more than a note.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on hugepages=2048'
boot() {
	echo 1024 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 1024 >$NODE/node1/hugepages/hugepages-2048kB/nr_hugepages
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",0,0]'
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("hugepages=2048")'
