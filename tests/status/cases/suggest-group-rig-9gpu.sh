# Nine GPU cards in one IOMMU group 30 behind a switch without ACS
# (grp-rig-9gpu tree, synthetic), all on vfio-pci through another binder.
# Passing 10:00 needs the keys to select the group's 17 other endpoints
# too: 18 selectors, 1 for the slot and 17 pinned ones, about 300
# characters. The reviewer's defect: the keys were cut at 256 characters,
# mid-selector ("...,17:00", which selects another thing than meant), and
# suggest still said viable. Every selector whole, the group viable with
# them, all 16 other endpoints named as selected too: exit 0.
tree=grp-rig-9gpu
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 10:00.0 --json'

want_exit 0
jq_ok '.cmdline | capture("rd.vmreserve.pci=(?<p>[^ ]*)").p | split(",") | length == 17' '17 selectors'
jq_ok '.cmdline | capture("rd.vmreserve.pci=(?<p>[^ ]*)").p | split(",") | .[1:] | all(test("^[0-9a-f]{2}:00\\.[01]@10de:(1c81|0fb9)$"))' 'each pinned selector whole'
jq_ok '.cmdline | contains("18:00.1@10de:0fb9 ")' 'the last one is in'
jq_is '[(.also_selected | length), .viable_with_keys]' '[16,true]'
