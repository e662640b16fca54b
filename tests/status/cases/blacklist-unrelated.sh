# modprobe.blacklist= naming only modules no selected device would get
# (pcspkr, floppy): nothing to say about it, exit 0. The slot is pinned to
# the GTX 1050 (10de:1c81 at 06:00.0), so no pin note either.
tree=r710
proc_cmdline='intel_iommu=on modprobe.blacklist=pcspkr,floppy rd.vmreserve.pci=06:00@10de:1c81'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",2,2,[]]'
