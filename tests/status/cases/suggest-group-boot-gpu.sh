# Two GPU cards share IOMMU group 2 behind root ports without ACS
# (grp-bootgpu-shared tree, synthetic). The boot GPU 01:00.0 has no
# driver yet, but the module index has nouveau for it: udev binds it after
# vmreserve-early, and then the group is not viable. Asked for the other
# card (02:00.0), suggest must not put the host's boot GPU in the keys
# silently (the reviewer's defect: it did, and said the group was viable):
# the group is not viable with these keys, 01:00.0 is named as blocking,
# and the fix does not ask to pass the host's boot GPU through: exit 2.
# Its HD audio 01:00.1 (no driver, none in the module index) may be taken.
tree=grp-bootgpu-shared
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 02:00.0 --json'

want_exit 2
jq_is '[.also_selected[] | .address]' '["0000:01:00.1"]'
jq_is '[.viable_with_keys, [.groups[] | [.group, .viable, [.blocking[] | .address]]]]' '[false,[[2,false,["0000:01:00.0"]]]]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0000:01:00.0") and contains("boot VGA"))' 'the boot GPU is named'
jq_not '[.advice[] | .fix] | any(contains("rd.vmreserve.pci=01:00.0"))' 'never: pass the host boot GPU too'
jq_not '.cmdline | contains("01:00.0")' 'the keys leave the boot GPU'

