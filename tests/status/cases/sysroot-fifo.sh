# --sysroot on a tree someone sent where /proc/cmdline is a FIFO (nobody
# writes to it): opening it for reading would block forever. The tool
# opens nothing in a tree but regular files, directories and the kernel
# log's device (vmreserve(8), --sysroot), so status finishes and says it
# could not read /proc/cmdline; ENXIO ("No such device or address") is
# the refusal. Judged as if no key were given, the command line unknown:
# exit 1. Each run is bounded (timeout=60): a hang is a failure.
tree=r710
timeout=60
prepare() {
	rm -f proc/cmdline
	mkfifo proc/cmdline
}

. "$fixtures/lib.sh"
want_exit 1
jq_is '.cmdline.unknown.cmdline' '"cannot read /proc/cmdline: No such device or address"'
again status
want_exit 1
want_like '*cannot read /proc/cmdline: No such device or address*'
again status --prometheus
want_exit 1
