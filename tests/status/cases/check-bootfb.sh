# A boot framebuffer inside a selected GPU's BAR. The GTX 1050's BARs as
# the kernel shows them (06:00.0/resource: BAR 0 f9000000-f9ffffff, BAR 1
# d0000000-dfffffff 64-bit prefetchable, BAR 3 e0000000-e1ffffff, BAR 5
# I/O, the ROM), and /proc/iomem with the firmware's framebuffer at the
# start of BAR 1 (BOOTFB, as sysfb registers it since 5.15). After boot
# (status) a range still there means the guest cannot use the GPU (the host
# log says "BAR 1: can't reserve"): a warning, fix
# initcall_blacklist=sysfb_init (the kernel is 6.1: since 5.15
# video=efifb:off is not enough). Exit 1.
# suggest (nothing bound yet) on 6.1: vfio-pci removes firmware
# framebuffers on a VGA-class device's BARs when it probes (since 6.0,
# "vfio/pci: Remove console drivers"): a note, exit 0. On 5.15: a warning
# with initcall_blacklist=sysfb_init; on 5.10: video=efifb:off. An iomem
# read unprivileged (all addresses 0) is no finding but an unknown: one
# note saying so, naming the range and root as the fix (exit 0).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81'
early=1
prepare() {
	d=sys/bus/pci/devices/0000:06:00.0
	{
		printf '0x%016x 0x%016x 0x%016x\n' 0xf9000000 0xf9ffffff 0x40200
		printf '0x%016x 0x%016x 0x%016x\n' 0xd0000000 0xdfffffff 0x14220c
		printf '0x%016x 0x%016x 0x%016x\n' 0 0 0
		printf '0x%016x 0x%016x 0x%016x\n' 0xe0000000 0xe1ffffff 0x14220c
		printf '0x%016x 0x%016x 0x%016x\n' 0 0 0
		printf '0x%016x 0x%016x 0x%016x\n' 0xe000 0xe07f 0x40101
		printf '0x%016x 0x%016x 0x%016x\n' 0xc0000 0xdffff 0x2
	} >$d/resource
	cat >proc/iomem <<'IOMEM'
00000000-00000fff : Reserved
00001000-0009ffff : System RAM
000a0000-000bffff : PCI Bus 0000:00
00100000-bf77ffff : System RAM
d0000000-e1ffffff : PCI Bus 0000:06
  d0000000-dfffffff : 0000:06:00.0
    d0000000-d02fffff : BOOTFB
  e0000000-e1ffffff : 0000:06:00.0
f9000000-f9ffffff : PCI Bus 0000:06
  f9000000-f9ffffff : 0000:06:00.0
    f9000000-f9ffffff : vfio-pci
IOMEM
}

want_exit 1
jq_is '[.asked, .in_effect]' '[2,2]'
jq_is '[.advice[] | .level]' '["warning"]'
jq_is '.advice[0].problem' '"BOOTFB [mem 0xd0000000-0xd02fffff] lies in BAR 1 of 0000:06:00.0: the guest cannot use the device (\"BAR 1: can'"'"'t reserve\" in the host log)"'
jq_ok '.advice[0].fix | contains("initcall_blacklist=sysfb_init")'
again suggest 06:00 --json
want_exit 0
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("BOOTFB") and contains("BAR 1 of 0000:06:00.0") and contains("vfio-pci removes it")'
[ $mode = check ] && echo 5.15.0-91-generic >"$sys/proc/sys/kernel/osrelease"
again suggest 06:00 --json
want_exit 1
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("BOOTFB") and contains("older than 6.0"))'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("initcall_blacklist=sysfb_init"))'
[ $mode = check ] && echo 5.10.0-28-amd64 >"$sys/proc/sys/kernel/osrelease"
again suggest 06:00 --json
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("video=efifb:off"))'
[ $mode = check ] && sed -i 's/^\( *\)[0-9a-f]*-[0-9a-f]* :/\100000000-00000000 :/' "$sys/proc/iomem"
again suggest 06:00 --json
want_exit 0
jq_is '.advice' '[{"level":"note","problem":"whether a boot framebuffer lies in a BAR of a selected device is unknown: /proc/iomem shows its addresses to root only: BOOTFB","fix":"run vmreserve as root to check"}]'
