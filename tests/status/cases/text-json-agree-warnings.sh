# Text and JSON agree where there is much to say: the shared-group desktop
# after a boot with 03:00.0 (blocked by the NIC), an unmatched selector, a
# malformed key, hugepages asked beyond what is there (0:4G of 2M = 2048
# on an 8 GiB node: the early binary clamps; whatever it got, the rows
# agree) and modprobe.blacklist naming xhci_pci.
tree=sharedgroup
proc_cmdline='intel_iommu=on modprobe.blacklist=xhci_pci hugepages=512 rd.vmreserve.pci=03:00.0,05:00.0,zz rd.vmreserve.hugepages=0:4G,0:2:1G'
early=1

want_exit 1
want_text_json_agree
