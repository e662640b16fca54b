# An XML value in check-domain's "cannot read" message (issue 20): an
# attribute may hold a newline as &#10;, and the message printed it raw,
# forging a second line the hook passes to libvirt ("vmreserve:
# check-domain: g fits this host (exit 0)"). A cpuset written for this
# case: 0, a newline, that forged line, a DEL and a C1 CSI (U+009B).
# Exit 3 (not a cpuset), one line on stderr, the newline and both
# controls as U+FFFD; with --oneline too (the hook's form).
tree=r710
proc_cmdline='intel_iommu=on'
if [ $mode = setup ]; then
	mkdir -p "$work"
	cat >"$work/forged.xml" <<'XML'
<domain type='kvm'><name>g</name><memory unit='KiB'>1048576</memory>
<vcpu>2</vcpu>
<cputune><vcpupin vcpu='1' cpuset='0&#10;vmreserve: check-domain: g fits this host (exit 0)&#x7f;[31m&#x9b;'/></cputune>
</domain>
XML
	args="check-domain $work/forged.xml"
fi

one_line() {
	[ $mode = check ] || return 0
	[ "$(wc -l <"$subject_err")" -eq 1 ] || fail "want one line on stderr, got $(wc -l <"$subject_err")"
	grep -q "$(printf '\177')" "$subject_err" && fail "DEL reached stderr"
	grep -q "$(printf '\302\233')" "$subject_err" && fail "U+009B reached stderr"
	return 0
}
want_exit 3
want_stderr_like "vmreserve: check-domain: $work/forged.xml: line 3: <vcpupin cpuset='0�vmreserve: check-domain: g fits this host (exit 0)�[31m�'>: *"
one_line
again check-domain --oneline "$work/forged.xml"
want_exit 3
one_line
main
