# Module names treat - and _ alike (modprobe.blacklist=snd-hda-intel
# blacklists the module snd_hda_intel), so this names the host driver of
# the selected 06:00.1, the only device snd_hda_intel would take here: a
# duplicate, a note (issue 19: a warning before), whose fix keeps pcspkr
# in the list. pcspkr, beside it, is no host driver of a selected device:
# no advice about it. The address selector's pin note too: exit 0.
tree=r710
proc_cmdline='intel_iommu=on modprobe.blacklist=pcspkr,snd-hda-intel rd.vmreserve.pci=06:00'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '[.advice[] | select(.level != "note")] | length' '0'
jq_ok '[.advice[] | .problem] | any(test("^modprobe.blacklist=snd[-_]hda[-_]intel:.*0000:06:00.1"))'
jq_ok '[.advice[] | .fix] | any(contains("modprobe.blacklist=pcspkr,snd-hda-intel to modprobe.blacklist=pcspkr"))' 'pcspkr stays'
jq_not '[.advice[] | .problem] | any(contains("pcspkr"))' 'pcspkr is no host driver of a selected device'
