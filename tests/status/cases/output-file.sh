# status --output FILE writes what standard output would get, in every
# format, to FILE and nothing to standard output, with the verdict's exit
# status (vmreserve(8), --output): the good R710 boot (see
# r710-slot-good), exit 0; an older FILE is replaced whole; the new file
# is mode 0644 whatever the umask (node_exporter, another user, reads
# it); no other file is left in the directory. --output with --quiet or
# with another command is a usage error (exit 3). A link at FILE is
# replaced (its target unchanged); a FIFO or a directory at FILE is
# refused (exit 3, named), not replaced; a directory writable by others without
# the sticky bit is refused with exit 3 and a message naming it. The
# other untrusted directories, as root, with a real node_exporter:
# tests/prometheus/ (make monitoring-tests).
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8G,1:8G'
early=1

want_exit 0
# out FORMAT-ARGS...: status ARGS --output $work/out/f, umask 077
out() {
	rm -rf "$work/out"
	mkdir "$work/out"
	printf 'old contents, longer than nothing\n' >"$work/out/f"
	(umask 077 && cd "$work" && exec "$bin" --sysroot "$sys" status "$@" \
		--output "$work/out/f") >"$work/o.stdout" 2>"$work/o.stderr"
	o_rc=$?
}
if [ $mode = check ]; then
	for fmt in text --json --prometheus; do
		a=$fmt
		[ "$fmt" = text ] && a=
		# the same run to standard output, for comparison
		# shellcheck disable=SC2086 # a: one word or none
		(cd "$work" && exec "$bin" --sysroot "$sys" status $a) >"$work/o.want" 2>/dev/null
		# shellcheck disable=SC2086
		out $a
		[ "$o_rc" = 0 ] || fail "$fmt --output: exit $o_rc, want 0: $(head -3 "$work/o.stderr")"
		[ -s "$work/o.stdout" ] && fail "$fmt --output: output on stdout"
		[ -s "$work/o.stderr" ] && fail "$fmt --output: stderr: $(head -3 "$work/o.stderr")"
		cmp -s "$work/o.want" "$work/out/f" || fail "$fmt --output: the file differs from standard output's"
		[ "$(stat -c %a "$work/out/f")" = 644 ] || fail "$fmt --output: mode $(stat -c %a "$work/out/f"), want 644"
		[ "$(cd "$work/out" && ls -A)" = f ] || fail "$fmt --output: other files left: $(cd "$work/out" && ls -A | tr '\n' ' ')"
	done
	out --quiet
	[ "$o_rc" = 3 ] || fail "--quiet --output: exit $o_rc, want 3"
	grep -q -- '--output' "$work/o.stderr" || fail "--quiet --output: no message naming --output"
	grep -qx 'old contents, longer than nothing' "$work/out/f" || fail "--quiet --output: the file was touched"
	# a link planted at FILE is replaced, its target untouched
	rm -rf "$work/out" && mkdir "$work/out"
	printf 'victim\n' >"$work/victim"
	ln -s "$work/victim" "$work/out/f"
	(cd "$work" && exec "$bin" --sysroot "$sys" status --output "$work/out/f") >/dev/null 2>"$work/o.stderr"
	[ $? = 0 ] || fail "link at FILE: want exit 0: $(head -3 "$work/o.stderr")"
	[ "$(cat "$work/victim")" = victim ] || fail "link at FILE: its target was written"
	[ -L "$work/out/f" ] && fail "link at FILE: still a link"
	# not a file (a FIFO, a directory): refused, left as it was
	mkfifo "$work/out/p"
	mkdir "$work/out/d"
	for x in p d; do
		(cd "$work" && exec "$bin" --sysroot "$sys" status --output "$work/out/$x") >/dev/null 2>"$work/o.stderr"
		[ $? = 3 ] || fail "--output on a $x: want exit 3"
		grep -qF "$work/out/$x: exists and is not a regular file" "$work/o.stderr" || fail "--output on a $x: no message naming it: $(head -3 "$work/o.stderr")"
	done
	[ -p "$work/out/p" ] && [ -d "$work/out/d" ] || fail "--output on a FIFO or directory: replaced"
	rm -rf "$work/out/p" "$work/out/d"
	# a directory writable by others (no sticky bit): refused, named
	chmod 0777 "$work/out"
	(cd "$work" && exec "$bin" --sysroot "$sys" status --output "$work/out/g") >/dev/null 2>"$work/o.stderr"
	[ $? = 3 ] || fail "world-writable directory: want exit 3"
	grep -qF "refusing the directory $work/out:" "$work/o.stderr" || fail "world-writable directory: no message naming it: $(head -3 "$work/o.stderr")"
	[ -e "$work/out/g" ] && fail "world-writable directory: the file was written"
	(cd "$work" && exec "$bin" --sysroot "$sys" groups --output "$work/out/f") >/dev/null 2>"$work/o.stderr"
	[ $? = 3 ] || fail "groups --output: want exit 3"
	grep -q -- '--output' "$work/o.stderr" || fail "groups --output: no message naming --output"
fi
