# The Quansight GPU server (host-openstack-v100 tree; source in the tree):
# identical V100s share IOMMU groups in pairs, every one held by vfio-pci
# only through vfio-pci.ids=10de:1db4. The owners pass 27:00.0 to a VM and
# know from the group listing that 28:00.0 cannot go anywhere else ("GPUs
# with address 27:00.0 and 28:00.0 are in same IOMMU group 19, which means
# they cannot be attached to two separate VMs"). For the keys to keep group
# 19 viable once vmreserve replaces vfio-pci.ids=, they must hold 28:00.0 on
# vfio-pci too, pinned to its ids: else nothing keeps nouveau (or nvidia)
# off it at the next boot once the ids and the blacklist go, and the group
# is not viable. 28:00.0 is named as selected too; the group is viable with
# these keys; the VM's functions stay 27:00.0 alone (the XML names only it).
# The other four V100s serve the post's other runners through
# vfio-pci.ids=10de:1db4 and the nouveau blacklist, which the keys do not
# replace for them: both are kept (notes naming what each still holds,
# never "remove"). Nothing is wrong with the keys: exit 0.
tree=host-openstack-v100
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=/dev/sda2 ro amd_iommu=on iommu=pt vfio-pci.ids=10de:1db4 vfio_iommu_type1.allow_unsafe_interrupts=1 modprobe.blacklist=nvidiafb,nouveau'
args='suggest 27:00.0 --json'

want_exit 0
jq_ok '.cmdline | test("rd.vmreserve.pci=[^ ]*27:00@10de:1db4")' 'the slot, pinned'
jq_ok '.cmdline | test("rd.vmreserve.pci=[^ ]*28:00.0@10de:1db4")' 'the other GPU of group 19, pinned'
jq_is '[.also_selected[] | [.address, .driver, .iommu_group]]' '[["0000:28:00.0","vfio-pci",19]]'
jq_is '[.functions[] | .address]' '["0000:27:00.0"]'
jq_is '[.groups[] | [.group, .viable]]' '[[19,true]]'
jq_is '.viable_with_keys' 'true'
jq_ok '[.advice[] | .problem] | any(contains("0000:28:00.0") and contains("select it too"))' 'the advice says 28:00.0 is taken too'
jq_ok '[.advice[] | select(.problem | startswith("vfio-pci.ids=10de:1db4")) | .problem] | any(contains("0000:27:00.0, 0000:28:00.0") and contains("0000:44:00.0"))' 'the ids item: the keys cover both GPUs of group 19, the others stay held'
jq_not '[.advice[] | .fix // ""] | any(test("^remove"; "i"))' 'no setting is removed: each still holds a GPU of another runner'
jq_ok '.libvirt_xml | test("bus=.0x27.") and (test("bus=.0x28.") | not)' 'the VM gets 27:00.0 only'
# A datacenter V100 (3D controller, class 0302) is no laptop GPU: its video
# BIOS is in its own ROM, so no note asks for the laptop's (quirks.c gates
# it on the chassis type; this server has none of a laptop).
jq_not '[.advice[] | .problem] | any(contains("video BIOS"))' 'no laptop video-BIOS note on a server'

# 44:00.0 is alone in group 32: the keys are its slot alone.
again suggest 44:00.0 --json
jq_is '.also_selected' '[]'
jq_ok '.cmdline | contains("rd.vmreserve.pci=44:00@10de:1db4 ")' 'the slot alone'

# The text says the same.
again suggest 27:00.0
want_like '  selected too: 0000:28:00.0 \[10de:1db4\] 3D controller, driver vfio-pci, IOMMU group 19*'
want_line 'IOMMU group 19: viable once the keys'"'"' devices are on vfio-pci'
