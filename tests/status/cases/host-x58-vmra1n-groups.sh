# `vmreserve groups` on the X58 workstation of github.com/foxlet/vmra1n
# issue #4 (host-x58-vmra1n tree), before any binding. The owner's group
# 8 is "not viable" (QEMU said so: its USB functions are on uhci_hcd and
# ehci-pci), but nothing in it is shared with another slot: its members
# are the four functions of slot 00:1d. Viability (claimable now) and
# isolation (ACS) are two facts:
#   group 8:  not viable, isolated, slot 0000:00:1d
#   group 10: not viable (lpc_ich, ata_piix, i801_smbus), isolated, 00:1f
#   group 11: not viable (nouveau, snd_hda_intel), isolated, 02:00
#   groups 0, 3, 12: bridges only (host bridges, the root port): isolated
# No group of this board holds two slots, so no port lacks ACS.
tree=host-x58-vmra1n
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet intel_iommu=on'
args='groups --json'

want_exit 0
jq_is '[.groups[] | [.group, .viable, .isolated, .slots]]' '[[0,true,true,[]],[3,true,true,[]],[8,false,true,["0000:00:1d"]],[10,false,true,["0000:00:1f"]],[11,false,true,["0000:02:00"]],[12,true,true,[]]]'
jq_is '[.groups[] | .acs_missing[]]' '[]'

again --cmdline '' groups
want_line 'IOMMU group 8: not viable'
want_line '  isolation: isolated (one slot: 0000:00:1d)'
