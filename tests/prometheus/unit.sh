#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tests/prometheus/unit.sh BINARY: the shipped metrics unit and timer
# (modules.d/systemd/) as systemd reads them (run by tests/prometheus/run.sh):
# 1. `systemd-analyze verify` of both, ExecStart='s /usr/bin/vmreserve
#    pointed at BINARY; any line it prints (an unknown key, a bad value:
#    systemd ignores them and still exits 0) is a failure. Skipped, with a
#    line saying so, where systemd-analyze is missing.
# 2. the sandbox keeps /dev/kmsg, which status reads when there is no
#    state record (vmreserve(8), Unknown values): no ProtectKernelLogs=,
#    no PrivateDevices= (both hide it, whatever kernel.dmesg_restrict
#    says), and under DevicePolicy=closed or strict a DeviceAllow= for
#    /dev/kmsg with r. Read from the file, so it runs everywhere.
# 3. where PID 1 is systemd and this is root: a command run by systemd-run
#    under the unit's [Service] sandbox finds /dev/kmsg a character device
#    and, with kernel.dmesg_restrict=0, reads a record from it. Skipped
#    with a line otherwise.
# Prints "ok - ..." / "not ok - ..." / "skip - ..."; exits 1 on a failure.
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(cd "$here/../.." && pwd -P)
bin=$(cd "$(dirname "$1")" && pwd -P)/${1##*/}
units=$top/modules.d/systemd
service=$units/vmreserve-metrics.service
tmp=$(mktemp -d /tmp/vmr-unit.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
rc=0
ok() { echo "ok - $1"; }
notok() {
	echo "not ok - $1"
	rc=1
}

# 1. systemd's own reading of the files
if command -v systemd-analyze >/dev/null 2>&1; then
	sed "s|^ExecStart=/usr/bin/vmreserve |ExecStart=$bin |" "$service" \
		>"$tmp/vmreserve-metrics.service"
	cp "$units/vmreserve-metrics.timer" "$tmp/"
	if ! grep -q "^ExecStart=$bin " "$tmp/vmreserve-metrics.service"; then
		notok "systemd-analyze verify: ExecStart= does not start with /usr/bin/vmreserve"
	elif systemd-analyze verify --man=no "$tmp/vmreserve-metrics.service" \
		"$tmp/vmreserve-metrics.timer" >"$tmp/verify" 2>&1 && [ ! -s "$tmp/verify" ]; then
		ok "systemd-analyze verify: the service and timer, nothing said"
	else
		sed 's/^/# /' "$tmp/verify"
		notok "systemd-analyze verify: the service and timer"
	fi
else
	echo "skip - systemd-analyze verify: no systemd-analyze on this machine"
fi

# 2. /dev/kmsg kept: the last value of each setting wins, as in systemd
# (an empty assignment resets a list; DeviceAllow= lines add up)
last() { sed -n "s/^$1=//p" "$service" | tail -n 1; }
yes_() {
	case $1 in
	1 | yes | true | on) return 0 ;;
	*) return 1 ;;
	esac
}
why=
yes_ "$(last ProtectKernelLogs)" && why="$why ProtectKernelLogs= hides it;"
yes_ "$(last PrivateDevices)" && why="$why PrivateDevices= leaves it out of the unit's /dev;"
case $(last DevicePolicy) in
closed | strict)
	# lines after the last empty DeviceAllow= count
	allow=$(sed -n 's/^DeviceAllow=//p' "$service" | awk '$0 == "" { a = ""; next } { a = a $0 "\n" } END { printf "%s", a }')
	printf '%s\n' "$allow" | grep -Eq '^(/dev/kmsg|char-mem) +[rwm]*r' ||
		why="$why DevicePolicy=$(last DevicePolicy) without DeviceAllow=/dev/kmsg r;"
	;;
esac
if [ -z "$why" ]; then
	ok "the unit's sandbox keeps /dev/kmsg readable"
else
	notok "the unit's sandbox takes /dev/kmsg away:$why"
fi

# 3. the sandbox itself, where systemd runs this machine
if [ "$(id -u)" != 0 ] || [ "$(cat /proc/1/comm 2>/dev/null)" != systemd ] ||
	! command -v systemd-run >/dev/null 2>&1; then
	echo "skip - systemd-run under the unit's sandbox: needs root and systemd as PID 1"
else
	# [Service] settings but what runs, who and where it writes
	set --
	for p in $(sed -n '/^\[Service\]/,/^\[/{/^[A-Z][A-Za-z]*=/p}' "$service" |
		grep -Ev '^(Type|ExecStart|User|Group|StateDirectory|StateDirectoryMode|ReadWritePaths|SuccessExitStatus)=' |
		tr ' ' '\001'); do
		set -- "$@" -p "$(printf '%s' "$p" | tr '\001' ' ')"
	done
	want=1
	[ "$(cat /proc/sys/kernel/dmesg_restrict)" = 0 ] && want=2
	got=$(systemd-run --quiet --wait --pipe --collect "$@" \
		sh -c 'test -c /dev/kmsg || { echo 0; exit; }; dd if=/dev/kmsg iflag=nonblock bs=8192 count=1 2>/dev/null | grep -q . && echo 2 || echo 1' </dev/null 2>"$tmp/run.err")
	if [ "$got" = "$want" ]; then
		ok "systemd-run under the unit's sandbox: /dev/kmsg there (read: $([ "$want" = 2 ] && echo yes || echo 'no, dmesg_restrict=1'))"
	else
		sed 's/^/# /' "$tmp/run.err"
		notok "systemd-run under the unit's sandbox: /dev/kmsg $([ "$got" = 0 ] && echo absent || echo "result '$got', want $want")"
	fi
fi
exit $rc
