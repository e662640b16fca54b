#!/bin/sh
# vmreserve's libvirt hook, installed as /etc/libvirt/hooks/qemu.d/vmreserve
# (libvirt 6.5+ runs every executable there; restart libvirtd or virtqemud
# once after installing it). See vmreserve(8), LIBVIRT HOOK.
#
# libvirt calls it as: HOOK DOMAIN OPERATION SUB-OPERATION EXTRA, with the
# domain XML on standard input. On "prepare begin" (before libvirt touches
# a device or memory) it runs `vmreserve check-domain` on that XML: when
# the domain does not fit this host (exit 2: a hostdev not on vfio-pci and
# not managed, a group that is not viable, hugepages the nodes do not
# have), it exits 1 with one line on stderr, and libvirt refuses to start
# the domain and shows that line. Warnings are logged and the start goes
# on; so does anything the checker cannot judge. Every other operation
# returns at once.
#
# Settings, in /etc/libvirt/hooks/vmreserve.conf (KEY=VALUE lines, read,
# never sourced), or VMRESERVE_HOOK in the environment (libvirtd passes
# its hooks no variables of its own: the file is the switch under libvirt):
#   mode=enforce       refuse what does not fit (the default)
#   mode=warn          log it, start anyway
#   mode=off           do nothing
#   bypass_dir=DIR     a file DIR/DOMAIN lets that domain start once
#                      (default /run/vmreserve/libvirt-bypass)
case "$2 $3" in
"prepare begin") ;;
*) exit 0 ;;
esac

vmreserve=/usr/bin/vmreserve
hooks=${0%/*}
conf=${hooks%/*}/vmreserve.conf
mode=enforce
bypass_dir=/run/vmreserve/libvirt-bypass

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

if [ -r "$conf" ]; then
	while IFS='=' read -r key val || [ -n "$key" ]; do
		case $key in
		mode) mode=$val ;;
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

# One start without the check: the admin's file, used up here. libvirt
# forbids '/' in domain names; a leading dot is refused too.
case $1 in
'' | .* | */*) ;;
*)
	if [ -e "$bypass_dir/$1" ]; then
		rm -f "$bypass_dir/$1"
		log "$1: checks bypassed for this start ($bypass_dir/$1, now removed)"
		mode=warn
	fi
	;;
esac

if ! [ -x "$vmreserve" ]; then
	log "$vmreserve is missing: $1 not checked"
	exit 0
fi
out=$("$vmreserve" check-domain --oneline - 2>&1)
rc=$?
case $rc in
0) exit 0 ;;
1) log "$out" ;;
2)
	if [ "$mode" = warn ]; then
		log "$out (not refused: warn-only)"
		exit 0
	fi
	printf 'vmreserve: %s\n' "$out; to start it once anyway: mkdir -p $(shell_word "$bypass_dir") && touch $(shell_word "$bypass_dir/$1")" >&2
	exit 1
	;;
*) log "check-domain could not judge $1 (exit $rc): $out" ;;
esac
exit 0
