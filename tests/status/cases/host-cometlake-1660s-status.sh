# The Comet Lake desktop with a GTX 1660 SUPER (host-cometlake-1660s tree;
# source in the tree), with the owner's selection in vmreserve's terms: the
# VGA function alone (rd.vmreserve.pci=01:00.0, like their vfio-pci ids).
# Their QEMU failed with "group 1 is not viable": the card's other functions
# share group 1 and are on host drivers. status must say the same: group 1
# is not viable, each blocking member named with its driver (01:00.1 on
# snd_hda_intel, 01:00.2 on xhci_hcd, 01:00.3 on nvidia-gpu), the root port
# on pcieport not named. Exit 1.
tree=host-cometlake-1660s
proc_cmdline='BOOT_IMAGE=/boot/vmlinuz-5.10.0-13-amd64 root=UUID=3a99c6a2 ro intel_iommu=on modprobe.blacklist=nouveau quiet rd.vmreserve.pci=01:00.0@10de:21c4'

want_exit 1
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .in_effect]]' '[["0000:01:00.0","vfio-pci",1,false,true]]'
jq_is '[.devices[0].blocking[] | [.address, .driver]]' '[["0000:01:00.1","snd_hda_intel"],["0000:01:00.2","xhci_hcd"],["0000:01:00.3","nvidia-gpu"]]'
jq_is '[.advice[] | select(.level == "warning") | .problem | select(contains("IOMMU group 1 "))] | length' '3'
jq_not '[.advice[] | .problem] | any(contains("00:01.0"))' 'the root port is not named'
want_text_json_agree
