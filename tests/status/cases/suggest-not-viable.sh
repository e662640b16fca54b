# The desktop whose PCH root ports lack ACS (sharedgroup tree): the USB
# controller shares IOMMU group 13 with a NIC on e1000e (not a
# driver_managed_dma driver): the group is not viable even with the whole
# slot taken, so the suggestion cannot work: exit 2, the NIC named, with
# the fix (another slot, or pass the NIC too).
tree=sharedgroup
proc_cmdline='BOOT_IMAGE=/vmlinuz ro intel_iommu=on'
args='suggest 03:00.0 --json'

want_exit 2
jq_is '.verdict' '"critical"'
jq_ok '[.groups[] | select(.group == 13) | .viable] == [false]'
jq_ok '[.groups[] | select(.group == 13) | .blocking[] | .driver] | index("e1000e") != null' 'the NIC on e1000e blocks'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("not viable even with the whole slot") and contains("e1000e"))'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("rd.vmreserve.pci="))'
