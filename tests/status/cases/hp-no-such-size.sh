# 1G pages asked on the Nehalem R710 (no pdpe1gb: no hugepages-1048576kB
# directory): the request can never be met. Asked 1, in effect 0: exit 2,
# critical advice naming the entry.
tree=noiommu
proc_cmdline='rd.vmreserve.hugepages=0:2:1G'
early=1

want_exit 2
jq_is '[.verdict, .asked, .in_effect]' '["critical",1,0]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0:2:1G"))'
jq_is '[.hugepages[] | .page_kb] | unique' '[2048]'
