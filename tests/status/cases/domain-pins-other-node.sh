# The R710 booted as in domain-fits (slot on vfio-pci, 8 1G pages on node
# 0). The domain is `vmreserve libvirt --full`'s with the vCPUs pinned to
# node 1's CPUs (3,11,5,13,7,15) while <numatune> keeps the memory on node
# 0: the guest starts, but every memory access crosses the sockets: fits
# with a warning, exit 1, 6 of 6 pins off node 0, naming vCPU 0 on CPU 3.
#   A pin to CPU 99, which the R710 (CPUs 0-15) does not have (again):
#   libvirt cannot apply it: does not fit, exit 2.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/pins.xml"
prepare() {
	sed -e "s/cpuset='2'/cpuset='3'/; s/cpuset='10'/cpuset='11'/" \
		-e "s/cpuset='4'/cpuset='5'/; s/cpuset='12'/cpuset='13'/" \
		-e "s/cpuset='6'/cpuset='7'/; s/cpuset='14'/cpuset='15'/" \
		"$here/libvirt/guest-r710.xml" >"$work/pins.xml"
	sed "s/<vcpupin vcpu='5' cpuset='14'/<vcpupin vcpu='5' cpuset='99'/" \
		"$here/libvirt/guest-r710.xml" >"$work/cpu99.xml"
	grep -q "cpuset='99'" "$work/cpu99.xml"
}

want_exit 1
jq_is '.vcpu_pins' '{"judged":6,"off_node":6}'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | contains("6 of 6") and contains("node(s) 0") and contains("vCPU 0 on CPU 3")'
jq_ok '.advice[0].fix | contains("vmreserve libvirt --node 0")'
jq_is '.hugepages[0] | [.needed, .free, .level]' '[8,8,"ok"]'

again check-domain --json "$work/cpu99.xml"
want_exit 2
jq_is '[.advice[] | .level]' '["critical"]'
jq_ok '.advice[0].problem | contains("1 of 6") and contains("vCPU 5 on CPU 99")'
