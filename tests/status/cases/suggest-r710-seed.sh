# The seed host (README's example): the GTX 1050 (10de:1c81 at 06:00.0,
# its audio 10de:0fb9 at 06:00.1) local to node 0, the VM on node 0 with
# 12G of 2M pages, node 1 still holding the 256 2M pages of the kernel's
# hugepages= from the old recipe. The R710 tree with 16 GiB on node 0 (a
# 32 GiB R710, 16 per socket: the stock tree's 12 GiB nodes cannot give
# 12G above the keep margin, see suggest-memory-too-big).
#   slot 0000:06:00, function 0 is 10de:1c81: pin 06:00@10de:1c81
#   VT-d (DMAR table): intel_iommu=on
#   group 17 = 06:00.0 + 06:00.1 only: viable once the slot is taken
#   keep: a quarter of 16 GiB, at most 2 GiB = 2 GiB; no boot measured
#   the free memory in the initramfs yet: the node's free memory now,
#   MemFree 15 GiB, less 256 MiB for the initramfs and the keep: limit
#   12.75 GiB
#   12G / 2M = 6144 pages; node 1 holds 2M pages and hugepages= is on
#   the command line: 1:0
#   => intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81
#      rd.vmreserve.hugepages=0:12G,1:0 (the seed's line), exit 0
# The XML: the R710's pinning (vCPU pairs on cores 1, 9, 10 of node 0,
# emulator on core 0) with 12G of 2M pages: suggest-r710-seed.xml, each
# element's reason in its comments.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on hugepages=1:256'
args='suggest 06:00 --memory 12G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	sed -i 's/MemTotal: *[0-9]* kB/MemTotal:       16777216 kB/; s/MemFree: *[0-9]* kB/MemFree:        15728640 kB/' \
		$NODE/node0/meminfo
}

want_exit 0
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:12G,1:0"'
jq_is '.conf' '["pci=06:00@10de:1c81","hugepages=0:12G,1:0"]'
jq_is '[.slot, .pin, .selector]' '["0000:06:00","10de:1c81","06:00@10de:1c81"]'
jq_is '[.functions[] | [.address, .id, .driver, .iommu_group, .host_drivers]]' \
	'[["0000:06:00.0","10de:1c81","nouveau",17,["nouveau"]],["0000:06:00.1","10de:0fb9","snd_hda_intel",17,["snd_hda_intel"]]]'
jq_is '[.iommu, .groups]' '[true,[{"group":17,"viable":true,"blocking":[],"via_other_binder":[]}]]'
jq_is '[.node, .node_from, .page_kb, .pages, .memory_kb, .limit_kb, .keep_kb, .empty_nodes]' \
	'[0,"device",2048,6144,12582912,13369344,2097152,[1]]'
jq_is '[.advice, .verdict]' '[[],"ok"]'
# element by element, each justified in suggest-r710-seed.xml's comments;
# the header comment states the plan
if [ $mode = check ]; then
	jq -j .libvirt_xml "$subject" >"$work/seed.xml"
	_d=$(python3 "$here/xml_same.py" "$here/cases/suggest-r710-seed.xml" "$work/seed.xml") ||
		fail "libvirt XML differs from cases/suggest-r710-seed.xml: $_d"
	grep -q 'memory: 12G in 6144 pages of 2M to reserve on node 0' "$work/seed.xml" ||
		fail "the XML's header does not state 6144 2M pages on node 0"
fi
want_suggest_xml_valid
