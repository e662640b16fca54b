#!/bin/sh
# vmreserve's libvirt hook, installed as /etc/libvirt/hooks/qemu.d/vmreserve
# (libvirt 6.5+ runs every executable there; restart libvirtd or virtqemud
# once after installing it). See vmreserve(8), LIBVIRT HOOK.
#
# libvirt calls it as: HOOK DOMAIN OPERATION SUB-OPERATION EXTRA, with the
# domain XML on standard input. On "prepare begin" (before libvirt touches
# a device or memory) it runs `vmreserve check-domain` on that XML, under
# a time limit: when the domain does not fit this host (exit 2: a hostdev
# not on vfio-pci and not managed, a group that is not viable, hugepages
# the nodes do not have), it exits 1 with one line on stderr, and libvirt
# refuses to start the domain and shows that line. Warnings are logged and
# the start goes on. When the checker cannot judge (exit 3), crashes (a
# signal) or runs out of time, on_error decides: closed by default (the
# domain's own author can make the XML unjudgeable, so letting such a
# start through would be a way around the check). Every other operation
# returns at once.
#
# Settings, in /etc/libvirt/hooks/vmreserve.conf (KEY=VALUE lines, read,
# never sourced), or VMRESERVE_HOOK in the environment (libvirtd passes
# its hooks no variables of its own: the file is the switch under libvirt):
#   mode=enforce       refuse what does not fit (the default)
#   mode=warn          log it, start anyway (errors too)
#   mode=off           do nothing
#   on_error=refuse    refuse a start the checker could not judge (exit 3),
#                      that crashed or timed out (the default)
#   on_error=allow     log it and start unchecked
#   timeout=SECONDS    the checker's time limit, 1 to 3600 (default 30:
#                      16384 pinned vCPUs take about a CPU second);
#                      SIGKILL 5 s after SIGTERM
#   bypass_dir=DIR     a regular file DIR/DOMAIN lets that domain start once
#                      (default /run/vmreserve/libvirt-bypass); DIR must be
#                      an absolute path to a directory owned by root and
#                      not writable by group or others, else it is named
#                      in the log and ignored; the file is removed before
#                      the start goes on, and no bypass when that fails
case "$2 $3" in
"prepare begin") ;;
*) exit 0 ;;
esac

vmreserve=/usr/bin/vmreserve
bypass_owner=0
hooks=${0%/*}
conf=${hooks%/*}/vmreserve.conf
mode=enforce
on_error=refuse
timeout=30
bypass_dir=/run/vmreserve/libvirt-bypass

# $1 for a message: every byte that is not printable ASCII (ESC, a C1 or
# any other UTF-8 byte of a name libvirt allowed) as '?', so a domain name
# cannot move the cursor of the terminal showing libvirt's error or the
# log. The bypass file and the pasted command keep the name as it is.
shown() {
	printf '%s' "$1" | LC_ALL=C tr -c '[:print:]' '?'
}

log() {
	printf 'vmreserve: %s\n' "$1" >&2
	if command -v logger >/dev/null 2>&1; then
		logger -t vmreserve-hook -- "$1" 2>/dev/null
	fi
	return 0
}

# $1 as one word for the shell the admin pastes our line into: as is when
# plain, else single-quoted with ' as '\'' (libvirt allows a domain named
# "my vm" or "a;b").
shell_word() {
	case $1 in
	'' | *[!A-Za-z0-9_./:@%+=,-]*) ;;
	*)
		printf '%s' "$1"
		return 0
		;;
	esac
	_r=$1 _q=
	while :; do
		case $_r in
		*\'*) ;;
		*) break ;;
		esac
		_q=$_q${_r%%\'*}\'\\\'\'
		_r=${_r#*\'}
	done
	printf "'%s%s'" "$_q" "$_r"
}

name=$(shown "$1")
bypassed=no

if [ -r "$conf" ]; then
	while IFS='=' read -r key val || [ -n "$key" ]; do
		case $key in
		mode) mode=$val ;;
		on_error) on_error=$val ;;
		timeout) timeout=$val ;;
		bypass_dir) bypass_dir=$val ;;
		esac
	done <"$conf"
fi
mode=${VMRESERVE_HOOK:-$mode}
case $mode in
enforce | warn) ;;
off) exit 0 ;;
*)
	log "$conf: mode=$mode: want enforce, warn or off; enforcing"
	mode=enforce
	;;
esac
case $on_error in
refuse | allow) ;;
*)
	log "$conf: on_error=$on_error: want refuse or allow; refusing"
	on_error=refuse
	;;
esac
# digits only, no leading zero, at most 3600
case $timeout in
'' | 0* | *[!0-9]* | ?????*) timeout_ok=no ;;
*) [ "$timeout" -le 3600 ] && timeout_ok=yes || timeout_ok=no ;;
esac
if [ "$timeout_ok" = no ]; then
	log "$conf: timeout=$timeout: want whole seconds from 1 to 3600; using 30"
	timeout=30
fi

# A name with a byte shown() would change is pasted as printf's octal
# escapes (digits only, nothing the shell evaluates), so the line stays
# printable and the file made is still the one use_bypass looks up.
bypass_cmd() {
	if [ "$(shown "$1")" = "$1" ]; then
		_p=$(shell_word "$bypass_dir/$1")
	else
		_p=$(shell_word "$bypass_dir")/\"\$\(printf\ \'$(printf '%s' "$1" |
			od -An -vto1 | tr -s ' \n' '  ' | sed 's/ *$//; s/ /\\/g')\'\)\"
	fi
	printf 'mkdir -p %s && touch %s' "$(shell_word "$bypass_dir")" "$_p"
}

# A directory only its owner (root) can add to: the path itself no link
# (find -P does not follow it), owned by bypass_owner, no group or other
# write bit. Anything else would let another user start any domain
# unchecked.
trusted_dir() {
	case $1 in
	/*) ;;
	*) return 1 ;;
	esac
	[ -n "$(find "$1" -prune -type d -user "$bypass_owner" ! -perm -020 \
		! -perm -002 -print 2>/dev/null)" ]
}

# One start without the check: the admin's file, used up here (0), or
# nothing to use (1). libvirt forbids '/' in domain names; a leading dot
# is refused too.
use_bypass() {
	case $1 in
	'' | .* | */*) return 1 ;;
	esac
	_f=$bypass_dir/$1
	[ -e "$_f" ] || [ -L "$_f" ] || return 1
	if ! trusted_dir "$bypass_dir"; then
		log "$name: bypass ignored: $(shown "$bypass_dir") is not a directory owned by root and closed to group and others (bypass_dir=)"
		return 1
	fi
	if [ -z "$(find "$_f" -prune -type f -print 2>/dev/null)" ]; then
		log "$name: bypass ignored: $(shown "$_f") is not a regular file"
		return 1
	fi
	rm -f -- "$_f" 2>/dev/null
	if [ -e "$_f" ] || [ -L "$_f" ]; then
		log "$name: bypass ignored: $(shown "$_f") could not be removed (a bypass is for one start)"
		return 1
	fi
	log "$name: checks bypassed for this start ($(shown "$_f"), now removed)"
	bypassed=yes
	return 0
}

use_bypass "$1"

if ! [ -x "$vmreserve" ]; then
	log "$vmreserve is missing: $name not checked"
	exit 0
fi
# The subshell waits for the checker itself (the "exit $?" after it: not
# exec'd) with its stderr in $out: the shell's "Segmentation fault" after
# a crash is part of the one line, never a second line for libvirt.
if command -v timeout >/dev/null 2>&1; then
	out=$(exec 2>&1; timeout -k 5 "$timeout" "$vmreserve" check-domain --oneline -; exit $?)
else
	log "timeout(1) is missing: $name checked without a time limit"
	out=$(exec 2>&1; "$vmreserve" check-domain --oneline -; exit $?)
fi
rc=$?
# one line for libvirt's error message, whatever the checker printed
out=$(printf '%s' "$out" | tr '\n' ' ')
case $rc in
0) exit 0 ;;
1)
	log "$out"
	exit 0
	;;
2)
	if [ "$bypassed" = yes ]; then
		log "$out (not refused: bypass file)"
		exit 0
	fi
	if [ "$mode" = warn ]; then
		log "$out (not refused: warn-only)"
		exit 0
	fi
	printf 'vmreserve: %s\n' "$out; to start it once anyway: $(bypass_cmd "$1")" >&2
	exit 1
	;;
3) why="check-domain could not judge $name (exit 3): $out" ;;
124) why="check-domain did not answer for $name within ${timeout} s (timeout=): stopped" ;;
137) why="check-domain was killed on $name (signal 9: it outlived SIGTERM at ${timeout} s (timeout=) by 5 s, or ran out of memory)" ;;
*)
	if [ "$rc" -gt 128 ]; then
		why="check-domain crashed on $name (signal $((rc - 128))): $out"
	else
		why="check-domain failed on $name (exit $rc): $out"
	fi
	;;
esac
if [ "$bypassed" = yes ]; then
	log "$why; started unchecked (bypass file)"
	exit 0
fi
if [ "$mode" = warn ]; then
	log "$why; started unchecked (mode=warn)"
	exit 0
fi
if [ "$on_error" = allow ]; then
	log "$why; started unchecked (on_error=allow)"
	exit 0
fi
printf 'vmreserve: %s\n' "$why; refused (on_error=refuse); to start it once anyway: $(bypass_cmd "$1"); to start such domains unchecked: on_error=allow in $conf" >&2
exit 1
