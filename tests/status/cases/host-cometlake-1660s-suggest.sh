# The Comet Lake desktop with a GTX 1660 SUPER (host-cometlake-1660s tree;
# source in the tree). The owner bound only the VGA function to vfio-pci
# (options vfio-pci ids=10de:21c4) and QEMU said "group 1 is not viable":
# the card's USB controller and UCSI function share IOMMU group 1 with the
# GPU (the root port has no ACS) and stayed on host drivers. suggest for
# the GPU must take the whole slot and say, before proposing it, that it
# holds a USB controller (on xhci_hcd) and a serial bus controller (on
# nvidia-gpu) that share group 1 (so no function selectors: the host loses
# them): a warning, exit 1. The root port on pcieport does not block: group
# 1 is viable with these keys.
tree=host-cometlake-1660s
proc_cmdline='BOOT_IMAGE=/boot/vmlinuz-5.10.0-13-amd64 root=UUID=3a99c6a2 ro intel_iommu=on modprobe.blacklist=nouveau quiet'
args='suggest 01:00.0 --json'

want_exit 1
jq_ok '.cmdline | contains("rd.vmreserve.pci=01:00@10de:21c4 ")' 'the whole slot, pinned'
jq_is '[.functions[] | .address]' '["0000:01:00.0","0000:01:00.1","0000:01:00.2","0000:01:00.3"]'
jq_is '[.function_selectors, .other_share_group, .viable_with_keys]' '[false,true,true]'
jq_is '[.other_functions[] | [.address, .class_name, .driver, .iommu_group]]' '[["0000:01:00.2","USB controller","xhci_hcd",1],["0000:01:00.3","Serial bus controller","nvidia-gpu",1]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("0000:01:00.2") and contains("xhci_hcd") and contains("0000:01:00.3") and contains("nvidia-gpu"))' 'a warning lists the USB and UCSI functions with their drivers'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("IOMMU group 1 "))' 'they share group 1'
jq_not '[.advice[] | select(.level == "critical")] | length > 0' 'nothing critical: the iGPU stays with the host'
want_suggest_xml_valid
