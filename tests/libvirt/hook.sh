#!/bin/bash
# The libvirt hook script alone (modules.d/libvirt/qemu-hook.sh), run as libvirt runs
# it, with a stand-in for vmreserve that records its arguments and standard
# input and exits as told: which operations run the check, what each exit
# status of check-domain makes of the start (on_error for exit 3, a signal
# and a checker that never answers, under timeout=), the settings file,
# the environment switch, the one-start bypass and what it trusts. Needs
# no daemon; run by `make libvirt-tests` before tests/libvirt/run.sh. As
# root or not: the hook's bypass_owner (root) is set to the user running
# this, and a directory someone else owns is made with chown as root, or
# checked with the hook as shipped (owner root) otherwise.
# Prints "ok N - NAME" / "not ok N - NAME", then "N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/vmr-hook.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The layout libvirt sees: HOOKS/qemu.d/vmreserve, HOOKS/vmreserve.conf.
umask 022
mkdir -p "$tmp/hooks/qemu.d" "$tmp/bypass"
hook=$tmp/hooks/qemu.d/vmreserve
conf=$tmp/hooks/vmreserve.conf
uid=$(id -u)
sed -e "s|^vmreserve=/usr/bin/vmreserve\$|vmreserve=$tmp/vmreserve|" \
	-e "s|^bypass_owner=0\$|bypass_owner=$uid|" \
	"$top/modules.d/libvirt/qemu-hook.sh" >"$hook"
chmod 0755 "$hook"
if ! grep -q "^vmreserve=$tmp/vmreserve\$" "$hook" || ! grep -q "^bypass_owner=$uid\$" "$hook"; then
	echo "$0: cannot point the hook at the stand-in and this user" >&2
	exit 2
fi
# the hook as shipped (bypass_owner=0) but for the stand-in, beside it
sed "s|^vmreserve=/usr/bin/vmreserve\$|vmreserve=$tmp/vmreserve|" \
	"$top/modules.d/libvirt/qemu-hook.sh" >"$tmp/hooks/qemu.d/shipped"
chmod 0755 "$tmp/hooks/qemu.d/shipped"
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
# environment), XML on stdin; sets status, err (stderr) and calls. Bounded
# at 20 s (the hook's own limit is 1 s where it matters): a hook without
# one fails its case (exit 124) instead of hanging the suite.
call() {
	printf '%s\n' "$1" >"$tmp/rc"
	printf '%s\n' "$2" >"$tmp/say"
	shift 2
	rm -f "$tmp/calls" "$tmp/stdin"
	timeout 20 env -i PATH="$tmp/bin:/usr/bin:/bin" LC_ALL=C ${VMRESERVE_HOOK:+VMRESERVE_HOOK=$VMRESERVE_HOOK} \
		dash "${HOOK:-$hook}" "$@" <"$tmp/domain.xml" >"$tmp/out" 2>"$tmp/err"
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

for rc in 0 1; do
	call "$rc" "whatever" g1 prepare begin -
	[ "$status" = 0 ] || fail "checker exit $rc: hook exit $status"
done
rm "$tmp/vmreserve.keep" 2>/dev/null
mv "$tmp/vmreserve" "$tmp/vmreserve.keep"
call 2 x g1 prepare begin -
[ "$status" = 0 ] || fail "missing checker: hook exit $status"
case $err in *"is missing"*) ;; *) fail "missing checker not said: $err" ;; esac
mv "$tmp/vmreserve.keep" "$tmp/vmreserve"
finish "checker exit 0, 1 or a missing checker: the start goes on"

# on_error: what the checker could not judge is refused by default (the
# domain's author can make the XML unjudgeable), with why, the bypass and
# the setting that lets such starts through; on_error=allow logs it.
for rc in 3 127 4; do
	call "$rc" "g1.xml: line 1: not well-formed" g1 prepare begin -
	[ "$status" = 1 ] || fail "checker exit $rc: hook exit $status, want 1 (on_error=refuse)"
	[ "$(wc -l <"$tmp/err")" = 1 ] || fail "exit $rc: not one line: $err"
	case $err in
	"vmreserve: check-domain "*" g1 (exit $rc): g1.xml: line 1: not well-formed; refused (on_error=refuse); to start it once anyway: mkdir -p /run/vmreserve/libvirt-bypass && touch /run/vmreserve/libvirt-bypass/g1; to start such domains unchecked: on_error=allow in $conf") ;;
	*) fail "exit $rc: $err" ;;
	esac
done
printf 'on_error=allow\n' >"$conf"
call 3 "line 1: not well-formed" g1 prepare begin -
[ "$status" = 0 ] || fail "on_error=allow, exit 3: hook exit $status"
grep -q -- "-t vmreserve-hook -- check-domain could not judge g1 (exit 3): line 1: not well-formed; started unchecked (on_error=allow)" "$tmp/syslog" ||
	fail "on_error=allow: not logged: $(cat "$tmp/syslog" 2>/dev/null)"
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 1 ] || fail "on_error=allow, exit 2: hook exit $status (a verdict is no error)"
printf 'on_error=maybe\n' >"$conf"
call 3 "x" g1 prepare begin -
[ "$status" = 1 ] || fail "unknown on_error: exit $status (refusing is the safe reading)"
case $err in *"on_error=maybe: want refuse or allow"*) ;; *) fail "unknown on_error not named: $err" ;; esac
: >"$conf"
finish "on_error: exit 3 or another failure refused by default with why and both ways out; on_error=allow logs and starts"

# A checker that crashes: a signal, as the shell reports it (128 + N).
mv "$tmp/vmreserve" "$tmp/vmreserve.keep"
printf '#!/bin/sh\ncat >/dev/null\necho "ERROR: AddressSanitizer"\necho second line\nkill -SEGV $$\n' >"$tmp/vmreserve"
chmod 0755 "$tmp/vmreserve"
call 0 x g1 prepare begin -
[ "$status" = 1 ] || fail "crash: hook exit $status, want 1"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "crash: not one line: $err"
case $err in "vmreserve: check-domain crashed on g1 (signal 11): ERROR: AddressSanitizer second line"*"; refused (on_error=refuse)"*) ;; *) fail "crash: $err" ;; esac
printf 'on_error=allow\n' >"$conf"
call 0 x g1 prepare begin -
[ "$status" = 0 ] || fail "crash, on_error=allow: hook exit $status"
: >"$conf"
finish "a checker killed by a signal: refused (on_error=refuse), started with on_error=allow"

# A checker that never answers (a blocking read): the time limit ends it.
# It sleeps until killed; timeout=1 makes the test take a second.
printf '#!/bin/sh\nexec sleep infinity\n' >"$tmp/vmreserve"
printf 'timeout=1\n' >"$conf"
call 0 x g1 prepare begin -
[ "$status" = 1 ] || fail "timeout: hook exit $status, want 1"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "timeout: not one line: $err"
case $err in "vmreserve: check-domain did not answer for g1 within 1 s (timeout=): stopped; refused (on_error=refuse)"*) ;; *) fail "timeout: $err" ;; esac
printf 'timeout=1\non_error=allow\n' >"$conf"
call 0 x g1 prepare begin -
[ "$status" = 0 ] || fail "timeout, on_error=allow: hook exit $status"
grep -q -- "within 1 s (timeout=): stopped; started unchecked (on_error=allow)" "$tmp/syslog" ||
	fail "timeout, on_error=allow: not logged"
mv "$tmp/vmreserve.keep" "$tmp/vmreserve"
for t in 0 -1 1e3 3601 ' 5' 05 x; do
	printf 'timeout=%s\n' "$t" >"$conf"
	call 2 "does not fit" g1 prepare begin -
	[ "$status" = 1 ] || fail "timeout=$t: exit $status"
	case $err in *"timeout=$t: want whole seconds from 1 to 3600; using 30"*) ;; *) fail "timeout=$t not named: $err" ;; esac
done
: >"$conf"
finish "a checker that never answers is stopped at timeout= and handled by on_error; a bad timeout is named"

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

# What a bypass trusts (issue 20): a regular file, in an absolute
# bypass_dir that is a directory (not a link to one) owned by root and not
# writable by group or others. Anything else is named in the log and
# ignored: the check runs (the stand-in says "does not fit": exit 1), and
# what is there stays. A removal that fails is no bypass.
# ignored HOW WHAT: the start after HOW was refused and WHAT logged
ignored() {
	call 2 "g1 does not fit this host: y" g1 prepare begin -
	[ "$status" = 1 ] || fail "$1: exit $status, want the check to run and refuse"
	[ -n "$calls" ] || fail "$1: the checker did not run"
	case $err in *"g1: bypass ignored: $2"*) ;; *) fail "$1: not named: $err" ;; esac
	case $err in *"bypassed for this start"*) fail "$1: bypassed: $err" ;; esac
}
rm -rf "$tmp/bypass" && mkdir -m 0755 "$tmp/bypass"
printf 'bypass_dir=%s\n' "$tmp/bypass" >"$conf"
mkdir "$tmp/bypass/g1"
ignored "a directory at bypass_dir/g1" "$tmp/bypass/g1 is not a regular file"
[ -d "$tmp/bypass/g1" ] || fail "the directory at bypass_dir/g1 was removed"
ignored "a directory at bypass_dir/g1, twice" "$tmp/bypass/g1 is not a regular file"
rmdir "$tmp/bypass/g1"
echo keep >"$tmp/victim"
ln -s "$tmp/victim" "$tmp/bypass/g1"
ignored "a symlink at bypass_dir/g1" "$tmp/bypass/g1 is not a regular file"
[ -L "$tmp/bypass/g1" ] || fail "the symlink at bypass_dir/g1 was removed"
[ "$(cat "$tmp/victim")" = keep ] || fail "the symlink's target was touched"
rm "$tmp/bypass/g1"
mkfifo "$tmp/bypass/g1"
ignored "a FIFO at bypass_dir/g1" "$tmp/bypass/g1 is not a regular file"
rm "$tmp/bypass/g1"
touch "$tmp/bypass/g1"
for m in 0777 1777 0775 0757; do
	chmod "$m" "$tmp/bypass"
	ignored "bypass_dir mode $m" "$tmp/bypass is not a directory owned by root and closed to group and others (bypass_dir=)"
	[ -e "$tmp/bypass/g1" ] || fail "bypass_dir mode $m: the file was removed"
done
chmod 0755 "$tmp/bypass"
ln -s "$tmp/bypass" "$tmp/bypass-link"
printf 'bypass_dir=%s\n' "$tmp/bypass-link" >"$conf"
ignored "bypass_dir a symlink to a good directory" "$tmp/bypass-link is not a directory owned by root"
(cd "$tmp" && printf 'bypass_dir=bypass\n' >"$conf" && ignored "a relative bypass_dir" "bypass is not a directory owned by root")
# a directory another user owns: made so as root; otherwise this user's
# directory under the hook as shipped, which wants root
printf 'bypass_dir=%s\n' "$tmp/bypass" >"$conf"
if [ "$uid" = 0 ]; then
	chown 65534 "$tmp/bypass"
	ignored "bypass_dir owned by uid 65534" "$tmp/bypass is not a directory owned by root"
	chown 0 "$tmp/bypass"
else
	HOOK=$tmp/hooks/qemu.d/shipped ignored "bypass_dir owned by uid $uid" "$tmp/bypass is not a directory owned by root"
fi
[ -e "$tmp/bypass/g1" ] || fail "a directory owned by another user: the file was removed"
# rm(1) that fails (as root nothing else refuses it)
printf '#!/bin/sh\nexit 1\n' >"$tmp/bin/rm"
chmod 0755 "$tmp/bin/rm"
ignored "a bypass file that cannot be removed" "$tmp/bypass/g1 could not be removed (a bypass is for one start)"
/bin/rm "$tmp/bin/rm"
call 2 "g1 does not fit this host: y" g1 prepare begin -
[ "$status" = 0 ] || fail "the same file, removable: exit $status"
[ -e "$tmp/bypass/g1" ] && fail "bypass file not used up"
finish "a bypass is only a regular file in a directory owned by root and closed to others; anything else is named and ignored; no removal, no bypass"

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

# A domain name with ESC and a UTF-8 C1 CSI (\302\233): libvirt forbids
# only '/' in names, so these reach the hook. Every message (stderr for
# libvirt's error, the log) shows the name's non-printable bytes as '?';
# the bypass file is still the raw name, and the pasted command makes it.
# raw_free WHAT: no byte outside printable ASCII on stderr or in the log
raw_free() {
	if LC_ALL=C grep -q '[^[:print:]]' "$tmp/err" "$tmp/syslog" 2>/dev/null; then
		fail "$1: a raw control byte: $(od -c "$tmp/err" "$tmp/syslog" 2>/dev/null | head -5)"
	fi
}
ctl=$(printf 'v\033]0;x\007m\302\2332J')
rm -rf "$tmp/by pass" "$tmp/syslog" && mkdir -m 0755 "$tmp/by pass"
printf 'bypass_dir=%s\n' "$tmp/by pass" >"$conf"
call 2 "does not fit" "$ctl" prepare begin -
[ "$status" = 1 ] || fail "exit 2: hook exit $status"
raw_free "exit 2's refusal"
cmd=${err#*to start it once anyway: }
(cd "$tmp/cwd" && dash -c "$cmd") 2>"$tmp/paste.err" || fail "the pasted command failed: $cmd"
[ "$(cd "$tmp/by pass" && ls -A)" = "$ctl" ] || fail "the pasted command made '$(find "$tmp/by pass" -mindepth 1 | od -c)': $cmd"
call 3 "not well-formed" "$ctl" prepare begin -
[ "$status" = 0 ] || fail "exit 3 after the bypass: hook exit $status"
raw_free "the bypass and exit 3 after it"
grep -q -- "v?]0;x?m??2J: checks bypassed for this start ($tmp/by pass/v?]0;x?m??2J, now removed)" "$tmp/syslog" ||
	fail "bypass not logged with the name shown: $(cat "$tmp/syslog")"
grep -q -- "could not judge v?]0;x?m??2J (exit 3): not well-formed; started unchecked (bypass file)" "$tmp/syslog" ||
	fail "exit 3 after the bypass: not said as bypassed: $(cat "$tmp/syslog")"
call 3 "not well-formed" "$ctl" prepare begin -
[ "$status" = 1 ] || fail "exit 3 without a bypass: hook exit $status"
raw_free "exit 3's refusal"
mkdir "$tmp/by pass/$ctl"
call 0 x "$ctl" prepare begin -
raw_free "a bypass ignored"
case $err in *"v?]0;x?m??2J: bypass ignored: $tmp/by pass/v?]0;x?m??2J is not a regular file"*) ;; *) fail "bypass ignored: $(LC_ALL=C tr -c "[:print:]" "?" <"$tmp/err")" ;; esac
rmdir "$tmp/by pass/$ctl"
printf 'timeout=1\nbypass_dir=%s\n' "$tmp/by pass" >"$conf"
touch "$tmp/by pass/g1"
mv "$tmp/vmreserve" "$tmp/vmreserve.keep"
printf '#!/bin/sh\nexec sleep infinity\n' >"$tmp/vmreserve"
chmod 0755 "$tmp/vmreserve"
call 0 x g1 prepare begin -
[ "$status" = 0 ] || fail "timeout after a bypass: hook exit $status"
case $err in *"within 1 s (timeout=): stopped; started unchecked (bypass file)"*) ;; *) fail "timeout after a bypass: $err" ;; esac
mv "$tmp/vmreserve.keep" "$tmp/vmreserve"
: >"$conf"
finish "a name with ESC and a C1 CSI is shown with '?' on stderr and in the log, its bypass made by the pasted line; after a bypass, exit 3 or a timeout says so"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
