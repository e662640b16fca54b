# The Threadripper host of github.com/gnif/vendor-reset issue #12
# (host-x399-navi10 tree), booted with vmreserve taking the RX 5600 XT's
# slot, pinned to its Navi 10 id. Binding works (the owner's card ran in
# the guest): both functions on vfio-pci, each in a group of its own, 2 of
# 2 in effect. What the owner had to find out: Navi 10 does not reset
# between guests without the vendor-reset module. vmreserve says so for
# the GPU function, as a note (nothing on the host shows a failed reset
# yet): exit 0.
tree=host-x399-navi10
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet rd.vmreserve.pci=44:00@1002:731f'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable]]' '[["0000:44:00.0","vfio-pci",32,true],["0000:44:00.1","vfio-pci",33,true]]'
jq_is '[.advice[] | select(.problem | contains("reset")) | [.level, (.problem | startswith("0000:44:00.0 [1002:731f]")), (.problem | contains("Navi 10")), (.fix | contains("vendor-reset"))]]' '[["note",true,true,true]]'
jq_is '[.advice[] | select(.level != "note")]' '[]'
