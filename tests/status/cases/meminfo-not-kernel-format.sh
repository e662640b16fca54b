# Node 1's meminfo is readable but not in the kernel's format (its MemFree
# line holds no number): node 1's memory is unknown and said why (the same
# core parser the early binary uses refuses it), never "0 kB free". Node 0
# reads normally. Nothing was asked: exit 0.
tree=r710
proc_cmdline='intel_iommu=on'
prepare() {
	printf 'Node 1 MemTotal:       12582912 kB\nNode 1 MemFree:        lots kB\n' \
		>$NODE/node1/meminfo
}

want_exit 0
# node 0's MemFree is what tests/fixtures/trees/r710.sh writes: 11534336 kB
jq_is '[.nodes[] | [.node, .mem_free_kb]]' '[[0,11534336],[1,null]]'
jq_is '[.nodes[] | .unknown.mem_free_kb]' '[null,"cannot read /sys/devices/system/node/node1/meminfo: Invalid argument"]'
want_text_json_agree
