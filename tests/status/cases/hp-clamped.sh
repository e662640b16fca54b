# 20G of 2M pages asked on node 0 (12 GiB, 11264 MiB free): the early
# binary keeps the default margin, min(2 GiB, a quarter of 12 GiB) =
# 2048 MiB, so it clamped 10240 pages to (11264 - 2048) / 2 = 4608. The
# kernel has 4608 of the 10240 asked: partly in effect, exit 1; the row
# says requested 10240, target 4608, early "clamped", level warning, and
# the advice's fix is about the keep margin.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:20G'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",1,0]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .requested, .target, .early_status, .level]]' '[[4608,10240,4608,"clamped","warning"]]'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("rd.vmreserve.keep"))' 'fix: lower rd.vmreserve.keep='
