# The same node and page size twice: the later entry replaces the earlier
# (a command-line warning, not an error). One request (0:1024), met:
# exit 0; the warning is in cmdline.warnings and at most a note in the
# advice.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:512 rd.vmreserve.hugepages=0:1024'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",1,1]'
jq_is '.cmdline.hugepages' '[{"entry":"0:1024","node":0,"page_kb":2048,"pages":1024,"source":"/proc/cmdline"}]'
jq_is '[.cmdline.errors, (.cmdline.warnings | length)]' '[[],1]'
jq_ok '.cmdline.warnings[0] | contains("0:512")'
jq_is '[.advice[] | .level]' '["note"]'
