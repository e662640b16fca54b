# A slot without a GPU (grp-x570-usb tree, synthetic): the CPU's own slot
# 0b:00 holds the PSP on ccp, a USB controller and the board's HD audio,
# each in an IOMMU group of its own. Asked for the USB controller 0b:00.3,
# suggest must select it alone, by function and pinned
# (0b:00.3@1022:149c), and leave the PSP and the audio to the host: the
# whole slot (0b:00@1022:148a) would take the host's audio and its PSP
# silently. A note says what the host keeps; nothing else is wrong: exit 0.
tree=grp-x570-usb
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=/dev/nvme0n1p2 ro quiet'
args='suggest 0b:00.3 --json'

want_exit 0
jq_is '[.function_selectors, .function_alone, .other_share_group]' '[true,true,false]'
jq_is '.selector' '"0b:00.3@1022:149c"'
jq_ok '.cmdline | contains("rd.vmreserve.pci=0b:00.3@1022:149c ")' 'the USB controller alone, pinned'
jq_is '[.functions[] | .address]' '["0000:0b:00.3"]'
jq_is '[.other_functions[] | .address]' '["0000:0b:00.0","0000:0b:00.1","0000:0b:00.4"]'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("0000:0b:00.1") and contains("ccp") and contains("0000:0b:00.4") and contains("snd_hda_intel") and contains("keeps"))' 'a note: the host keeps the PSP and the audio'
jq_ok '.libvirt_xml | test("function=.0x3.") and (test("function=.0x1.") | not) and (test("function=.0x4.") | not)' 'the VM gets the USB controller only'

again suggest 0b:00.3
want_exit 0
want_like 'Device: 0b:00.3 -> slot 0000:0b:00, this function alone*'
want_like '  not selected: 0000:0b:00.1 \[1022:1486\] Encryption controller, driver ccp, IOMMU group 22*'
want_line '  rd.vmreserve.pci=0b:00.3@1022:149c rd.vmreserve.hugepages=0:7G'
