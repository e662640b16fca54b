# The domain XML limit (vmreserve(8): "at most 4 MiB", libvirt's
# REMOTE_STRING_MAX: no domain XML passes libvirt's RPC larger): a domain
# written for this case, padded with a comment to exactly 4194304 bytes,
# is read and judged; the same domain one byte longer (4194305) is refused
# as XML that cannot be read: exit 3, one line on stderr naming the
# input, nothing on stdout.
# The domain asks for nothing of the host's (no hostdev, no hugepages, no
# pins): it fits, exit 0.
tree=r710
proc_cmdline='intel_iommu=on'
. "$fixtures/lib.sh"
# dom_pad SIZE FILE: the domain, SIZE bytes in all
dom_pad() {
	_head="<domain type='kvm'><name>edge</name><memory unit='KiB'>1048576</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><!-- "
	_tail=" --></domain>"
	_n=$(($1 - ${#_head} - ${#_tail} - 1))
	{
		printf '%s' "$_head"
		head -c "$_n" /dev/zero | tr '\0' x
		printf '%s\n' "$_tail"
	} >"$2"
	[ "$(wc -c <"$2")" -eq "$1" ]
}
if [ $mode = setup ]; then
	mkdir -p "$work"
	dom_pad 4194304 "$work/exact.xml"
	dom_pad 4194305 "$work/over.xml"
	args="check-domain --json $work/exact.xml"
fi

want_exit 0
jq_is '[.domain, .verdict, .exit, .advice]' '["edge","ok",0,[]]'
again check-domain --json "$work/over.xml"
want_exit 3
want_empty_stdout
want_stderr_like "*over.xml*4194304 bytes*"
if [ $mode = check ] && [ "$(wc -l <"$subject_err")" -ne 1 ]; then
	fail "over the limit: want one line on stderr, got $(wc -l <"$subject_err")"
fi
main
