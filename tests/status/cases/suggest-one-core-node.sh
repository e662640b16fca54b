# A node of one core (CPUs 0 and 1, siblings) beside a normal one, the
# device local to it: the libvirt generator has no core for vCPUs besides
# the one it keeps for the emulator, so suggest prints no XML (null) and
# says why in a note; the keys still hold (exit 0). --vcpus given by the
# user is a usage error (exit 3).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --memory 2G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	echo 0,8 >$NODE/node0/cpulist
}

want_exit 0
jq_is '.libvirt_xml' 'null'
jq_is '[.advice[] | .level]' '["note"]'
jq_ok '.advice[0].problem | contains("node 0 has no core for vCPUs")'
jq_is '.cmdline' '"intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:2G"'
again suggest 06:00 --memory 2G
want_line 'libvirt domain XML: none (see the advice)'
again suggest 06:00 --memory 2G --vcpus 2
want_exit 3
