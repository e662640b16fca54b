# The kernel and dracut blacklist modules with three keys (the set the
# core knows, vmr_key_blacklists): rd.driver.blacklist= and
# module_blacklist= keep a host driver off every device as
# modprobe.blacklist= does. Here rd.driver.blacklist names the host driver
# of the selected 06:00.1 and module_blacklist the one of 06:00.0: two
# warnings, each naming its own key; pcspkr is no host driver of a
# selected device.
tree=r710
proc_cmdline='intel_iommu=on rd.driver.blacklist=pcspkr,snd-hda-intel module_blacklist=nouveau rd.vmreserve.pci=06:00'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",2,2]'
jq_is '[.advice[] | select(.level == "warning")] | length' '2'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(startswith("rd.driver.blacklist=") and test("snd[-_]hda[-_]intel"))'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("from rd.driver.blacklist="))'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(startswith("module_blacklist=nouveau"))'
jq_not '[.advice[] | .problem] | any(contains("pcspkr"))' 'pcspkr is no host driver of a selected device'
