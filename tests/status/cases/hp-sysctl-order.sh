# Which vm.nr_hugepages systemd-sysctl applies (sysctl.d(5)): files of
# /etc/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d and
# /usr/lib/sysctl.d in name order, a name in /etc hiding the same name
# elsewhere, the last assignment winning; /etc/sysctl.conf last. The
# files were put there after this boot (the pool is still vmreserve's:
# node 0 holds its 2048 2M pages), so status warns about the next boot.
#   /usr/lib/sysctl.d/50-hugepages.conf  512   hidden by /etc's 50-hugepages.conf
#   /etc/sysctl.d/50-hugepages.conf      (comment only)
#   /run/sysctl.d/60-vm.conf             4096  slash form vm/nr_hugepages
#   /usr/lib/sysctl.d/70-late.conf       3000  '-' prefix (errors ignored)
#   /etc/sysctl.conf                     1000  applied last: it wins
# 1000 < 2048: systemd-sysctl would shrink the pool, a warning naming
# /etc/sysctl.conf:2. Without /etc/sysctl.conf, 70-late.conf's 3000 wins:
# 952 pages more than vmreserve's, on top, over all nodes: a warning
# naming /usr/lib/sysctl.d/70-late.conf:1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.hugepages=0:4G'
early=1
prepare() {
	mkdir -p etc/sysctl.d run/sysctl.d usr/lib/sysctl.d
	echo 'vm.nr_hugepages=512' >usr/lib/sysctl.d/50-hugepages.conf
	echo '# no hugepages here: vmreserve does it' >etc/sysctl.d/50-hugepages.conf
	echo 'vm/nr_hugepages = 4096' >run/sysctl.d/60-vm.conf
	echo '-vm.nr_hugepages=3000' >usr/lib/sysctl.d/70-late.conf
	echo 'vm.nr_hugepages=99' >usr/lib/sysctl.d/README
	printf '; old\nvm.nr_hugepages = 1000\n' >etc/sysctl.conf
}

want_exit 1
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .level]]' '[[2048,"ok"]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 1000 (/etc/sysctl.conf:2) undoes"))'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("remove vm.nr_hugepages from /etc/sysctl.conf:2"))'
jq_not '[.advice[] | .problem] | any(contains("sysctl.d"))' 'only the winning setting is named'
[ $mode = check ] && rm -f "$sys/etc/sysctl.conf"
again status --json
want_exit 1
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 3000 (/usr/lib/sysctl.d/70-late.conf:1) adds") and contains("952 more"))'
