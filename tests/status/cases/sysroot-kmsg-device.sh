# --sysroot on a tree someone sent whose dev/kmsg is a character device
# other than the kernel log's (1:11): here 1:3, /dev/null (harmless, but
# it could be a watchdog, 10:130, whose open arms the watchdog, or a tty
# that blocks). It is refused before any open, as every special file in
# a tree but 1:11 (vmreserve(8), --sysroot): ENXIO, "No such device or
# address" (before, it was opened and then found not to be the log:
# ENODEV). No record: the kernel log is unknown, nothing asked, exit 0.
# Making the node needs root.
tree=r710
timeout=60
prepare() {
	[ "$(id -u)" = 0 ] || return 0
	rm -f dev/kmsg
	mknod dev/kmsg c 1 3
}

. "$fixtures/lib.sh"
if [ "$(id -u)" != 0 ]; then
	skip 'mknod needs root'
else
	want_exit 0
	jq_is '.early.kernel_log' '{"ran":null,"record_error":null,"unknown":"cannot read /dev/kmsg: No such device or address"}'
	again status
	want_line '  no record: vmreserve-early did not run (kernel log unknown: cannot read /dev/kmsg: No such device or address)'
fi
