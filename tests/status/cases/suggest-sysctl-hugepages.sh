# suggest on a host whose /etc/sysctl.d/10-hugepages.conf holds
# vm.nr_hugepages = 2048 (the usual static-hugepage recipe). The keys
# reserve 8G of 2M pages on node 0 (4096 pages), and node 1 keeps the 256
# it holds: a pool of 4352. After boot systemd-sysctl would set the pool
# to 2048 and the kernel free 2304 pages of any node: the suggestion
# would be undone. A warning naming the file and line,
# exit 1 (the same host without the file: exit 0, suggest-keep et al.).
# With the kernel's hugepagesz=1G hugepages=8 on the command line too,
# those 8 GiB of 1G pages stay beside the VM's 2M pages: a second
# warning.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 06:00 --memory 8G --json'
boot() {
	for f in 0 1; do echo 0 >sys/bus/pci/devices/0000:06:00.$f/numa_node; done
	mkdir -p etc/sysctl.d
	printf 'vm.swappiness = 10\nvm.nr_hugepages = 2048\n' >etc/sysctl.d/10-hugepages.conf
}

want_exit 1
jq_is '.conf[1]' '"hugepages=0:8G"'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 2048 (/etc/sysctl.d/10-hugepages.conf:2) undoes") and contains("below the 4352 pages"))'
again suggest 06:00 --memory 8G --cmdline 'ro intel_iommu=on hugepagesz=1G hugepages=8' --json
want_exit 1
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("hugepagesz=1G hugepages=8 reserves 8G of 1G pages at boot"))'
