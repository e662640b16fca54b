# A hostdev on another NUMA node than the guest. The R710 booted as in
# domain-fits (slot on vfio-pci, 8 1G pages on node 0), but the GTX 1050
# sits in a slot of socket 1: its numa_node is 1. The domain
# (libvirt/guest-r710.xml) pins its vCPUs to node 0's CPUs and binds its
# memory to node 0 (numatune strict): the guest runs, but the GPU's DMA
# and interrupts cross the QPI link, the layout the libvirt command
# already comments on. Fits with a warning per function naming node 1
# and node 0, exit 1.
#   Again with numatune on node 1 (the vCPUs still on node 0): the
#   device's node holds the memory, so no warning about the device (the
#   pins off the memory's node are warned about on their own).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $here/libvirt/guest-r710.xml"
boot() {
	for f in 0 1; do echo 1 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
}
prepare() {
	sed "s/<memory mode='strict' nodeset='0'/<memory mode='strict' nodeset='1'/" \
		"$here/libvirt/guest-r710.xml" >"$work/mem1.xml"
}

want_exit 1
jq_is '[.advice[] | select(.problem | contains("is on NUMA node 1")) | .level]' '["warning","warning"]'
jq_ok '[.advice[] | .problem] | any(contains("0000:06:00.0 is on NUMA node 1, the domain'"'"'s vCPUs and memory on node 0"))'
jq_ok '[.advice[] | .fix] | any(contains("vmreserve libvirt --node 1"))'
again check-domain --json "$work/mem1.xml"
jq_not '[.advice[] | .problem] | any(contains("is on NUMA node"))'
