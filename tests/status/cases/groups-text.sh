# `vmreserve groups` after a good R710 boot (06:00 on vfio-pci): every
# IOMMU group of the tree, in order, with its viability:
#   group 1:  00:01.0 root port on pcieport: viable
#   group 17: 06:00.0 and 06:00.1 on vfio-pci: viable
#   group 20: 08:03.0 (the boot VGA) on mgag200: not viable (a host driver
#             owns its only member; it blocks)
# Exit 0: groups only lists.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
args='groups'

want_exit 0
want_line 'IOMMU group 1: viable'
want_line 'IOMMU group 17: viable'
want_line 'IOMMU group 20: not viable'
want_like '  0000:00:01.0 \[8086:3408\] PCI bridge * pcieport*'
want_like '  0000:06:00.0 \[10de:1c81\] VGA compatible controller * vfio-pci*'
want_like '  0000:06:00.1 \[10de:0fb9\] Audio device * vfio-pci*'
want_like '  0000:08:03.0 \[102b:0532\] VGA compatible controller * mgag200 * blocks'
no_like '*vfio-pci*blocks'
no_like '*pcieport*blocks'
# Every group of the tree, and only those, in ascending order.
if [ $mode = check ]; then
	want_groups=$(ls "$sys/sys/kernel/iommu_groups" | sort -n | tr '\n' ' ')
	got_groups=$(sed -n 's/^IOMMU group \([0-9]*\): .*/\1/p' "$subject" | tr '\n' ' ')
	[ "$got_groups" = "$want_groups" ] || fail "groups listed: want '$want_groups', got '$got_groups'"
	# and every PCI function with a group, once
	want_fn=$(ls "$sys/$D" | sort | tr '\n' ' ')
	got_fn=$(sed -n 's/^  \([0-9a-f]*:[0-9a-f]*:[0-9a-f]*\.[0-7]\) .*/\1/p' "$subject" | sort | tr '\n' ' ')
	[ "$got_fn" = "$want_fn" ] || fail "functions listed: want '$want_fn', got '$got_fn'"
fi
