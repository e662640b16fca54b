# "1:0" asks to empty node 1, but a process still maps its 256 2M pages
# (nr_hugepages stays 256, free 0: the kernel frees pages in use only when
# they are released). The request is not met, but not ignored either: the
# row's level is warning and the advice a warning (256 remain, 256 in
# use), so the verdict is a warning, exit 1 -- not critical: nothing
# says critical, and pages in use are no failure of the boot.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=1:0'
early=1
prepare() {
	h=$NODE/node1/hugepages/hugepages-2048kB
	echo 256 >$h/nr_hugepages
	echo 0 >$h/free_hugepages
}

jq_is '[.hugepages[] | select(.node == 1 and .page_kb == 2048) | [.total, .free, .requested, .level]]' '[[256,0,0,"warning"]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("256"))'
jq_is '[.advice[] | select(.level == "critical")]' '[]'
want_exit 1
jq_is '.verdict' '"warning"'
