# Error messages quote what they were given (issue 20: a root terminal
# obeys what reaches it): a command-line token, a DEVICE, a --sysroot path.
# Each carries ESC "]0;x" BEL (a terminal title), DEL, the one-character
# CSI U+009B (C2 9B), the bidi override U+202E (E2 80 AE) and a byte that
# is not UTF-8 (\377). vmreserve(8): stderr is escaped as the text output
# is, every control character and bad byte U+FFFD; tests/status/escape.py
# checks each message shows the token that way, and the runner that no
# raw control character is on stderr. Every run is a usage error: exit 3,
# nothing on stdout.
tree=r710
proc_cmdline='intel_iommu=on'
bad() { printf '\033]0;x\007\177\302\233\342\200\256\377'; }
if [ $mode = setup ]; then
	mkdir -p "$work"
	{ printf '06:00'; bad; } >"$work/in.device"
	{ printf '1'; bad; } >"$work/in.node"
	{ printf '4G'; bad; } >"$work/in.memory"
	{ printf '/nonexistent/'; bad; } >"$work/in.sysroot"
	args="suggest $(cat "$work/in.device")"
fi
stderr_shows() { # INPUT: the message shows it, escaped
	_e=$(python3 "$here/escape.py" text "$subject_err" "$work/$1") || fail "$1: $_e"
}

want_exit 3
want_empty_stdout
want_stderr_like "vmreserve: DEVICE '06:00*"
if [ $mode = check ]; then
	stderr_shows in.device
	again libvirt --node "$(cat "$work/in.node")"
	want_exit 3
	want_stderr_like "vmreserve: --node '1*': want a number from 0 to *"
	stderr_shows in.node
	again suggest 06:00 --memory "$(cat "$work/in.memory")"
	want_exit 3
	want_stderr_like "vmreserve: --memory '4G*': want a size like 512M or 12G"
	stderr_shows in.memory
	again status --json "$(cat "$work/in.device")"
	want_exit 3
	stderr_shows in.device
	sysroot=$(cat "$work/in.sysroot")
	again status
	want_exit 3
	want_stderr_like "vmreserve: --sysroot /nonexistent/*"
	stderr_shows in.sysroot
	sysroot=
	main
fi
