# rd.vmreserve=0 beside keys: vmreserve did nothing at boot, on purpose.
# Nothing is asked (0 of 0), exit 0, whatever the keys say; the devices
# are on their host drivers and that is fine. At most a note.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve=0 rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .cmdline.disabled]' '["ok",0,0,true]'
jq_is '[.advice[] | select(.level != "note")]' '[]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | .total]' '[0]'
# The keys select nothing when disabled, as at boot: no device is listed
# as asked, no hugepage row carries a request.
jq_is '[.devices, .unmatched]' '[[],[]]'
jq_is '[.hugepages[] | select(.requested != null)]' '[]'
jq_is '.cmdline.pci' '["0000:06:00"]'
