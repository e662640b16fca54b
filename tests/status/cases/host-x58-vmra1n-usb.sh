# The X58 workstation of github.com/foxlet/vmra1n issue #4
# (host-x58-vmra1n tree), booted with vmreserve taking the USB controller
# its owner passed to QEMU, 00:1d.2 (by address: its function alone).
# What the post shows: QEMU refused it, "group 8 is not viable": the
# other USB functions of slot 00:1d (uhci_hcd, ehci-pci) share its group
# and stay on host drivers. And the host bridge 8086:3405 is revision 0x13:
# the kernel's intel_remapping_check() (arch/x86/kernel/early-quirks.c)
# disables interrupt remapping on it, so /proc/interrupts has no IR- chips.
# So: 00:1d.2 is on vfio-pci (1 of 1 asked in effect), but its group is
# not viable, naming the three others; interrupt remapping is off, and a
# warning names the cause: the chipset quirk, by device id and revision.
# Exit 1 (in effect, with warnings).
tree=host-x58-vmra1n
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet intel_iommu=on rd.vmreserve.pci=00:1d.2'
early=1

want_exit 1
jq_is '[.verdict, .asked, .in_effect, .iommu.interrupt_remapping]' '["warning",1,1,false]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable]]' '[["0000:00:1d.2","vfio-pci",8,false]]'
jq_is '[.devices[0].blocking[] | .address] | sort' '["0000:00:1d.0","0000:00:1d.1","0000:00:1d.7"]'
# The quirk, named: device, id, revision, the kernel's check; a warning
# (the host shows the problem: remapping off).
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("0000:00:00.0") and contains("8086:3405") and contains("rev 13") and contains("intel_remapping_check"))' 'the warning names the chipset quirk'
