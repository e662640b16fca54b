# Thirty GPU cards in one IOMMU group 30 (grp-rig-30gpu tree, synthetic):
# the keys would need 60 selectors, more than one rd.vmreserve.pci key
# holds (1023 characters). suggest never cuts a selector, and a group
# whose members do not all fit in the keys is not viable with them, a
# critical advice saying why (the reviewer's defect: cut keys, "viable").
# What the keys do select is what "selected too" lists: exit 2.
tree=grp-rig-30gpu
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 10:00.0 --json'

want_exit 2
jq_ok '.cmdline | capture("rd.vmreserve.pci=(?<p>[^ ]*)").p | (length < 1024 - 17) and (split(",") | .[1:] | all(test("^[0-9a-f]{2}:00\\.[01]@10de:(1c81|0fb9)$")))' 'whole selectors, one key'
jq_ok '(.cmdline | capture("rd.vmreserve.pci=(?<p>[^ ]*)").p | split(",") | length - 1) == (.also_selected | length)' 'selected too: what the keys select'
jq_is '[.viable_with_keys, [.groups[] | [.group, .viable]]]' '[false,[[30,false]]]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("IOMMU group 30") and contains("do not fit"))' 'the cut is said'
