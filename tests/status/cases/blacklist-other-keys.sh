# The kernel and dracut blacklist modules with three keys (the set the
# core knows, vmr_key_blacklists): rd.driver.blacklist= and
# module_blacklist= keep a host driver off every device as
# modprobe.blacklist= does. Here rd.driver.blacklist names the host driver
# of the selected 06:00.1 and module_blacklist the one of 06:00.0, and
# no other device would get either: two notes (duplicates; issue 19:
# warnings before), each naming its own key; pcspkr is no host driver of
# a selected device. Exit 0.
tree=r710
proc_cmdline='intel_iommu=on rd.driver.blacklist=pcspkr,snd-hda-intel module_blacklist=nouveau rd.vmreserve.pci=06:00'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '[.advice[] | select(.level != "note")] | length' '0'
jq_ok '[.advice[] | .problem] | any(startswith("rd.driver.blacklist=") and test("snd[-_]hda[-_]intel"))'
jq_ok '[.advice[] | .fix] | any(contains("change rd.driver.blacklist=pcspkr,snd-hda-intel to rd.driver.blacklist=pcspkr"))'
jq_ok '[.advice[] | .problem] | any(startswith("module_blacklist=nouveau"))'
jq_not '[.advice[] | .problem] | any(contains("pcspkr"))' 'pcspkr is no host driver of a selected device'
