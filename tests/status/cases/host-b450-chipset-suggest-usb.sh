# `vmreserve suggest` for the chipset's USB controller 01:00.0 on the
# 400-series AMD board of github.com/HikariKnight/quickpassthrough issue
# #22 (host-b450-chipset tree). The owner's listing shows IOMMU group 12
# holding the chipset's functions together: the USB controller 01:00.0 on
# xhci_hcd, the SATA controller 01:00.1 on ahci and the chipset's bridge
# 01:00.2, all of slot 01:00, with its switch ports. The SATA controller
# shares the slot and the group with the USB controller, so the USB
# controller cannot go alone by function, and the whole slot takes a
# storage controller with its driver bound: the board's SATA disks, maybe
# the one the host boots from. That is critical and must be said naming
# 01:00.1 and ahci, not passed over (the bridge 01:00.2 is never taken: it
# is not listed as lost). Group 12 is not viable anyway (the NIC, see the
# tree): exit 2.
tree=host-b450-chipset
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet'
args='suggest 01:00.0 --json'

want_exit 2
jq_is '.verdict' '"critical"'
jq_is '[.function_selectors, .function_alone, .other_share_group]' '[false,false,true]'
jq_is '[.other_functions[] | .address]' '["0000:01:00.1"]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0000:01:00.1") and contains("ahci") and contains("boot"))' 'critical: the SATA controller on ahci goes with the slot'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("IOMMU group 12"))' 'it says they share group 12'

again suggest 01:00.0
want_exit 2
want_like '  critical: the keys take the whole slot 0000:01:00, with 0000:01:00.1 (SATA controller, on ahci)*'
