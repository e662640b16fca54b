# A malformed hugepage entry (0:12X: no such size suffix) beside good
# keys: the early binary applied the good ones and skipped the bad one.
# Asked: 2 functions + 1 good hugepage entry (0:1G = 512 2M pages) + 1
# command-line error = 4; 3 in effect: exit 1, errors[] names the token.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:12X,0:1G'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",4,3]'
jq_is '.cmdline.errors | length' '1'
jq_ok '.cmdline.errors[0] | contains("0:12X")'
jq_is '.cmdline.hugepages' '[{"entry":"0:1G","node":0,"page_kb":2048,"pages":512,"source":"/proc/cmdline"}]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .requested, .level]]' '[[512,512,"ok"]]'
jq_is '[.devices[] | .in_effect]' '[true,true]'

again status
want_exit 1
want_like '*error:*0:12X*'
