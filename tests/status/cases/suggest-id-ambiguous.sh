# A vendor:device id matching two devices (a second GTX 1050 at 07:00.0)
# is a usage error naming both; the address of one works.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 10de:1c81'
boot() {
	. "$fixtures/lib.sh"
	fx_pci . 0000:07:00.0 10de:1c81 0x030000 driver=nouveau group=18 \
		parent=0000:00:01.0 boot_vga=0
}

want_exit 3
want_empty_stdout
want_stderr_like "*DEVICE '10de:1c81' matches 2 devices (0000:06:00.0, 0000:07:00.0)*give the address*"
again suggest 07:00 --json
want_exit 0
jq_is '[.slot, .selector, [.functions[].address]]' '["0000:07:00","07:00@10de:1c81",["0000:07:00.0"]]'
again suggest 0000:0a:00.0
want_exit 3
want_stderr_like "*DEVICE '0000:0a:00.0': no such PCI device here*"
