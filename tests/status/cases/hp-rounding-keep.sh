# Sizes round up to whole pages: 3M of 2M pages is 2 pages, 1025M is 513;
# rd.vmreserve.keep= is reported as given (bytes: 1G = 1073741824).
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:3M,1:1025M rd.vmreserve.keep=1G'
early=1

want_exit 0
jq_is '.cmdline.hugepages' '[{"entry":"0:3M","node":0,"page_kb":2048,"pages":2,"source":"/proc/cmdline"},{"entry":"1:1025M","node":1,"page_kb":2048,"pages":513,"source":"/proc/cmdline"}]'
jq_is '.cmdline.keep' '"1073741824"'
jq_is '[.hugepages[] | select(.page_kb == 2048) | [.node, .total, .requested]]' '[[0,2,2],[1,513,513]]'
again --cmdline 'intel_iommu=on rd.vmreserve.keep=10%' status --json
jq_is '.cmdline.keep' '"10%"'
