# The R710 booted for the GTX 1050 (its whole slot, pinned) and 8 1G pages
# on node 0, node 1 emptied (the kernel model gives the early binary
# both). The domain, tests/status/libvirt/guest-r710.xml, is written for
# these cases (a guest as `virsh dumpxml` shows it, guest-side hostdev
# addresses and a disk included; its comment says why each fact is there):
# both functions as managed hostdevs, 8 GiB in 1G pages on node 0 (strict), 6
# vCPUs pinned to node 0's CPUs 2,10,4,12,6,14. Everything it asks is
# there: exit 0, no finding.
#   hostdevs: 06:00.0 and 06:00.1 on vfio-pci, group 17 viable (its only
#   other member is none: the root port 00:01.0 is group 1)
#   hugepages: 8 GiB / 1 GiB = 8 pages needed, node 0 has 8 free
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $here/libvirt/guest-r710.xml"

want_exit 0
jq_is '[.domain, .verdict, .exit]' '["vmreserve-guest","ok",0]'
jq_is '[.hostdevs[] | [.address, .exists, .managed, .id, .driver, .iommu_group, .group_viable, .boot_vga, .level]]' \
	'[["0000:06:00.0",true,true,"10de:1c81","vfio-pci",17,true,false,"ok"],["0000:06:00.1",true,true,"10de:0fb9","vfio-pci",17,true,false,"ok"]]'
jq_is '[.hugepage_backed, .hugepages]' '[true,[{"page_kb":1048576,"nodes":"0","mode":"strict","needed":8,"free":8,"level":"ok"}]]'
jq_is '.vcpu_pins' '{"judged":6,"off_node":0}'
jq_is '[.advice, .advice_lost]' '[[],0]'
# the same from stdin, as text and as the hook's one line
again check-domain - <"$here/libvirt/guest-r710.xml"
want_exit 0
want_line 'vmreserve check-domain: vmreserve-guest fits this host (exit 0)'
want_like '  1G pages  node 0 (strict)  needed 8  free 8  ok'
again check-domain --oneline "$here/libvirt/guest-r710.xml"
want_exit 0
want_line 'vmreserve-guest fits this host'
