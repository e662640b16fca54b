# `vmreserve suggest 00:1d.2` on the X58 workstation of
# github.com/foxlet/vmra1n issue #4 (host-x58-vmra1n tree), a Debian-like
# host (initramfs-tools, GRUB: invented, the post does not say). The
# owner passed the function 00:1d.2 alone and QEMU said "group 8 is not
# viable": the slot's other USB functions share the group. suggest takes
# the whole slot 00:1d (its four functions), with which group 8 is viable.
# The next failure the owner would meet is the chipset's: 8086:3405 rev
# 0x13 is in the kernel's intel_remapping_check(), interrupt remapping is
# off, and VFIO refuses to attach devices without it: a warning naming the
# quirk (exit 1: the proposal works only with allow_unsafe_interrupts).
tree=host-x58-vmra1n
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet intel_iommu=on'
boot() {
	mkdir -p usr/sbin etc/default
	: >usr/sbin/update-initramfs
	: >usr/sbin/update-grub
	printf 'GRUB_CMDLINE_LINUX_DEFAULT="quiet intel_iommu=on"\n' >etc/default/grub
}
args='suggest 00:1d.2 --json'

want_exit 1
jq_is '[.groups[] | [.group, .viable]]' '[[8,true]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("8086:3405") and contains("rev 13") and contains("intel_remapping_check"))' 'the warning names the chipset quirk'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("allow_unsafe_interrupts=1"))'
