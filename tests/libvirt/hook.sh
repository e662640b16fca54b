#!/bin/bash
# The libvirt hook script alone (modules.d/libvirt/qemu-hook.sh), run as libvirt runs
# it, with a stand-in for vmreserve that records its arguments and standard
# input and exits as told: which operations run the check, what each exit
# status of check-domain makes of the start, the settings file, the
# environment switch, the one-start bypass. Needs no daemon; run by
# `make libvirt-tests` before tests/libvirt/run.sh.
# Prints "ok N - NAME" / "not ok N - NAME", then "N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/vmr-hook.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The layout libvirt sees: HOOKS/qemu.d/vmreserve, HOOKS/vmreserve.conf.
mkdir -p "$tmp/hooks/qemu.d" "$tmp/bypass"
hook=$tmp/hooks/qemu.d/vmreserve
conf=$tmp/hooks/vmreserve.conf
sed "s|^vmreserve=/usr/bin/vmreserve\$|vmreserve=$tmp/vmreserve|" \
	"$top/modules.d/libvirt/qemu-hook.sh" >"$hook"
chmod 0755 "$hook"
grep -q "^vmreserve=$tmp/vmreserve\$" "$hook" || { echo "$0: cannot point the hook at the stand-in" >&2; exit 2; }
cat >"$tmp/vmreserve" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$tmp/calls"
cat >"$tmp/stdin"
echo "\$(cat "$tmp/say")"
exit \$(cat "$tmp/rc")
EOF
chmod 0755 "$tmp/vmreserve"
# logger(1) as the hook finds it on PATH: recorded, not the machine's log.
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s/syslog"\n' "$tmp" >"$tmp/bin/logger"
chmod 0755 "$tmp/bin/logger"

n=0 passed=0 failed=0 fails=
fail() { fails="$fails$*
"; }
finish() {
	n=$((n + 1))
	if [ -z "$fails" ]; then
		echo "ok $n - $1"
		passed=$((passed + 1))
	else
		echo "not ok $n - $1"
		printf '%s' "$fails" | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
	fails=
}

# call RC SAY ARGS...: the hook as libvirt calls it (dash, a fixed
# environment), XML on stdin; sets status, err (stderr) and calls.
call() {
	printf '%s\n' "$1" >"$tmp/rc"
	printf '%s\n' "$2" >"$tmp/say"
	shift 2
	rm -f "$tmp/calls" "$tmp/stdin"
	env -i PATH="$tmp/bin:/usr/bin:/bin" LC_ALL=C ${VMRESERVE_HOOK:+VMRESERVE_HOOK=$VMRESERVE_HOOK} \
		dash "$hook" "$@" <"$tmp/domain.xml" >"$tmp/out" 2>"$tmp/err"
	status=$?
	err=$(cat "$tmp/err")
	calls=$(cat "$tmp/calls" 2>/dev/null)
}
printf "<domain type='kvm'><name>g1</name></domain>\n" >"$tmp/domain.xml"
: >"$conf"

for op in "start begin" "started begin" "stopped end" "release end" \
	"migrate begin" "restore begin" "reconnect begin" "attach begin" \
	"prepare end"; do
	# shellcheck disable=SC2086
	call 2 "g1 does not fit this host: x" g1 $op -
	[ "$status" = 0 ] || fail "$op: exit $status"
	[ -z "$calls" ] || fail "$op: ran the checker ($calls)"
	[ -z "$err" ] || fail "$op: said something: $err"
done
finish "every operation but 'prepare begin' passes at once, nothing run"

call 2 "g1 does not fit this host: node 0 has 0 free 2M hugepages; fix: rd.vmreserve.hugepages=0:1G" g1 prepare begin -
[ "$status" = 1 ] || fail "exit $status, not 1"
[ "$calls" = "check-domain --oneline -" ] || fail "checker called as '$calls'"
cmp -s "$tmp/stdin" "$tmp/domain.xml" || fail "the checker did not get the XML on stdin"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "not one line on stderr: $err"
case $err in
"vmreserve: g1 does not fit this host: node 0 has 0 free 2M hugepages; fix: rd.vmreserve.hugepages=0:1G; to start it once anyway: mkdir -p /run/vmreserve/libvirt-bypass && touch /run/vmreserve/libvirt-bypass/g1") ;;
*) fail "stderr: $err" ;;
esac
finish "prepare begin, exit 2: the start is refused with one line and the bypass command"

for rc in 0 1 3 127; do
	call "$rc" "whatever" g1 prepare begin -
	[ "$status" = 0 ] || fail "checker exit $rc: hook exit $status"
done
rm "$tmp/vmreserve.keep" 2>/dev/null
mv "$tmp/vmreserve" "$tmp/vmreserve.keep"
call 2 x g1 prepare begin -
[ "$status" = 0 ] || fail "missing checker: hook exit $status"
case $err in *"is missing"*) ;; *) fail "missing checker not said: $err" ;; esac
mv "$tmp/vmreserve.keep" "$tmp/vmreserve"
finish "checker exit 0, 1, 3, 127 or a missing checker: the start goes on"

printf 'mode=warn\n' >"$conf"
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 0 ] || fail "mode=warn: exit $status"
case $err in *"(not refused: warn-only)"*) ;; *) fail "mode=warn: not said: $err" ;; esac
grep -q -- "-t vmreserve-hook -- g1 does not fit this host: y (not refused: warn-only)" "$tmp/syslog" ||
	fail "mode=warn: not logged with logger -t vmreserve-hook: $(cat "$tmp/syslog" 2>/dev/null)"
printf '# off for now\nmode=off\n' >"$conf"
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 0 ] || fail "mode=off: exit $status"
[ -z "$calls" ] || fail "mode=off: ran the checker ($calls)"
printf 'mode=enforce' >"$conf" # no newline at the end
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 1 ] || fail "mode=enforce without a newline: exit $status"
printf 'mode=sometimes\n' >"$conf"
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 1 ] || fail "unknown mode: exit $status (enforcing is the safe reading)"
case $err in *"mode=sometimes: want enforce, warn or off"*) ;; *) fail "unknown mode not named: $err" ;; esac
finish "vmreserve.conf: mode=warn logs, mode=off skips, a bad mode is named and enforced"

: >"$conf"
VMRESERVE_HOOK=warn call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 0 ] || fail "VMRESERVE_HOOK=warn: exit $status"
printf 'mode=warn\n' >"$conf"
VMRESERVE_HOOK=enforce call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 1 ] || fail "VMRESERVE_HOOK=enforce over mode=warn: exit $status"
finish "VMRESERVE_HOOK in the environment overrides the file"

printf 'bypass_dir=%s\n' "$tmp/bypass" >"$conf"
touch "$tmp/bypass/g1"
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 0 ] || fail "bypass: exit $status"
[ -e "$tmp/bypass/g1" ] && fail "bypass file not used up"
case $err in *"bypassed for this start"*) ;; *) fail "bypass not logged: $err" ;; esac
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 1 ] || fail "second start after the bypass: exit $status"
case $err in *"touch $tmp/bypass/g1"*) ;; *) fail "bypass_dir not in the line: $err" ;; esac
mkdir -p "$tmp/x"
touch "$tmp/x/evil" "$tmp/bypass/.hidden"
call 2 "y" ../x/evil prepare begin -
[ "$status" = 1 ] || fail "a name with '/' used a bypass file: exit $status"
[ -e "$tmp/x/evil" ] || fail "a name with '/' removed a file outside bypass_dir"
call 2 "y" .hidden prepare begin -
[ "$status" = 1 ] || fail "a name with a leading dot used a bypass file"
finish "a bypass file lets one start through and is used up; names with / or a leading dot are never looked up"

# The refusal's bypass command, pasted into a shell as the admin would, for
# names libvirt allows (anything but '/'): it must create exactly the file
# the hook looks up for that name, run nothing else, and let the next start
# through. A bypass_dir with a space too.
mkdir -p "$tmp/by pass" "$tmp/cwd"
printf 'bypass_dir=%s\n' "$tmp/by pass" >"$conf"
# shellcheck disable=SC2016 # a literal $( ) in a domain name
for name in "my vm" "a;b" "it's" "a;touch pwned" 'x$(touch pwned)' "g1"; do
	call 2 "does not fit" "$name" prepare begin -
	[ "$status" = 1 ] || fail "$name: exit $status"
	refusal=$err
	cmd=${err#*to start it once anyway: }
	[ "$cmd" != "$err" ] || { fail "$name: no bypass command: $err"; continue; }
	(cd "$tmp/cwd" && dash -c "$cmd") 2>"$tmp/paste.err" ||
		fail "$name: the pasted command failed: $cmd: $(cat "$tmp/paste.err")"
	[ -e "$tmp/cwd/pwned" ] && fail "$name: the pasted command ran another command: $cmd"
	rm -f "$tmp/cwd/pwned"
	made=$(cd "$tmp/by pass" && ls -A)
	[ "$made" = "$name" ] || fail "$name: the pasted command made '$made': $cmd"
	call 2 "does not fit" "$name" prepare begin -
	[ "$status" = 0 ] || fail "$name: the start after the pasted command: exit $status"
	[ -z "$(ls -A "$tmp/by pass")" ] || fail "$name: bypass file not used up"
done
case $refusal in *"touch '$tmp/by pass/g1'") ;; *) fail "a plain name in a bypass_dir with a space: $refusal" ;; esac
finish "the bypass command is one shell word per path: names with a space, ';', a quote or \$( ) paste as they are"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
