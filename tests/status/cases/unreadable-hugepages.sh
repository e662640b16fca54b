# After a good boot (rd.vmreserve.hugepages=0:8G,1:8G: 4096 2M pages on
# each node), node 0's 2M nr_hugepages cannot be read (a directory in its
# place: EISDIR) and neither can node 1's meminfo. That is not "0 pages":
# node 0's row is unknown (null, and why), it cannot be judged (a warning,
# neither in effect nor a critical finding), node 1's entry is in effect:
# 1 of 2, exit 1. Node 1's memory is unknown too; Prometheus has no sample
# for what is unknown and counts 2 read errors.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:8G,1:8G'
early=1
prepare() {
	h=$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	rm $h && mkdir $h
	rm $NODE/node1/meminfo && mkdir $NODE/node1/meminfo
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,1]'
jq_is '[.hugepages[] | select(.page_kb == 2048) | [.node, .total, .free, .requested, .level]]' '[[0,null,null,4096,"warning"],[1,4096,4096,4096,"ok"]]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | .unknown.total]' '["cannot read /sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages: Is a directory"]'
jq_is '[.nodes[] | [.node, .mem_total_kb, .unknown.mem_total_kb]]' '[[0,12582912,null],[1,null,"cannot read /sys/devices/system/node/node1/meminfo: Is a directory"]]'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | startswith("cannot judge node 0'"'"'s 2M hugepages")'
jq_is '[.unreadable[].path]' '["/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages","/sys/devices/system/node/node1/meminfo"]'
again status --prometheus
want_exit 1
want_prom vmreserve_hugepages_reserved 'node=0 size_kb=1048576 0;node=1 size_kb=1048576 0;node=1 size_kb=2048 4096'
want_prom vmreserve_node_memory_free_bytes "node=0 $((3145728 * 1024))"
want_prom vmreserve_read_errors '2'
again status
want_like '     0 2M      unknown   unknown   unknown      4096      4096  warning*'
want_line '       (unknown (cannot read /sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages: Is a directory))'
