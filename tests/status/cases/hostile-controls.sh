# Every control character the escaper must handle, from each string of the
# machine that reaches status: a backslash, a quote, every C0 byte (\001 to
# \037, newline and tab among them), DEL, the C1 range (U+0080..U+009F as
# UTF-8: C2 80..C2 9F; U+009B is a one-character CSI) and the bidi controls
# (U+202A..U+202E, U+2066..U+2069), with bytes that are not UTF-8 (\377,
# the overlong C0 AF). A string is at most VMR_DRV_LEN - 1 = 47 bytes, so
# they are spread over:
#   06:00.0 driver_override  \ " \001..\037
#   06:00.1 driver_override  DEL, C1 80..8F, \377
#   06:00.0 driver (link)    a\"b, C1 90..9F
#   06:00.1 driver (link)    x\y", the 8 bidi controls, \n, C0 AF
#   the command line         rd.vmreserve.pci= \ " C0 but the kernel's
#                            blanks (\t \n \v \f \r), DEL, all of C1 and
#                            bidi, \377 (no record: the tool reads it)
# tests/status/escape.py restates vmreserve(8)'s rules and checks each
# string byte by byte: text (U+FFFD for each), JSON with Python's strict
# parser (C0, DEL, C1 as \u00XX, bidi as \u202X / \u206X: the value is the
# input with bad bytes as U+FFFD), Prometheus label values (the driver:
# only \\, \" and \n escapes; other controls U+FFFD); the drivers again
# in groups and suggest (text and JSON).
# No early run: 06:00's two functions are not on vfio-pci and the selector
# is a command-line error: nothing of the 3 asked items in effect, exit 2.
tree=r710
c0() { # \001..\037 but the bytes given
	_i=1
	while [ $_i -le 31 ]; do
		case " $* " in *" $_i "*) ;; *) printf "$(fx_oct $_i)" ;; esac
		_i=$((_i + 1))
	done
}
c1() { # C2 LO..C2 HI (decimal)
	_i=$1
	while [ $_i -le $2 ]; do printf "\302$(fx_oct $_i)"; _i=$((_i + 1)); done
}
bidi() { printf '\342\200\252\342\200\253\342\200\254\342\200\255\342\200\256\342\201\246\342\201\247\342\201\250\342\201\251'; }
. "$fixtures/lib.sh"
if [ $mode = setup ]; then
	mkdir -p "$work"
	{ printf 'rd.vmreserve.pci=\\"'; c0 9 10 11 12 13; printf '\177'; c1 128 159; bidi; printf '\377'; } >"$work/in.cmdline"
	{ printf '\\"'; c0; } >"$work/in.override0"
	{ printf '\177'; c1 128 143; printf '\377'; } >"$work/in.override1"
	{ printf 'a\\"b'; c1 144 159; } >"$work/in.driver0"
	{ printf 'x\\y"'; bidi; printf '\n\300\257'; } >"$work/in.driver1"
	proc_cmdline="intel_iommu=on rd.vmreserve.pci=06:00 $(cat "$work/in.cmdline")"
fi
prepare() {
	cat "$work/in.override0" >$D/0000:06:00.0/driver_override
	cat "$work/in.override1" >$D/0000:06:00.1/driver_override
	for _f in 0 1; do
		_d=$(cat "$work/in.driver$_f"; printf /)
		_d=${_d%/}
		mkdir -p "sys/bus/pci/drivers/$_d"
		_old=$(readlink $D/0000:06:00.$_f/driver)
		rm -f $D/0000:06:00.$_f/driver
		ln -s "${_old%/*}/$_d" $D/0000:06:00.$_f/driver
	done
}

want_exit 2
jq_is '[.asked, .in_effect, (.cmdline.errors | length)]' '[3,0,1]'
if [ $mode = check ]; then
	_in="$work/in.cmdline $work/in.override0 $work/in.override1 $work/in.driver0 $work/in.driver1"
	# shellcheck disable=SC2086
	_e=$(python3 "$here/escape.py" json "$subject" $_in) || fail "$_e"
	again status
	# shellcheck disable=SC2086
	_e=$(python3 "$here/escape.py" text "$subject" $_in) || fail "$_e"
	again status --prometheus
	_e=$(python3 "$here/escape.py" prom "$subject" "$work/in.driver0" "$work/in.driver1") || fail "$_e"
	# the other commands that print the drivers: groups and suggest, text
	# and JSON (the runner checks every run's stdout and stderr for raw
	# control characters, libvirt's XML too)
	for _c in groups "groups --json" "suggest 06:00" "suggest 06:00 --json"; do
		# shellcheck disable=SC2086
		again $_c
		case $_c in *--json) _f=json ;; *) _f=text ;; esac
		_e=$(python3 "$here/escape.py" $_f "$subject" "$work/in.driver0" "$work/in.driver1") || fail "$_c: $_e"
	done
	again libvirt
	want_exit 0
	main
fi
