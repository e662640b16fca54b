# A domain name with control characters (issue 20: domain names reach a
# root terminal): XML 1.0 lets a name carry a tab and a newline (as &#9;
# and &#10;), DEL, the C1 range (U+009B: a one-character CSI) and the bidi
# controls as character references, and a backslash and a quote as they
# are. The domain, written for this case, asks for nothing of the host's:
# it fits, exit 0. tests/status/escape.py checks the name, decoded as the
# XML parser gives it, in the JSON (strict parser; controls escaped) and
# in the text and the hook's one line (every control U+FFFD).
tree=r710
proc_cmdline='intel_iommu=on'
if [ $mode = setup ]; then
	mkdir -p "$work"
	# the name as the parser gives it
	printf 'a\\"b\t\n\177\302\200\302\233[31m\302\237\342\200\256\342\201\246\342\201\251z' >"$work/in.name"
	cat >"$work/domain.xml" <<'XML'
<domain type='kvm'>
  <name>a\"b&#9;&#10;&#x7f;&#x80;&#x9b;[31m&#x9f;&#x202e;&#x2066;&#x2069;z</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
XML
	args="check-domain --json $work/domain.xml"
fi

want_exit 0
if [ $mode = check ]; then
	_e=$(python3 "$here/escape.py" json "$subject" "$work/in.name") || fail "$_e"
	again check-domain "$work/domain.xml"
	want_exit 0
	_e=$(python3 "$here/escape.py" text "$subject" "$work/in.name") || fail "$_e"
	again check-domain --oneline "$work/domain.xml"
	want_exit 0
	_e=$(python3 "$here/escape.py" text "$subject" "$work/in.name") || fail "$_e"
	[ "$(wc -l <"$subject")" -eq 1 ] || fail "--oneline: want one line, got $(wc -l <"$subject")"
	main
fi
