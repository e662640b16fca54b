# The IdeaPad 14ACN6 (host-ideapad-14acn6 tree; source in the tree): the
# owner wanted the APU's audio function 04:00.1 in a VM. The post's answer
# is the group: IOMMU group 5 holds the whole slot -- the laptop's only GPU
# (boot VGA), the PSP on ccp, two USB controllers -- so the audio cannot go
# without them, and "since this is a single gpu laptop I can't pass through
# the whole group". (04:00.6, the chipset's HD audio 1022:15e3, is not
# the GPU's audio 1002:1637: it is listed too.) suggest must list the slot's other functions with their
# class and driver and warn that they go too (they share group 5, so no
# function selectors), and taking the host's only GPU when the audio was
# asked is critical: exit 2.
tree=host-ideapad-14acn6
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=/dev/nvme0n1p2 ro quiet'
args='suggest 0000:04:00.1 --json'

want_exit 2
jq_is '.verdict' '"critical"'
jq_is '[.function_selectors, .other_share_group]' '[false,true]'
jq_is '[.other_functions[] | [.address, .class_name, .driver]]' '[["0000:04:00.2","Encryption controller","ccp"],["0000:04:00.3","USB controller","xhci_hcd"],["0000:04:00.4","USB controller","xhci_hcd"],["0000:04:00.5","Multimedia controller","snd_rn_pci_acp3x"],["0000:04:00.6","Audio device","snd_hda_intel"]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("0000:04:00.2") and contains("ccp") and contains("0000:04:00.3") and contains("xhci_hcd"))' 'a warning lists the other functions with their drivers'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("IOMMU group 5"))' 'it says they share group 5'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0000:04:00.0") and contains("only GPU"))' 'critical: the only GPU goes with it'

# The text says the same.
again suggest 04:00.1
want_exit 2
want_like '  0000:04:00.2 \[1022:15df\] Encryption controller, driver ccp, IOMMU group 5*'
want_like '  critical: *only GPU*'
want_line 'Verdict: critical (exit 2)'
