# rd.vmreserve.pci=06:00,07:00.0 on the R710: 07:00.0 does not exist.
# Asked: the 2 functions of 06:00 + the selector that matched nothing = 3;
# 2 in effect: exit 1, unmatched names it, and so does the advice.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00,07:00.0'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",3,2]'
jq_is '.unmatched' '["0000:07:00.0"]'
jq_is '[.devices[].address]' '["0000:06:00.0","0000:06:00.1"]'
jq_ok '[.advice[] | select(.level != "note") | .problem] | any(contains("0000:07:00.0"))'

again status
want_like '*0000:07:00.0*matched no device*'
