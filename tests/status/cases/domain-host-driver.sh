# The R710 booted with only the GTX 1050's VGA function selected
# (rd.vmreserve.pci=06:00.0): its HDMI audio 06:00.1 stays on
# snd_hda_intel. The domain is `vmreserve libvirt --full`'s
# (guest-r710.xml): both functions, managed='yes'.
#   06:00.1 is on its host driver, managed: libvirt takes it from the host
#   at start, so the domain starts: a warning, exit 1, naming the boot key
#   that would have bound it. Group 17's members are both in the domain:
#   viable once libvirt has moved 06:00.1.
#   managed='no' (again): QEMU cannot open a device on snd_hda_intel:
#   does not fit, exit 2.
#   06:00.1 left out of the domain (again): group 17 holds a member on
#   snd_hda_intel that the domain does not take: not viable, exit 2,
#   naming 06:00.1 and snd_hda_intel.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00.0 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $here/libvirt/guest-r710.xml"
prepare() {
	sed "s/managed='yes'/managed='no'/" "$here/libvirt/guest-r710.xml" >"$work/unmanaged.xml"
	# the second <hostdev> (06:00.1) dropped: lines of its element
	awk "/<hostdev/ { n++ } n == 2 && /<hostdev/, n == 2 && /<\/hostdev>/ { next } { print }" \
		"$here/libvirt/guest-r710.xml" >"$work/vga-only.xml"
	grep -q "function='0x1'" "$work/vga-only.xml" && return 1
	return 0
}

want_exit 1
jq_is '[.hostdevs[] | [.address, .managed, .driver, .iommu_group, .group_viable, .level]]' \
	'[["0000:06:00.0",true,"vfio-pci",17,true,"ok"],["0000:06:00.1",true,"snd_hda_intel",17,true,"warning"]]'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | contains("0000:06:00.1") and contains("snd_hda_intel") and contains("managed")'
jq_ok '.advice[0].fix | contains("rd.vmreserve.pci=0000:06:00.1@10de:0fb9")' 'the key that binds it at boot'
jq_is '.hugepages[0] | [.needed, .free, .level]' '[8,8,"ok"]'

again check-domain --json "$work/unmanaged.xml"
want_exit 2
jq_is '[.hostdevs[] | .level]' '["ok","critical"]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0000:06:00.1") and contains("managed='"'"'no'"'"'"))'

again check-domain --json "$work/vga-only.xml"
want_exit 2
jq_is '[.hostdevs[] | [.address, .group_viable, .level]]' '[["0000:06:00.0",false,"critical"]]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("group 17") and contains("0000:06:00.1") and contains("snd_hda_intel"))'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("0000:06:00.1") and contains("rd.vmreserve.pci=0000:06:00)"))' 'the member, and the whole slot'
