# modprobe.blacklist= naming only modules no selected device would get
# (pcspkr, floppy): nothing to say about it, exit 0.
tree=r710
proc_cmdline='intel_iommu=on modprobe.blacklist=pcspkr,floppy rd.vmreserve.pci=06:00'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",2,2,[]]'
