# The IdeaPad 14ACN6's APU slot (host-ideapad-14acn6 tree) on firmware that
# gives each function of the slot an IOMMU group of its own (made here by
# moving 04:00.2-6 out of group 5: a variant, not the post's host). suggest
# for the GPU's audio: the slot still holds the PSP (ccp), two USB
# controllers, the ACP and the chipset's HD audio, each in a group apart,
# so the keys select only the GPU (04:00.0) and its audio (04:00.1), by
# function and pinned, the others listed as not selected (a note), the
# host keeps them. The host's only GPU is taken though the audio was asked:
# critical, exit 2.
tree=host-ideapad-14acn6
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=/dev/nvme0n1p2 ro quiet'
args='suggest 04:00.1 --json'
prepare() {
	g=20
	for f in 2 3 4 5 6; do
		rm sys/kernel/iommu_groups/5/devices/0000:04:00.$f
		mkdir -p sys/kernel/iommu_groups/$g/devices
		ln -s ../../../../devices/pci0000:00/0000:00:08.1/0000:04:00.$f sys/kernel/iommu_groups/$g/devices/0000:04:00.$f
		ln -sfn ../../../../kernel/iommu_groups/$g sys/devices/pci0000:00/0000:00:08.1/0000:04:00.$f/iommu_group
		g=$((g + 1))
	done
}

want_exit 2
jq_is '[.function_selectors, .other_share_group]' '[true,false]'
jq_is '.selector' '"04:00.0@1002:1638,04:00.1@1002:1637"'
jq_ok '.cmdline | contains("rd.vmreserve.pci=04:00.0@1002:1638,04:00.1@1002:1637 ")' 'the GPU and its audio by function'
jq_is '[.functions[] | .address]' '["0000:04:00.0","0000:04:00.1"]'
jq_is '[.other_functions[] | [.address, .iommu_group]]' '[["0000:04:00.2",20],["0000:04:00.3",21],["0000:04:00.4",22],["0000:04:00.5",23],["0000:04:00.6",24]]'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("0000:04:00.2") and contains("ccp") and contains("apart"))' 'a note lists what the host keeps'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("only GPU"))' 'the only GPU is still taken'
jq_ok '.libvirt_xml | test("bus=.0x04. slot=.0x00. function=.0x1.") and (test("function=.0x2.") | not)' 'the VM gets the GPU and its audio'

again suggest 04:00.1
want_like '  not selected: 0000:04:00.2 \[1022:15df\] Encryption controller, driver ccp, IOMMU group 20*'
want_like 'Device: 04:00.1 -> slot 0000:04:00, the GPU and its audio by function*'
