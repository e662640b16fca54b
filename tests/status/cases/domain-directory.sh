# check-domain given a directory (issue 20): fopen opens it, the first
# read fails with EISDIR, and stdio's error flag made it "Input/output
# error". Named as what it is: exit 3, one line.
tree=r710
proc_cmdline='intel_iommu=on'
if [ $mode = setup ]; then
	mkdir -p "$work/guests"
	args="check-domain $work/guests"
fi

want_exit 3
want_stderr_like "vmreserve: check-domain: $work/guests: is a directory, not a domain XML"
