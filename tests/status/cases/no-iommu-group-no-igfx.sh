# A selected device outside every IOMMU group on a command line without
# igfx_off (a device the DMAR tables leave out): the fix does not tell the
# owner to remove a parameter the command line does not have (issue 19);
# it says not to select the device. suggest for it says the same. The
# problem keeps the core's wording (VMR_NO_GROUP_WHY). Nothing asked is in
# effect: exit 2.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=00:02.0'
early=1
boot() {
	. "$fixtures/lib.sh"
	fx_pci . 0000:00:02.0 8086:3e92 0x030000 driver=i915 boot_vga=1
}

want_exit 2
jq_is '[.advice[] | select(.level == "critical") | .fix]' '["do not select it"]'
jq_not '[.advice[] | .fix // ""] | any(contains("igfx_off"))' 'no igfx_off to remove'
again suggest 00:02.0 --memory 1G --json
jq_not '[.advice[] | .fix // ""] | any(contains("igfx_off"))' 'suggest: no igfx_off to remove'
