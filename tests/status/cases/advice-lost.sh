# 60 selectors of functions the R710 does not have (bus f0, slots 00-1d,
# functions 0 and 1), vmreserve-early ran: 60 asked items, none in effect
# (exit 2), 60 critical "matched no device" advice. 48 are kept; the 12
# others are counted in every output: advice_lost 12, the text's
# "(12 more not shown)" (the runner compares it with the JSON), and
# vmreserve_advice_lost 12.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=0000:f0:00.0,0000:f0:00.1,0000:f0:01.0,0000:f0:01.1,0000:f0:02.0,0000:f0:02.1,0000:f0:03.0,0000:f0:03.1,0000:f0:04.0,0000:f0:04.1,0000:f0:05.0,0000:f0:05.1,0000:f0:06.0,0000:f0:06.1,0000:f0:07.0,0000:f0:07.1,0000:f0:08.0,0000:f0:08.1,0000:f0:09.0,0000:f0:09.1,0000:f0:0a.0,0000:f0:0a.1,0000:f0:0b.0,0000:f0:0b.1,0000:f0:0c.0,0000:f0:0c.1,0000:f0:0d.0,0000:f0:0d.1,0000:f0:0e.0,0000:f0:0e.1,0000:f0:0f.0,0000:f0:0f.1,0000:f0:10.0,0000:f0:10.1,0000:f0:11.0,0000:f0:11.1,0000:f0:12.0,0000:f0:12.1,0000:f0:13.0,0000:f0:13.1,0000:f0:14.0,0000:f0:14.1,0000:f0:15.0,0000:f0:15.1,0000:f0:16.0,0000:f0:16.1,0000:f0:17.0,0000:f0:17.1,0000:f0:18.0,0000:f0:18.1,0000:f0:19.0,0000:f0:19.1,0000:f0:1a.0,0000:f0:1a.1,0000:f0:1b.0,0000:f0:1b.1,0000:f0:1c.0,0000:f0:1c.1,0000:f0:1d.0,0000:f0:1d.1'
early=1

want_exit 2
jq_is '[.asked, .in_effect, (.advice | length), .advice_lost, (.unmatched | length)]' '[60,0,48,12,60]'
jq_is '.advice[47].problem' '"rd.vmreserve.pci: '"'"'0000:f0:17.1'"'"' matched no device"'
again status
want_line '  (12 more not shown)'
again status --prometheus
want_prom vmreserve_advice_lost '12'
