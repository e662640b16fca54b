# --cmdline STR judges STR (to check keys before a reboot), even when a
# record holds the plan of this boot: 07:00 matches nothing on the R710,
# 1 asked, none in effect, exit 2; the plan says it is from --cmdline.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00'
early=1
cmdline='rd.vmreserve.pci=07:00'

want_exit 2
jq_is '.cmdline.from' '"--cmdline"'
jq_is '.cmdline.pci' '["0000:07:00"]'
jq_is '.unmatched' '["0000:07:00"]'
