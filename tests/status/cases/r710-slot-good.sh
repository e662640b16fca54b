# The classic single-GPU host, booted as README.md's example without its
# pin (06:00, not 06:00@10de:1c81): the GTX
# 1050's whole slot for vfio-pci, 8G of 2M pages on each node. The early
# binary ran (vfio-pci bound both functions), vfio_iommu_type1 is loaded
# with allow_unsafe_interrupts=N, interrupt remapping is on. Everything
# asked is in effect: 2 functions + 2 hugepage entries = 4 of 4, exit 0.
# The one advice is a note (exit stays 0): 06:00 selects by address alone,
# so status recommends pinning it to function 0's ids, 10de:1c81.
#   8G / 2M = 4096 pages per node; node 1 had 256 before, now 4096 (not
#   256 + 4096), all free (no VM yet).
#   MemFree node 0: 11534336 - 4096*2048 = 3145728 kB
#   MemFree node 1: 12058624 - (4096-256)*2048 = 4194304 kB
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G,1:8G'
early=1
prepare() {
	. "$fixtures/lib.sh"
	fx_module_param . vfio_iommu_type1 allow_unsafe_interrupts N
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",4,4]'
# The plan is the one the record holds: the two parameters as written.
jq_is '.cmdline' '{"from":"/run/vmreserve/state","args":[{"text":"rd.vmreserve.pci=06:00","source":"/proc/cmdline"},{"text":"rd.vmreserve.hugepages=0:8G,1:8G","source":"/proc/cmdline"}],"args_lost":0,"disabled":false,"pci":["0000:06:00"],"pci_sources":["/proc/cmdline"],"hugepages":[{"entry":"0:8G","node":0,"page_kb":2048,"pages":4096,"source":"/proc/cmdline"},{"entry":"1:8G","node":1,"page_kb":2048,"pages":4096,"source":"/proc/cmdline"}],"keep":"default","keep_source":null,"errors":[],"warnings":[]}'
jq_is '[.early.ran, .early.result, .early.exit]' '[true,"ok",0]'
jq_ok '.early.writer | startswith("vmreserve-early ")'
jq_is '.iommu' '{"enabled":true,"acpi_table":"DMAR","groups":3,"interrupt_remapping":true,"allow_unsafe_interrupts":false}'
jq_is '[.devices[].address]' '["0000:06:00.0","0000:06:00.1"]'
jq_is '.devices[0] | [.id, .class, .class_name, .selector, .driver, .driver_override, .iommu_group, .group_viable, .blocking, .boot_vga, .numa_node, .early_status, .in_effect]' \
	'["10de:1c81","0x030000","VGA compatible controller","0000:06:00","vfio-pci","vfio-pci",17,true,[],false,null,"bound",true]'
jq_is '.devices[1] | [.id, .class, .class_name, .driver, .iommu_group, .group_viable, .blocking, .early_status, .in_effect]' \
	'["10de:0fb9","0x040300","Audio device","vfio-pci",17,true,[],"bound",true]'
# The drivers udev would load for them (libkmod on the modalias, like
# udev): nouveau for the VGA function; never vfio_pci, whose aliases are
# "vfio_pci:...", not "pci:...".
jq_ok '.devices[0].host_drivers | index("nouveau") != null' 'nouveau among host drivers of 06:00.0'
jq_not '.devices[0].host_drivers | index("vfio_pci") != null' 'vfio_pci is no host driver'
jq_is '.devices[1].host_drivers' '["snd_hda_intel"]'
jq_is '.unmatched' '[]'
jq_is '[.hugepages[] | [.node, .page_kb, .total, .free, .surplus, .requested, .target, .early_status, .level]]' \
	'[[0,2048,4096,4096,0,4096,4096,"ok","ok"],[0,1048576,0,0,0,null,null,null,"ok"],[1,2048,4096,4096,0,4096,4096,"ok","ok"],[1,1048576,0,0,0,null,null,null,"ok"]]'
jq_is '.nodes' '[{"node":0,"mem_total_kb":12582912,"mem_free_kb":3145728,"cpus":"0,2,4,6,8,10,12,14"},{"node":1,"mem_total_kb":12582912,"mem_free_kb":4194304,"cpus":"1,3,5,7,9,11,13,15"}]'
jq_is '[.advice[] | [.level, .fix]]' '[["note","pin it to the card: rd.vmreserve.pci=0000:06:00@10de:1c81"]]'
jq_ok '.advice[0].problem | contains("0000:06:00")'
