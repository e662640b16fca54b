# The tool reads only: an unprivileged user gets the same report as root.
# As root, the case copies its tree (after the good R710 boot) and the
# binary to a world-readable temporary directory and runs both there, once
# as root and once as nobody (setpriv --reuid=65534 --regid=65534
# --clear-groups); the JSON must be byte for byte the same, exit 0 both.
# Skipped when not root (then this run is the unprivileged one already).
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G,1:8G'
early=1

want_exit 0
if [ $mode = check ]; then
	if [ "$(id -u)" != 0 ]; then
		skip 'not root: setpriv cannot change user'
	elif ! command -v setpriv >/dev/null 2>&1; then
		skip 'no setpriv (util-linux)'
	else
		tmp=$(nobody_tree)
		(cd "$tmp" && ./vmreserve --sysroot "$tmp/root" status --json) >"$work/root.json" 2>"$work/root.err"
		echo $? >"$work/root.rc"
		(cd "$tmp" && setpriv --reuid=65534 --regid=65534 --clear-groups \
			./vmreserve --sysroot "$tmp/root" status --json) >"$work/nobody.json" 2>"$work/nobody.err"
		echo $? >"$work/nobody.rc"
		# both ran for real (not a setpriv failure)
		[ "$(cat "$work/root.rc")" = 0 ] || fail "as root: exit $(cat "$work/root.rc"): $(head -3 "$work/root.err")"
		[ "$(cat "$work/nobody.rc")" = 0 ] || fail "as nobody: exit $(cat "$work/nobody.rc"): $(head -3 "$work/nobody.err")"
		[ -s "$work/nobody.err" ] && fail "as nobody, stderr: $(head -5 "$work/nobody.err")"
		cmp -s "$work/root.json" "$work/nobody.json" ||
			fail "JSON as nobody differs from root's:" "$(diff -u "$work/root.json" "$work/nobody.json" | sed '1,2d' | head -20)"
		jq -e '.devices[0].host_drivers | index("nouveau")' "$work/nobody.json" >/dev/null 2>&1 ||
			fail "as nobody, no host drivers (module index unreadable?)"
		rm -rf "$tmp"
	fi
fi
