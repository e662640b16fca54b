# A real host (tests/fixtures/trees/host-arch-gpupm.sh; SOURCE:
# https://github.com/uwzis/GPU-Passthrough-Manager/issues/19): Arch Linux,
# mkinitcpio, the RTX 2060 SUPER at 06:00 for a VM. The owner's binding
# only worked once vfio_pci was in MODULES=() of /etc/mkinitcpio.conf:
# what is in the image is mkinitcpio's business, and vmreserve has no
# mkinitcpio hook, so nothing of vmreserve would run at boot here.
# What the owner needs, reasoned from that:
# - suggest says so plainly (the generator, mkinitcpio, and the ones
#   vmreserve supports, dracut and initramfs-tools) as a critical item,
#   and exits 2: keys that are never read are not "usable";
# - no fix or step names dracut's or initramfs-tools' commands, which do
#   not exist on this host;
# - status before any key (this boot): nothing asked, a note that
#   vmreserve cannot serve this host, exit 0;
# - status with the keys on the command line: no record, and the reason
#   is the generator (critical), not "put the dracut module in".
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
args='suggest 06:00 --memory 8G --json'

want_exit 2
jq_is '.initramfs.generator' '"mkinitcpio"'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("mkinitcpio") and contains("dracut, initramfs-tools"))'
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("dracut --force|update-initramfs|lsinitrd"))' 'no other generator commands'
again suggest 06:00 --memory 8G
want_exit 2
no_like '*dracut --force*'
no_like '*update-initramfs*'
again status --json
want_exit 0
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("mkinitcpio"))'
again status --json --cmdline 'BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro amd_iommu=on rd.vmreserve.pci=06:00@10de:1f06'
want_exit 2
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("no /run/vmreserve/state") and contains("mkinitcpio"))'
jq_not '[.advice[] | .fix // ""] | any(contains("dracut module") or contains("lsinitrd"))'
