# <vcpu cpuset=> places only the vCPUs without a <vcpupin> (libvirt's
# domain format, CPU allocation and CPU tuning: a vCPU's <vcpupin>
# supersedes the <vcpu> cpuset for that vCPU).
# The R710 of domain-hostdev-other-node: the GTX 1050 on node 1, the
# domain's memory on node 0 (numatune strict) and all 6 vCPUs pinned to
# node 0's CPUs. The domain also says <vcpu cpuset='1,3'> (node 1's
# CPUs), which pins nothing: the guest runs on node 0 only, the device's
# DMA crosses the QPI link, a warning per function as without the
# cpuset, exit 1.
#   Again with vCPU 5's <vcpupin> removed: the cpuset places vCPU 5 on
#   node 1, the device's node: no warning about the device.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/pinned.xml"
boot() {
	for f in 0 1; do echo 1 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}
prepare() {
	sed "s/<vcpu placement='static'>6</<vcpu placement='static' cpuset='1,3'>6</" \
		"$here/libvirt/guest-r710.xml" >"$work/pinned.xml"
	grep -v "<vcpupin vcpu='5'" "$work/pinned.xml" >"$work/unpinned5.xml"
}

want_exit 1
jq_is '[.advice[] | select(.problem | contains("is on NUMA node 1")) | .level]' '["warning","warning"]'
jq_ok '[.advice[] | .problem] | any(contains("0000:06:00.0 is on NUMA node 1, the domain'"'"'s vCPUs and memory on node 0"))'
again check-domain --json "$work/unpinned5.xml"
jq_not '[.advice[] | .problem] | any(contains("is on NUMA node"))'
