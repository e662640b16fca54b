# A real host (tests/fixtures/trees/host-pve-um890.sh; SOURCE:
# https://github.com/isc30/ryzen-gpu-passthrough-proxmox/issues/77):
# Proxmox VE, the iGPU c5:00.0 and its audio c5:00.1 held by 'options
# vfio-pci ids=1002:1900,1002:1640' (working: both on vfio-pci in the
# post), the rest of the slot (PSP, USB, audio) for the host. The owner
# adds rd.vmreserve.pci for the two functions to GRUB and reboots, but did
# not rebuild the initramfs: no record in this boot.
# What the owner needs, reasoned from that:
# - the missing record's fix names this host's generator (initramfs-tools:
#   update-initramfs -u -k all, lsinitramfs), never dracut or lsinitrd;
# - the devices are on vfio-pci (2 of 2, through the ids), but vmreserve
#   did not run: the ids line is still what holds them, so its fix says
#   to keep it until vmreserve-early runs, then remove only those ids
#   (they hold nothing else) and rebuild with update-initramfs;
# - the missing record is a warning (the devices are in effect): exit 1.
tree=host-pve-um890
proc_cmdline='BOOT_IMAGE=/boot/vmlinuz-6.8.12-4-pve root=/dev/mapper/pve-root ro quiet iommu=pt rd.vmreserve.pci=c5:00.0@1002:1900,c5:00.1@1002:1640'

want_exit 1
jq_is '[.asked, .in_effect]' '[2,2]'
jq_ok '[.advice[] | select(.problem | startswith("no /run/vmreserve/state")) | .fix] | any(contains("update-initramfs -u -k all") and contains("lsinitramfs"))'
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("dracut|lsinitrd"))' 'no dracut command on an initramfs-tools host'
jq_ok '[.advice[] | select(.problem | contains("options vfio-pci ids=1002:1900,1002:1640")) | .fix] | any(startswith("keep it until vmreserve-early runs") and contains("update-initramfs -u -k all"))'
jq_ok '[.advice[] | select(.problem | contains("options vfio-pci ids=1002:1900,1002:1640")) | .problem] | any(contains("1002:1900 (0000:c5:00.0), 1002:1640 (0000:c5:00.1)"))'
