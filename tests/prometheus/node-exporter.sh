#!/bin/sh
# shellcheck disable=SC2317,SC2012 # helpers called through check; ls of names we made
# SPDX-License-Identifier: MIT
#
# tests/prometheus/node-exporter.sh BINARY
#
# The metrics path end to end, with Debian's real node_exporter
# (prometheus-node-exporter, unpacked under build/tools by
# tests/fetch-deb-bin.sh, never installed): the ExecStart= of the shipped
# modules.d/systemd/vmreserve-metrics.service, with BINARY for
# /usr/bin/vmreserve, a temporary directory for
# /var/lib/prometheus/node-exporter and --sysroot on a fixture tree, writes
# the file; node_exporter, started on a free loopback port with its
# textfile collector on that directory, serves it; /metrics must carry the
# case's vmreserve series. As root the command runs as an unprivileged
# user (nobody standing in for the unit's User=prometheus) into a
# directory that user owns, as StateDirectory= makes it.
#
# Then the attack of issue 20 replayed: root ran `vmreserve status
# --prometheus >DIR/vmreserve.prom.tmp` in a directory whose owner could
# plant that name as a symlink to any file. With --output, a planted
# vmreserve.prom.tmp or vmreserve.prom link leaves its victim unchanged; a
# directory owned by another user (root only), writable by others without
# the sticky bit, or a symlink in the directory's place is refused with a
# message naming it, and nothing is written.
#
# Prints TAP; exits 1 when a check failed. Needs python3 (the HTTP client
# and the comparison: initrd/install-deps.sh installs it).
set -eu
if [ $# -ne 1 ] || ! [ -x "$1" ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/../.." && pwd -P)
unit=$top/modules.d/systemd/vmreserve-metrics.service
ne=$("$top/tests/fetch-deb-bin.sh" prometheus-node-exporter \
	prometheus-node-exporter "$top/build/tools") || exit 1

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
check() { # check DESCRIPTION COMMAND...
	_d=$1
	shift
	if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}

# Everything under one world-readable directory: the unprivileged run must
# reach the binary and the tree.
tmp=$(mktemp -d /tmp/vmr-monitoring.XXXXXX)
chmod 755 "$tmp"
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || :
		wait "$pid" 2>/dev/null || :
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

cp "$1" "$tmp/vmreserve"
chmod 755 "$tmp/vmreserve"

# The case: the R710 tree (tests/fixtures/trees/r710.sh) booted with
# 06:00 and 8 GiB of 2M pages on node 0 asked, and no initramfs hook (no
# record): both functions on their host drivers (nouveau, snd_hda_intel),
# so not bound and their group 17 not viable; node 0 holds none of its
# 4096 pages, node 1 the 256 the tree has. 3 asked, 0 in effect: 2.
sh "$top/tests/fixtures/trees/r710.sh" "$tmp/root" >"$tmp/tree.log" 2>&1 ||
	{ cat "$tmp/tree.log" >&2; exit 1; }
printf '%s\n' 'intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G' \
	>"$tmp/root/proc/cmdline"
chmod -R a+rX "$tmp/root"
cat >"$tmp/want" <<'EOF'
vmreserve_status 2
vmreserve_asked_items 3
vmreserve_in_effect_items 0
vmreserve_early_ran 0
vmreserve_iommu_enabled 1
vmreserve_hugepages_requested{node="0",page_size_kb="2048"} 4096
vmreserve_hugepages_reserved{node="0",page_size_kb="2048"} 0
vmreserve_hugepages_reserved{node="1",page_size_kb="2048"} 256
vmreserve_device_bound{address="0000:06:00.0",id="10de:1c81"} 0
vmreserve_device_bound{address="0000:06:00.1",id="10de:0fb9"} 0
vmreserve_device_group_viable{address="0000:06:00.0",id="10de:1c81"} 0
vmreserve_device_group_viable{address="0000:06:00.1",id="10de:0fb9"} 0
vmreserve_device_info{address="0000:06:00.0",driver="nouveau",id="10de:1c81",iommu_group="17"} 1
vmreserve_read_errors 0
node_textfile_scrape_error 0
EOF
want_status=2

# The unit's command, split into words as systemd does (it has no quotes
# or variables; refused if it ever does), the paths replaced.
target=/var/lib/prometheus/node-exporter/vmreserve.prom
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
case $exec_start in
/usr/bin/vmreserve\ *" --output $target"*) ;;
*) echo "$unit: ExecStart= is not vmreserve --output $target: '$exec_start'" >&2; exit 1 ;;
esac
case $exec_start in
*[\'\"\\\$\;\&\|\`%]*) echo "$unit: ExecStart= has quoting or specifiers" >&2; exit 1 ;;
esac

# unit_cmd DIR [WRAPPER...]: the command, writing DIR/vmreserve.prom, under
# WRAPPER (setpriv); its exit status in $rc, stderr in $tmp/err.
unit_cmd() {
	_dir=$1
	shift
	_cmd=$(printf '%s\n' "$exec_start" | sed \
		-e "s|^/usr/bin/vmreserve |$tmp/vmreserve --sysroot $tmp/root |" \
		-e "s| /var/lib/prometheus/node-exporter/| $_dir/|")
	set -f
	# shellcheck disable=SC2086 # the words of the unit's command line
	set -- "$@" $_cmd
	set +f
	rc=0
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

as_user=
run_uid=$(id -u)
if [ "$run_uid" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 || { echo "no setpriv (util-linux)" >&2; exit 1; }
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	run_uid=65534
fi

# ---- the exporter serves the unit's file ----------------------------------
text=$tmp/textfile
mkdir "$text"
[ "$run_uid" = "$(id -u)" ] || chown "$run_uid" "$text"
# shellcheck disable=SC2086 # as_user: the wrapper's words
unit_cmd "$text" $as_user
check "the unit's command exits $want_status, the case's status (got $rc: $(head -c 300 "$tmp/err"))" \
	[ "$rc" = "$want_status" ]
only_prom() { # DIR: vmreserve.prom alone, mode 0644, owned by the runner
	[ "$(cd "$1" && ls -A)" = vmreserve.prom ] &&
		[ "$(stat -c '%a %u' "$1/vmreserve.prom")" = "644 $run_uid" ]
}
check "it wrote vmreserve.prom, mode 0644, owned by uid $run_uid, and no other file" \
	only_prom "$text"

# scrape PORT FILE: GET /metrics from 127.0.0.1:PORT into FILE; 1 when no
# answer (not yet listening) or not 200.
scrape() {
	python3 -c 'import sys, urllib.request
try:
    body = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=5).read()
except OSError:
    sys.exit(1)
open(sys.argv[2], "wb").write(body)' "$1" "$2"
}

# node_exporter on the first free port from 19100: a port taken makes it
# exit ("address already in use"); wait for it by polling the port.
port=19100
while :; do
	"$ne" --web.listen-address="127.0.0.1:$port" \
		--collector.textfile.directory="$text" \
		--collector.disable-defaults --collector.textfile \
		>"$tmp/ne.log" 2>&1 &
	pid=$!
	up=
	tries=0
	while [ $tries -lt 300 ] && kill -0 "$pid" 2>/dev/null; do
		if scrape "$port" /dev/null; then
			up=1
			break
		fi
		tries=$((tries + 1))
		sleep 0.1 # between polls of the port, not a wait for a result
	done
	[ -z "$up" ] || break
	kill "$pid" 2>/dev/null || :
	wait "$pid" 2>/dev/null || :
	pid=
	if grep -q 'address already in use' "$tmp/ne.log" && [ $port -lt 19199 ]; then
		port=$((port + 1))
		continue
	fi
	echo "node_exporter did not come up:" >&2
	cat "$tmp/ne.log" >&2
	exit 1
done
ok "node_exporter listens on 127.0.0.1:$port (pid $pid)"
scrape "$port" "$tmp/scrape" || :

# Every wanted sample, labels compared as sets, among the scraped ones.
missing=$(python3 - "$tmp/want" "$tmp/scrape" <<'EOF'
import re, sys
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$')
label = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?')
def parse(path):
    got = {}
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        m = sample.match(line)
        if not line or line.startswith('#') or not m:
            continue
        labels = frozenset(label.findall(m.group(2) or ''))
        got[(m.group(1), labels)] = float(m.group(3))
    return got
want, got = parse(sys.argv[1]), parse(sys.argv[2])
for k, v in want.items():
    if got.get(k) != v:
        print('%s %s: want %g, got %s;' % (k[0], sorted(k[1]), v, got.get(k)), end=' ')
EOF
)
check "/metrics has the case's vmreserve series${missing:+: $missing}" [ -z "$missing" ]
check "/metrics has the file's mtime (node_textfile_mtime_seconds)" \
	grep -q '^node_textfile_mtime_seconds{file="[^"]*vmreserve\.prom"}' "$tmp/scrape"
kill "$pid" 2>/dev/null || :
wait "$pid" 2>/dev/null || :
pid=

# ---- the attack replayed ----------------------------------------------------
victim=$tmp/victim
printf 'precious\n' >"$victim"
victim_sum=$(cksum <"$victim")
# plant DIR: the names the old recipe and the unit use, linked to the victim
plant() {
	ln -s "$victim" "$1/vmreserve.prom.tmp"
	ln -s "$victim" "$1/vmreserve.prom"
}
victim_same() { [ "$(cksum <"$victim")" = "$victim_sum" ]; }
links_left() { # DIR: the planted links untouched, nothing added
	[ "$(cd "$1" && ls -A | tr '\n' ' ')" = "vmreserve.prom vmreserve.prom.tmp " ] &&
		[ -L "$1/vmreserve.prom" ] && [ -L "$1/vmreserve.prom.tmp" ]
}

# 1. links planted in a trusted directory: the unit's command, as root
# would run it (the old recipe ran as root), replaces vmreserve.prom by a
# new file; the victim is unchanged.
d=$tmp/planted
mkdir "$d"
plant "$d"
unit_cmd "$d"
check "planted links: the command exits $want_status (got $rc: $(head -c 300 "$tmp/err"))" \
	[ "$rc" = "$want_status" ]
check "planted links: the victim is unchanged" victim_same
replaced() { # DIR: vmreserve.prom a regular file with the metrics
	[ -f "$1/vmreserve.prom" ] && [ ! -L "$1/vmreserve.prom" ] &&
		grep -qx "vmreserve_status $want_status" "$1/vmreserve.prom"
}
check "planted links: vmreserve.prom is now a regular file with the metrics" \
	replaced "$d"

# refused DESCRIPTION DIR: exit 3, stderr names the directory, nothing
# written, the victim unchanged.
refused() {
	unit_cmd "$2"
	check "$1: refused with exit 3 (got $rc)" [ "$rc" = 3 ]
	check "$1: the message names $2 ($(head -c 300 "$tmp/err"))" \
		grep -qF "$2" "$tmp/err"
	check "$1: the victim is unchanged" victim_same
}

# 2. a directory writable by others without the sticky bit
d=$tmp/world-writable
mkdir "$d"
chmod 0777 "$d"
plant "$d"
refused "world-writable directory" "$d"
check "world-writable directory: the planted links are left, nothing added" links_left "$d"

# 3. a directory owned by another user (as on Debian, where prometheus owns
# /var/lib/prometheus and can replace node-exporter/ by its own)
if [ "$(id -u)" = 0 ]; then
	d=$tmp/other-owner
	mkdir "$d"
	plant "$d"
	chown -h 65534 "$d" "$d/vmreserve.prom" "$d/vmreserve.prom.tmp"
	refused "directory owned by uid 65534" "$d"
	check "directory owned by uid 65534: the planted links are left, nothing added" links_left "$d"
else
	n=$((n + 1))
	echo "ok $n # SKIP directory owned by another user: not root"
fi

# 4. a symlink in the directory's place (the directory itself replaced)
d=$tmp/linked
ln -s "$tmp" "$d"
refused "the directory a symlink" "$d"
check "the directory a symlink: nothing written where it points" \
	[ ! -e "$tmp/vmreserve.prom" ]

echo "1..$n"
exit $failed
