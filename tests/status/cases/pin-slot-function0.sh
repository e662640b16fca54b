# rd.vmreserve.pci=06:00@10de:0fb9 on the R710: the pin names the audio
# function's id, but a slot follows its function 0, which is the GTX 1050
# (10de:1c81). Nothing of the slot was taken at boot, not even 06:00.1
# (10de:0fb9): both functions keep their host drivers. Asked 1 (the
# selector), in effect 0: exit 2, the advice names function 0 and both
# ids.
tree=r710
proc_cmdline='ro intel_iommu=on rd.vmreserve.pci=06:00@10de:0fb9'
early=1

want_exit 2
jq_is '[.verdict, .asked, .in_effect, .devices]' '["critical",1,0,[]]'
jq_is '[.advice[] | select(.level == "critical") | .problem]' '["rd.vmreserve.pci: '"'"'0000:06:00@10de:0fb9'"'"': 0000:06:00.0 is 10de:1c81, not 10de:0fb9: nothing taken there"]'

again groups --json
want_exit 0
jq_is '[.groups[] | select(.group == 17) | .devices[] | [.address, .driver]]' '[["0000:06:00.0","nouveau"],["0000:06:00.1","snd_hda_intel"]]'
