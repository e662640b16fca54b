# vm.nr_hugepages counts the whole pool of the default size, every node's
# pages (Documentation/admin-guide/mm/hugetlbpage.rst: writing it sets the
# persistent pool; the kernel frees or adds pages over the allowed nodes).
# The kernel's hugepages=1:1024 holds 1024 2M pages on node 1;
# rd.vmreserve.hugepages=0:4G puts 2048 on node 0: the pool after boot is
# 3072. A sysctl of 2048 is not "the same as vmreserve's": systemd-sysctl
# shrinks the pool by 1024 and the kernel frees pages of any node, node
# 0's too. A warning naming the file and the 3072-page pool, no "harmless".
# (Reviewer's repro: an r710 copy with node 1 at 1024 pages.)
tree=r710
proc_cmdline='intel_iommu=on hugepages=1:1024 rd.vmreserve.hugepages=0:4G'
early=1
boot() {
	echo 1024 >$NODE/node1/hugepages/hugepages-2048kB/nr_hugepages
	echo 1024 >$NODE/node1/hugepages/hugepages-2048kB/free_hugepages
}
prepare() {
	mkdir -p etc/sysctl.d
	echo 'vm.nr_hugepages = 2048' >etc/sysctl.d/10-hp.conf
}

want_exit 1
jq_is '[.hugepages[] | select(.page_kb == 2048) | [.node, .total]]' '[[0,2048],[1,1024]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 2048 (/etc/sysctl.d/10-hp.conf:1) undoes") and contains("3072"))'
jq_not '[.advice[] | .problem] | any(contains("harmless"))' 'the sysctl shrinks the whole pool'
