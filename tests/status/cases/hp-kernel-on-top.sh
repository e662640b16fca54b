# The kernel's own 1G pages beside vmreserve's 2M ones: the host booted
# with hugepagesz=1G hugepages=0:4 (kernel 5.16+ node form: four 1G pages
# on node 0, before the initramfs) and rd.vmreserve.hugepages=0:4G (2048
# 2M pages on node 0). vmreserve manages no 1G pages, so nothing checks or
# empties them: node 0 holds 4 GiB of 1G pages on top of the 4G the VM's
# entry reserves. Each is in effect, but the doubling is a risk: a
# warning naming the kernel's keys, exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on hugepagesz=1G hugepages=0:4 rd.vmreserve.hugepages=0:4G'
early=1
boot() {
	echo 4 >$NODE/node0/hugepages/hugepages-1048576kB/nr_hugepages
	echo 4 >$NODE/node0/hugepages/hugepages-1048576kB/free_hugepages
}

want_exit 1
jq_is '[.asked, .in_effect]' '[1,1]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("hugepagesz=1G hugepages=0:4 reserves 4G of 1G pages on node 0") and contains("on top of the 4G"))'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("NODE:SIZE:1G"))'
