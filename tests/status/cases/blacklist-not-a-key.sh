# Only modprobe.blacklist=, rd.driver.blacklist= and module_blacklist=
# blacklist (vmreserve(8)): a made-up key that merely ends like one,
# my.blacklist=nouveau,snd_hda_intel, naming both host drivers of the
# selected slot, keeps nothing off a device: no advice about it. The slot
# is pinned (no pin note) and bound after the early run: 2 of 2, exit 0,
# no advice.
tree=r710
proc_cmdline='intel_iommu=on my.blacklist=nouveau,snd_hda_intel rd.vmreserve.pci=06:00@10de:1c81'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect, .advice]' '["ok",2,2,[]]'
