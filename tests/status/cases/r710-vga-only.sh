# Only the GTX 1050's VGA function is selected (rd.vmreserve.pci=06:00.0):
# its HDMI audio 06:00.1, in the same group 17, stays on snd_hda_intel
# after boot, so group 17 is not viable. 06:00.0 is on vfio-pci (1 of 1
# in effect), exit 1, the advice names 06:00.1 on snd_hda_intel and says
# to select it too.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00.0'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",1,1]'
jq_is '[.devices[] | [.address, .selector, .driver, .iommu_group, .group_viable]]' '[["0000:06:00.0","0000:06:00.0","vfio-pci",17,false]]'
jq_is '.devices[0].blocking' '[{"address":"0000:06:00.1","id":"10de:0fb9","driver":"snd_hda_intel"}]'
# The fix was "rd.vmreserve.pci=0000:06:00.1", unpinned and unhedged: the
# defect of issue 19; now the pinned short form, as suggest gives it.
jq_ok '[.advice[] | select(.level == "warning") | .problem + " " + .fix] | any(contains("0000:06:00.1") and contains("snd_hda_intel") and contains("rd.vmreserve.pci=06:00.1@10de:0fb9"))' 'advice names 06:00.1, its driver and the fix'
