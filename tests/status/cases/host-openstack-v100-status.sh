# The Quansight GPU server (host-openstack-v100 tree; source in the tree),
# booted with vmreserve selecting 27:00.0 beside the post's own keys
# (vfio-pci.ids=10de:1db4 still on the command line): group 19 is viable
# now, but only because vfio-pci.ids= holds 28:00.0, which vmreserve does
# not select. The post shows why that matters: 28:00.0 shares group 19 with
# 27:00.0 and has no other place to go; once vfio-pci.ids= is removed,
# nouveau (or nvidia) takes it and the group is no longer viable. status
# says so, naming 28:00.0, its driver and the selector that would make the
# group independent of that setting (a note: it works this minute). The
# lone 44:00.0 (group 32) is in no group item. The other four V100s pass
# through to other VMs (the post's six runners) only through
# vfio-pci.ids=10de:1db4, so the item about that key says to keep it and
# names them. No state record: the early binary is not this case (its
# warning, exit 1).
tree=host-openstack-v100
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=/dev/sda2 ro amd_iommu=on iommu=pt vfio-pci.ids=10de:1db4 modprobe.blacklist=nvidiafb,nouveau rd.vmreserve.pci=27:00@10de:1db4'

want_exit 1
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .in_effect]]' '[["0000:27:00.0","vfio-pci",19,true,true]]'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("IOMMU group 19") and contains("0000:28:00.0") and contains("vfio-pci") and contains("viable only while"))' 'a note names 28:00.0 held by another binder'
jq_ok '[.advice[] | select(.level == "note") | .fix] | any(contains("rd.vmreserve.pci=28:00.0@10de:1db4"))' 'the fix selects it, pinned'
jq_not '[.advice[] | select(.problem | startswith("IOMMU group")) | .problem] | any(contains("0000:44:00.0"))' 'the lone GPU is in no group item'
jq_ok '[.advice[] | select(.problem | startswith("vfio-pci.ids=10de:1db4")) | .fix] | any(startswith("keep it") and contains("0000:44:00.0") and contains("0000:c4:00.0"))' 'vfio-pci.ids= kept: it still holds the GPUs of the other runners'
want_text_json_agree
# A datacenter V100 (3D controller, class 0302) is no laptop GPU: its video
# BIOS is in its own ROM, so no note asks for the laptop's (quirks.c gates
# it on the chassis type; this server has none of a laptop).
jq_not '[.advice[] | .problem] | any(contains("video BIOS"))' 'no laptop video-BIOS note on a server'
