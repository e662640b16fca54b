# Which vm.nr_hugepages systemd-sysctl applies. The expectation comes from
# sysctl.d(5) and sysctl.conf(5), not from the tool: the *.conf files of
# /etc/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d and
# /usr/lib/sysctl.d in name order, a name in /etc hiding the same name
# elsewhere, the last assignment winning. systemd-sysctl does not read
# /etc/sysctl.conf (sysctl.conf(5)); Debian and Fedora link it as
# /etc/sysctl.d/99-sysctl.conf, so it counts at that name's place. Only
# procps' `sysctl --system` reads a lone /etc/sysctl.conf (last).
# The files were put there after this boot (the pool is still vmreserve's:
# node 0 holds its 2048 2M pages, node 1 the 256 the host had), so status
# warns about the next boot. The pool the boot leaves: 2048 + 256 = 2304.
#   /usr/lib/sysctl.d/50-hugepages.conf  512   hidden by /etc's 50-hugepages.conf
#   /etc/sysctl.d/50-hugepages.conf      (comment only)
#   /run/sysctl.d/60-vm.conf             4096  slash form vm/nr_hugepages
#   /usr/lib/sysctl.d/70-late.conf       3000  '-' prefix (errors ignored)
#   /etc/sysctl.d/99-sysctl.conf -> ../sysctl.conf  4096 (/etc/sysctl.conf:2)
#   /etc/sysctl.d/99-zz-local.conf       1000  after 99-sysctl.conf: it wins
# 1000 < 2304: systemd-sysctl would shrink the pool, a warning naming
# 99-zz-local.conf:1 (not /etc/sysctl.conf, which comes before it).
# Without the link and 99-zz-local.conf, 70-late.conf's 3000 wins: 696
# pages more than the pool, on top, over all nodes: a warning naming
# /usr/lib/sysctl.d/70-late.conf:1; /etc/sysctl.conf's 4096 is procps'
# only: a note naming /etc/sysctl.conf:2 and systemd-sysctl.
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
	printf '; old\nvm.nr_hugepages = 4096\n' >etc/sysctl.conf
	ln -s ../sysctl.conf etc/sysctl.d/99-sysctl.conf
	echo 'vm.nr_hugepages = 1000' >etc/sysctl.d/99-zz-local.conf
}

want_exit 1
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .level]]' '[[2048,"ok"]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 1000 (/etc/sysctl.d/99-zz-local.conf:1) undoes") and contains("below the 2304 pages"))'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("remove vm.nr_hugepages from /etc/sysctl.d/99-zz-local.conf:1"))'
jq_not '[.advice[] | .problem] | any(contains("sysctl.conf:"))' 'only the winning setting is named'
[ $mode = check ] && rm -f "$sys/etc/sysctl.d/99-sysctl.conf" "$sys/etc/sysctl.d/99-zz-local.conf"
again status --json
want_exit 1
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 3000 (/usr/lib/sysctl.d/70-late.conf:1) adds") and contains("696 more"))'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("vm.nr_hugepages = 4096 (/etc/sysctl.conf:2)") and contains("procps") and contains("systemd-sysctl does not read"))'
