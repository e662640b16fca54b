# rd.vmreserve.pci=01:00.0@10de:1c81, but 01:00.0 is now the boot NVMe drive
# (144d:a808): the early binary took nothing there (its record says
# sel.0.mismatch=144d:a808) and nvme still has the drive. The selector is
# asked and not in effect (0 of 1): exit 2; it is listed as unmatched (it
# took nothing), and the critical advice names both ids, not merely
# "matched no device".
tree=storage
proc_cmdline='ro intel_iommu=on rd.vmreserve.pci=01:00.0@10de:1c81'
early=1

want_exit 2
jq_is '[.verdict, .asked, .in_effect]' '["critical",1,0]'
jq_is '.devices' '[]'
jq_is '.unmatched' '["0000:01:00.0@10de:1c81"]'
jq_is '[.advice[] | .level]' '["critical"]'
jq_is '.advice[0].problem' '"rd.vmreserve.pci: '"'"'0000:01:00.0@10de:1c81'"'"': 0000:01:00.0 is 144d:a808, not 10de:1c81: nothing taken there"'
jq_ok '.advice[0].fix | (contains("10de:1c81") and contains("144d:a808"))' 'the fix names both ids'
jq_not '[.advice[] | .problem] | any(contains("matched no device"))'
want_text_json_agree
