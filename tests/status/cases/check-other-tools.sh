# Other tools binding the same devices: driverctl overrides (one file per
# device, /etc/driverctl.d/pci-BDF, holding the driver) and 'options
# vfio-pci ids=' in /etc/modprobe.d. 06:00.0 overridden to vfio-pci: a
# duplicate, no conflict (note); 06:00.1 overridden to snd_hda_intel: a
# conflict, it takes the device back after boot (warning); the ids line
# names both functions' ids: a duplicate that takes every device with
# them (warning, each). Per function in address order. Exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81'
early=1
prepare() {
	mkdir -p etc/driverctl.d etc/modprobe.d
	printf 'vfio-pci\n' >etc/driverctl.d/pci-0000:06:00.0
	printf 'snd_hda_intel\n' >etc/driverctl.d/pci-0000:06:00.1
	printf '# passthrough\noptions vfio-pci ids=10de:1c81,10de:0fb9 disable_vga=1\n' >etc/modprobe.d/vfio.conf
}

want_exit 1
jq_is '[.advice[] | .level]' '["note","warning","note"]'
jq_ok '.advice[0].problem | contains("driverctl also overrides 0000:06:00.0 to vfio-pci") and contains("no conflict")'
jq_is '.advice[0].fix' '"driverctl unset-override 0000:06:00.0: rd.vmreserve.pci already hands it to vfio-pci, before udev"'
jq_ok '.advice[1].problem | contains("driverctl overrides 0000:06:00.1 to snd_hda_intel") and contains("conflicts")'
jq_is '.advice[1].fix' '"driverctl unset-override 0000:06:00.1"'
jq_ok '.advice[2].problem | contains("10de:1c81 (0000:06:00.0), 10de:0fb9 (0000:06:00.1)") and contains("/etc/modprobe.d/vfio.conf") and contains("holds nothing else")'
jq_ok '.advice[2].fix | startswith("remove ids=10de:1c81,10de:0fb9 from that line")'
