# Module names treat - and _ alike (modprobe.blacklist=snd-hda-intel
# blacklists the module snd_hda_intel), so this names the host driver of
# the selected 06:00.1: a warning, exit 1. pcspkr, beside it, is no host
# driver of a selected device: no advice about it.
tree=r710
proc_cmdline='intel_iommu=on modprobe.blacklist=pcspkr,snd-hda-intel rd.vmreserve.pci=06:00'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,2]'
jq_is '[.advice[] | select(.level == "warning")] | length' '1'
jq_ok '.advice[] | select(.level == "warning") | .problem | test("snd[-_]hda[-_]intel")'
jq_not '[.advice[] | .problem] | any(contains("pcspkr"))' 'pcspkr is no host driver of a selected device'
