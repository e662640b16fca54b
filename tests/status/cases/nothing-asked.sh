# A host that boots without any rd.vmreserve key (and the early binary, in
# the initramfs anyway, left no record): nothing asked, nothing to say:
# exit 0, no device listed, no advice (no "no state record" warning: no
# key asks for one).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on'

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",0,0]'
jq_is '.cmdline' '{"from":"/proc/cmdline","args":[],"args_lost":0,"disabled":false,"pci":[],"pci_sources":[],"hugepages":[],"keep":"default","keep_source":null,"errors":[],"warnings":[]}'
jq_is '[.early.ran, .early.writer, .early.result, .early.exit]' '[false,null,null,null]'
jq_is '[.devices, .unmatched, .advice]' '[[],[],[]]'
jq_is '[.hugepages[] | .requested] | unique' '[null]'
