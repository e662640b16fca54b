# 1G pages on node 0 (4 of them: "0:4:1G") and node 1 emptied ("1:0"):
# node 1's 256 2M pages are gone after the early binary ran. Both entries
# are in effect: 2 of 2, exit 0. 4 x 1G = 4194304 kB leaves node 0 with
# 11534336 - 4194304 = 7340032 kB free; node 1 gets 256 x 2048 = 524288 kB
# back: 12058624 + 524288 = 12582912 kB.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:4:1G,1:0'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '.cmdline.hugepages' '[{"entry":"0:4:1G","node":0,"page_kb":1048576,"pages":4,"source":"/proc/cmdline"},{"entry":"1:0","node":1,"page_kb":2048,"pages":0,"source":"/proc/cmdline"}]'
jq_is '[.hugepages[] | [.node, .page_kb, .total, .free, .requested, .level]]' '[[0,2048,0,0,null,"ok"],[0,1048576,4,4,4,"ok"],[1,2048,0,0,0,"ok"],[1,1048576,0,0,null,"ok"]]'
jq_is '[.nodes[] | .mem_free_kb]' '[7340032,12582912]'
