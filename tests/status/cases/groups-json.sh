# `vmreserve groups --json` on the shared-group desktop after a boot with
# rd.vmreserve.pci=03:00.0 (on vfio-pci now):
#   group 13: 00:1c.0, 00:1c.4 root ports on pcieport (do not block),
#             02:00.0 NIC on e1000e (blocks), 03:00.0 on vfio-pci: not viable
#   group 14: 00:1f.0 ISA bridge on lpc_ich, 00:1f.3 audio on
#             snd_hda_intel, 00:1f.4 SMBus on i801_smbus: all block (host
#             drivers; an ISA bridge is no port), not viable
# Devices in bus order within a group.
tree=sharedgroup
proc_cmdline='intel_iommu=on rd.vmreserve.pci=03:00.0'
early=1
args='groups --json'

want_exit 0
jq_is '.iommu_enabled' 'true'
jq_is '[.groups[] | [.group, .viable]]' '[[13,false],[14,false]]'
jq_is '[.groups[0].devices[] | [.address, .id, .driver, .blocks]]' '[["0000:00:1c.0","8086:a110","pcieport",false],["0000:00:1c.4","8086:a114","pcieport",false],["0000:02:00.0","8086:10d3","e1000e",true],["0000:03:00.0","1b21:1242","vfio-pci",false]]'
jq_is '[.groups[1].devices[] | [.address, .class, .class_name, .driver, .blocks]]' '[["0000:00:1f.0","0x060100","ISA bridge","lpc_ich",true],["0000:00:1f.3","0x040300","Audio device","snd_hda_intel",true],["0000:00:1f.4","0x0c0500","SMBus","i801_smbus",true]]'
# viable is exactly "no member blocks"
jq_ok 'all(.groups[]; .viable == (all(.devices[]; .blocks | not)))'

# Before the boot's binding 03:00.0 was on xhci_hcd: it blocked too.
again --cmdline '' groups --json
jq_is '[.groups[0].devices[] | .blocks]' '[false,false,true,false]'
