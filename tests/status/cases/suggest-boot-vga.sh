# The R710's onboard Matrox (102b:0532 at 08:03.0, group 20 alone) is the
# boot VGA device: usable (its group is viable), with a warning (exit 1).
# It has no numa_node (-1), so the node with the most free memory: node 1
# (MemFree 12058624 kB against node 0's 11534336 kB), said so. No kernel
# hugepages= on the command line: node 0 is not emptied. Node 1: 12 GiB,
# keep 2 GiB; no boot measured its free memory in the initramfs: 11.5 GiB
# free now plus the 512 MiB of 2M pages it holds, less 256 MiB the
# initramfs may use and the keep: 9.75 GiB fit; the default is half the
# node above its keep margin, (12 - 2) / 2 = 5G.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 102b:0532 --json'

want_exit 1
jq_is '[.slot, .node, .node_from, .empty_nodes]' '["0000:08:03",1,"most_free_memory",[]]'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=08:03@102b:0532 rd.vmreserve.hugepages=1:5G"'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | contains("0000:08:03.0") and contains("boot VGA")'
jq_ok '.advice[0].fix | contains("boot GPU in the firmware")'
want_suggest_xml_valid
again suggest 08:03
want_like 'NUMA node: 1 (the device has no NUMA node: the node with the most free memory)'
