# A real host (tests/fixtures/trees/host-arch-gpupm.sh; SOURCE:
# https://github.com/uwzis/GPU-Passthrough-Manager/issues/19): Arch Linux,
# mkinitcpio, the RTX 2060 SUPER at 06:00 for a VM. The owner's binding
# only worked once vfio_pci was in MODULES=() of /etc/mkinitcpio.conf. The
# post predates vmreserve: its mkinitcpio hooks are not installed and
# HOOKS (base udev autodetect modconf block filesystems keyboard fsck) has
# no vmreserve, so nothing of vmreserve would run at boot yet.
# What the owner needs, reasoned from that and mkinitcpio's rules (every
# early hook runs in HOOKS order before any run_hook; udev's early hook
# starts udevd: vmreserve, an early hook, goes right before udev):
# - suggest: the rebuild is mkinitcpio -P; warnings (exit 1, not 2: the
#   generator is one vmreserve serves) that HOOKS has no vmreserve, with
#   the HOOKS line that puts it before udev, and that the hook is not
#   installed; besides them only the slot's warning (its USB and UCSI
#   functions share group 16 with the GPU); no critical item;
# - no fix or step names dracut's or initramfs-tools' commands, which do
#   not exist on this host;
# - status before any key (this boot): the same two as notes, exit 0;
# - status with the keys on the command line: no record (a warning whose
#   fix names mkinitcpio -P and lsinitcpio), the two as warnings, and the
#   device not on vfio-pci: exit 2; nothing calls mkinitcpio unsupported.
tree=host-arch-gpupm
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro loglevel=3 quiet'
args='suggest 06:00 --memory 8G --json'

want_exit 1
jq_is '.initramfs' '{"generator":"mkinitcpio","rebuild":"mkinitcpio -P"}'
jq_is '[.advice[] | select(.level == "critical")] | length' '0'
jq_is '[.advice[] | select(.level == "warning") | .problem | select(contains("mkinitcpio") or contains("HOOKS"))]' \
	'["HOOKS in /etc/mkinitcpio.conf has no vmreserve: vmreserve-early would not run at boot","vmreserve'"'"'s mkinitcpio hook vmreserve is not installed (no install/vmreserve and hooks/vmreserve in /usr/lib/initcpio or /etc/initcpio): mkinitcpio cannot put it in the image"]'
jq_ok '[.advice[] | .fix // ""] | any(contains("put HOOKS=(base vmreserve udev autodetect modconf block filesystems keyboard fsck) in /etc/mkinitcpio.conf"))'
jq_is '[.advice[] | select(.level == "warning")] | length' '3'
jq_not '[.advice[] | .problem + " " + (.fix // "")] | any(test("dracut --force|update-initramfs|lsinitrd|unsupported|has hooks for"))' 'no other generator commands'
again suggest 06:00 --memory 8G
want_exit 1
want_line '  2. rebuild the initramfs: mkinitcpio -P'
no_like '*dracut --force*'
no_like '*update-initramfs*'
again status --json
want_exit 0
jq_is '[.advice[] | select(.problem | test("mkinitcpio|HOOKS")) | .level]' '["note","note"]'
again status --json --cmdline 'BOOT_IMAGE=/vmlinuz-linux root=UUID=5c1d ro amd_iommu=on rd.vmreserve.pci=06:00@10de:1f06'
want_exit 2
jq_is '[.advice[] | select(.level == "critical") | .problem | select(test("mkinitcpio|generator|initramfs"))]' '[]'
jq_ok '[.advice[] | select(.level == "warning" and (.problem | startswith("no /run/vmreserve/state"))) | .fix] | any(contains("mkinitcpio -P") and contains("lsinitcpio /boot/initramfs-linux.img | grep vmreserve"))'
jq_is '[.advice[] | select(.problem | test("mkinitcpio|HOOKS")) | .level]' '["warning","warning"]'
jq_not '[.advice[] | .fix // ""] | any(contains("dracut module") or contains("lsinitrd"))'
