# Control characters from the state record and from /etc/vmreserve.conf.
# The record's reader takes any byte but C0 (a tab excepted) and DEL, so a
# record that was tampered with can carry a tab, the C1 range (C2 80..C2 9F)
# and the bidi controls (U+202A..U+202E, U+2066..U+2069) and bytes that are
# not UTF-8 (\377): put after boot into dev.0.why (at most VMR_MSG_LEN - 1
# = 159 bytes; the input is 2 + 64 + 27 + 1 = 94). The config file's second
# line is malformed and holds the same bytes with every C0 but the newline,
# a backslash and a quote: the early binary skips it, the tool names it.
# tests/status/escape.py checks, from vmreserve(8)'s rules: the record's
# string byte by byte in text (U+FFFD each) and JSON (strict parser; the
# value is the input, bad bytes U+FFFD), and no raw control anywhere.
# 06:00 is bound (the early run); the skipped line is a configuration error:
# 2 of 3 asked items in effect: exit 1.
tree=r710
proc_cmdline='intel_iommu=on'
early=1
. "$fixtures/lib.sh"
c0() { # \001..\037 but \n
	_i=1
	while [ $_i -le 31 ]; do
		[ $_i = 10 ] || printf "$(fx_oct $_i)"
		_i=$((_i + 1))
	done
}
c1() { _i=128; while [ $_i -le 159 ]; do printf "\302$(fx_oct $_i)"; _i=$((_i + 1)); done; }
bidi() { printf '\342\200\252\342\200\253\342\200\254\342\200\255\342\200\256\342\201\246\342\201\247\342\201\250\342\201\251'; }
if [ $mode = setup ]; then
	mkdir -p "$work"
	{ printf 'x\t'; c1; bidi; printf '\377'; } >"$work/in.why"
fi
boot() {
	mkdir -p etc
	{ printf 'pci=06:00\nhugepages=0:1X\\"'; c0; printf '\177'; c1; bidi; printf '\377\n'; } >etc/vmreserve.conf
}
prepare() {
	python3 -c '
import sys
p, why = sys.argv[1], open(sys.argv[2], "rb").read()
lines = open(p, "rb").read().split(b"\n")
lines = [b"dev.0.why=" + why if l.startswith(b"dev.0.why=") else l for l in lines]
open(p, "wb").write(b"\n".join(lines))' run/vmreserve/state "$work/in.why"
	grep -q '^dev\.0\.why=x' run/vmreserve/state
}

want_exit 1
jq_is '[.asked, .in_effect]' '[3,2]'
if [ $mode = check ]; then
	_e=$(python3 "$here/escape.py" json "$subject" "$work/in.why") || fail "$_e"
	again status
	_e=$(python3 "$here/escape.py" text "$subject" "$work/in.why") || fail "$_e"
	again status --prometheus
	_e=$(python3 "$here/escape.py" prom "$subject") || fail "$_e"
	main
fi
