# What only root may read is unknown to another user, never a failure
# (vmreserve(8), Unknown values: the boot framebuffer check needs
# /proc/iomem's addresses). The good R710 boot (as unprivileged, the selector pinned), with
# /proc/iomem holding the firmware's framebuffer outside every BAR: as
# root no finding (exit 0, no advice). As root, the case copies the tree
# and the binary to a world-readable directory, makes the copy's
# proc/iomem mode 000 (the kernel's is 0400 on older kernels) and runs
# status --json there as nobody (setpriv): exit 0 still (a note is no
# risk), nothing on stderr, and one note: the framebuffer check is
# unknown (cannot read /proc/iomem: Permission denied), fix: run as root.
# Everything else is as root's: the JSON without that note is the same.
# Skipped when not root (setpriv cannot change user).
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8G,1:8G'
early=1
prepare() {
	cat >proc/iomem <<'IOMEM'
00000000-00000fff : Reserved
00001000-0009ffff : System RAM
00100000-bf77ffff : System RAM
c0000000-c02fffff : BOOTFB
IOMEM
}

want_exit 0
jq_is '.advice' '[]'
if [ $mode = check ]; then
	if [ "$(id -u)" != 0 ]; then
		skip 'not root: setpriv cannot change user'
	elif ! command -v setpriv >/dev/null 2>&1; then
		skip 'no setpriv (util-linux)'
	else
		tmp=$(nobody_tree)
		chmod 000 "$tmp/root/proc/iomem"
		(cd "$tmp" && setpriv --reuid=65534 --regid=65534 --clear-groups \
			./vmreserve --sysroot "$tmp/root" status --json) >"$work/nobody.json" 2>"$work/nobody.err"
		echo $? >"$work/nobody.rc"
		[ "$(cat "$work/nobody.rc")" = 0 ] || fail "as nobody: exit $(cat "$work/nobody.rc"): $(head -3 "$work/nobody.err")"
		[ -s "$work/nobody.err" ] && fail "as nobody, stderr: $(head -5 "$work/nobody.err")"
		got=$(jq -c '.advice' "$work/nobody.json" 2>&1)
		want='[{"level":"note","problem":"whether a boot framebuffer lies in a BAR of a selected device is unknown: cannot read /proc/iomem: Permission denied","fix":"run vmreserve as root to check"}]'
		[ "$got" = "$want" ] || fail "as nobody, advice: want $want" "got $got"
		jq -S 'del(.advice)' "$subject" >"$work/root.rest"
		jq -S 'del(.advice)' "$work/nobody.json" >"$work/nobody.rest"
		cmp -s "$work/root.rest" "$work/nobody.rest" ||
			fail "as nobody, the rest differs from root's:" "$(diff -u "$work/root.rest" "$work/nobody.rest" | sed '1,2d' | head -20)"
		rm -rf "$tmp"
	fi
fi
