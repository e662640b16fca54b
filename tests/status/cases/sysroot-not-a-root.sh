# --sysroot to a directory that exists but holds no system (a wrong path,
# an unmounted chroot): with --cmdline given there is no proc/cmdline to
# miss, yet there is no sys/bus/pci and no NUMA node either. The report
# would be made up ("0 groups", "matched no device"); read.h says
# vmr_status_read (and so vmr_status_build) fails when there is no
# sys/bus/pci and no node directory: exit 3, a message, nothing on stdout.
tree=r710
sysroot=$work/empty-root
prepare() {
	mkdir -p "$sysroot"
}
cmdline='intel_iommu=on rd.vmreserve.pci=06:00'

want_exit 3
want_empty_stdout
again status --json --cmdline 'intel_iommu=on'
want_exit 3
want_empty_stdout
