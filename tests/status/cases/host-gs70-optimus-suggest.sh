# `vmreserve suggest 01:00.0` on the MSI GS70 laptop of
# github.com/T-vK/MobilePassThrough issue #7 (host-gs70-optimus tree),
# before any binding; a Debian-like host (initramfs-tools, GRUB: invented,
# the post does not name the distribution). The post's checker judged the
# GTX 765M passable (group 1: the root port and the GPU's two functions,
# viable once the slot is on vfio-pci) and the laptop MUX-less: the GPU is
# a "3D controller" (class 0302) whose video BIOS lives in the system
# firmware. suggest proposes the slot (exit 0: nothing stands in the way)
# and says, as a note, that the guest needs that video BIOS (romfile).
tree=host-gs70-optimus
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet intel_iommu=on'
boot() {
	mkdir -p usr/sbin etc/default
	: >usr/sbin/update-initramfs
	: >usr/sbin/update-grub
	printf 'GRUB_CMDLINE_LINUX_DEFAULT="quiet intel_iommu=on"\n' >etc/default/grub
}
args='suggest 01:00.0 --json'

want_exit 0
jq_is '[.groups[] | [.group, .viable]]' '[[1,true]]'
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("0000:01:00.0") and contains("3D controller") and contains("video BIOS")'
jq_ok '.advice[0].fix | contains("romfile")'
