# No state record, and the kernel log cannot be read: dev/kmsg is not the
# kernel log's device (1:11) nor a file (here a directory; a tree someone
# sent may put any device there). Whether vmreserve-early ran is unknown,
# which is not a failure: the text says "did not run" with the log's
# reason, the JSON has kernel_log.ran null and the reason in
# kernel_log.unknown, and Prometheus has no vmreserve_early_record_unwritten
# sample. Nothing asked: exit 0. (A log that reads but has no line of
# vmreserve-early is every other case without a record: "did not run".)
tree=r710
prepare() {
	rm -f dev/kmsg
	mkdir dev/kmsg
}

. "$fixtures/lib.sh"
want_exit 0
jq_is '.early.kernel_log' '{"ran":null,"record_error":null,"unknown":"cannot read /dev/kmsg: No such device"}'
again status
want_line '  no record: vmreserve-early did not run (kernel log unknown: cannot read /dev/kmsg: No such device)'
again status --prometheus
want_prom vmreserve_early_ran '0'
want_prom vmreserve_early_record_unwritten ''
