# `vmreserve groups` on the 400-series AMD board of
# github.com/HikariKnight/quickpassthrough issue #22 (host-b450-chipset
# tree): the post's group 12 holds the chipset's USB (xhci_hcd) and SATA
# (ahci) functions of slot 01:00, its PCIe bridge 01:00.2 and switch ports
# 02:0x.0, and (invented, see the tree) the NIC behind port 02:01.0. That
# group is the classic chipset group: not viable, and not isolated either:
# it holds endpoints of two slots, 01:00 and 04:00. Their paths meet on
# bus 01 below the GPP bridge 00:01.3 (which has its own group 2, so it
# isolates); below that point the NIC's path runs through 01:00.2 and
# 02:01.0, where the kernel found no ACS: those are named. Ports 02:00.0
# and 02:02.0 lead to no endpoint of the group: not named.
tree=host-b450-chipset
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet'
args='groups --json'

want_exit 0
jq_is '[.groups[] | [.group, .viable, .isolated]]' '[[2,true,true],[12,false,false]]'
jq_is '.groups[1] | [.slots, .slot_count]' '[["0000:01:00","0000:04:00"],2]'
jq_is '.groups[1].acs_missing | sort' '["0000:01:00.2","0000:02:01.0"]'
jq_is '.groups[0] | [.slots, .acs_missing]' '[[],[]]'
# The listing itself is unchanged: viable is still "no member blocks".
jq_ok 'all(.groups[]; .viable == (all(.devices[]; .blocks | not)))'

again --cmdline '' groups
want_line 'IOMMU group 12: not viable'
want_like '  isolation: shared by 2 slots: 0000:01:00, 0000:04:00; no ACS isolation at *0000:02:01.0*'
want_line '  isolation: isolated (bridges only)'
