#!/bin/bash
# End-to-end test of the libvirt hook with a real libvirt daemon:
#   tests/libvirt/run.sh [BUILD_DIR]        (default: build)
#
# Installs vmreserve with `make install` into a private prefix, starts
# Debian's libvirtd in session mode as an unprivileged user (vmrlibvirt,
# created here when run as root, else the invoking user), with XDG_CONFIG_HOME,
# XDG_RUNTIME_DIR, XDG_DATA_HOME and XDG_CACHE_HOME in a temporary
# directory, and stops it by its pid at the end.
#
# libvirt reads its hooks from SYSCONFDIR/libvirt/hooks (/etc) in session
# mode too: virhook.c builds the path from a compile-time constant, never
# from XDG_CONFIG_HOME. So the daemon runs in a mount namespace of its own
# in which the private install's etc/libvirt is bind-mounted over
# /etc/libvirt: it finds the hook where `make install` puts it, and the
# machine's /etc/libvirt is neither read nor written (checked at the end).
#
# The hook judges the real host (no --sysroot): this machine's free 2M
# hugepages are counted here (nothing reserves any), and a domain asks for
# 512 more than all nodes have free:
#   1. `virsh start` of that domain fails with our one line;
#   2. a small TCG domain (<domain type='qemu'>) that asks for nothing the
#      hook checks starts, runs, and is destroyed;
#   3. a domain with a PCI hostdev this host does not have is refused by
#      the hook; with mode=warn in the hook's config, and with a bypass file
#      for one start, the hook lets it through (libvirt then fails on its
#      own, without our line), and the bypass file is used up.
# Prints "ok N - NAME" / "not ok N - NAME", then "N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}

for c in libvirtd virsh qemu-system-x86_64 setpriv unshare; do
	command -v "$c" >/dev/null 2>&1 || {
		echo "$0: $c not found: install the Debian packages libvirt-daemon," \
			"libvirt-daemon-driver-qemu, libvirt-clients, qemu-system-x86" \
			"(initrd/install-deps.sh all)" >&2
		exit 2
	}
done
[ -d /etc/libvirt ] || { echo "$0: /etc/libvirt missing (libvirt-daemon not installed?)" >&2; exit 2; }

tmp=$(mktemp -d /tmp/vmr-libvirt.XXXXXX) || exit 2
chmod 0755 "$tmp"
log=$tmp/log
mkdir -p "$log"
touch "$tmp/stamp"
etc_before=$(find /etc/libvirt -printf '%p %s %T@\n' 2>/dev/null | sort | md5sum)

# ---------------------------------------------------------------- the user
made_user=
if [ "$(id -u)" = 0 ]; then
	user=vmrlibvirt
	if ! id "$user" >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin "$user" || exit 2
		made_user=1
	fi
	uid=$(id -u "$user") gid=$(id -g "$user")
else
	user=$(id -un) uid=$(id -u) gid=$(id -g)
fi

export_env() {
	echo HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" \
		XDG_RUNTIME_DIR="$tmp/runtime" XDG_DATA_HOME="$tmp/data" \
		XDG_CACHE_HOME="$tmp/cache" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		LIBVIRT_AUTOSTART=0 LC_ALL=C
}
mkdir -p "$tmp/home" "$tmp/config" "$tmp/runtime" "$tmp/data" "$tmp/cache" \
	"$tmp/bypass" "$tmp/xml"
chmod 0700 "$tmp/runtime"
# QEMU's output to a file: no virtlogd spawned that would outlive the test.
mkdir -p "$tmp/config/libvirt"
printf 'stdio_handler = "file"\n' >"$tmp/config/libvirt/qemu.conf"
chown -R "$uid:$gid" "$tmp/home" "$tmp/config" "$tmp/runtime" "$tmp/data" \
	"$tmp/cache" "$tmp/bypass"

# as_user CMD...: CMD as the test user, with the private XDG directories.
as_user() {
	# shellcheck disable=SC2046
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid="$uid" --regid="$gid" --clear-groups \
			env -i $(export_env) "$@"
	else
		env -i $(export_env) "$@"
	fi
}

# ------------------------------------------------------------ the install
# No DESTDIR: every path is the private one, so the hook names the real
# path of the binary it runs.
root=$tmp/root
if ! make -s -C "$top" install DESTDIR= B="$build" PREFIX="$root/usr" \
	HOOKDIR="$root/etc/libvirt/hooks" DRACUTDIR="$root/usr/lib/dracut" \
	INITRAMFS_TOOLS_DIR="$root/usr/share/initramfs-tools" \
	>"$log/install" 2>&1; then
	echo "$0: make install failed:" >&2
	cat "$log/install" >&2
	exit 2
fi
hook=$root/etc/libvirt/hooks/qemu.d/vmreserve
conf=$root/etc/libvirt/hooks/vmreserve.conf
printf 'bypass_dir=%s\n' "$tmp/bypass" >"$conf"
# The session daemon runs the hook as $user, who owns the bypass
# directory: the hook trusts that user's directory as it trusts root's
# under the system daemon (bypass_owner=0 as installed).
sed -i "s|^bypass_owner=0\$|bypass_owner=$uid|" "$hook"
grep -q "^bypass_owner=$uid\$" "$hook" || { echo "$0: cannot set the hook's bypass_owner" >&2; exit 2; }
chmod 0755 "$tmp/bypass"

# ------------------------------------------------------------- the daemon
pid=
cleanup() {
	for d in vmr-small vmr-big vmr-nodev; do
		as_user virsh -c qemu:///session destroy "$d" >/dev/null 2>&1
	done
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		wait "$pid" 2>/dev/null
	fi
	# a QEMU the daemon left behind (it does not kill its guests), and a
	# virtlogd it spawned despite stdio_handler
	for f in "$tmp"/runtime/libvirt/qemu/run/*.pid \
		"$tmp"/runtime/libvirt/virtlogd.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	[ -n "$made_user" ] && userdel "$user" 2>/dev/null
	[ -n "${VMR_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$(id -u)" = 0 ]; then
	# shellcheck disable=SC2046,SC2016
	unshare --mount --propagation private -- sh -c '
		mount --bind "$1" /etc/libvirt || exit 1
		shift
		exec "$@"' sh "$root/etc/libvirt" \
		setpriv --reuid="$uid" --regid="$gid" --clear-groups \
		env -i $(export_env) libvirtd >"$log/libvirtd" 2>&1 &
else
	# shellcheck disable=SC2046,SC2016
	unshare --user --map-current-user --mount --propagation private -- sh -c '
		mount --bind "$1" /etc/libvirt || exit 1
		shift
		exec "$@"' sh "$root/etc/libvirt" \
		env -i $(export_env) libvirtd >"$log/libvirtd" 2>&1 &
fi
pid=$!
sock=$tmp/runtime/libvirt/libvirt-sock
# Wait for the daemon's socket (bounded; the daemon's exit ends it early).
for _ in $(seq 300); do
	[ -S "$sock" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if ! [ -S "$sock" ]; then
	echo "$0: libvirtd (pid $pid) did not come up:" >&2
	cat "$log/libvirtd" >&2
	exit 2
fi
echo "# libvirtd $(libvirtd --version | awk '{print $NF}') as $user, pid $pid, hook $hook"

virsh() {
	as_user virsh -q -c qemu:///session "$@"
}

# -------------------------------------------------------------- the cases
n=0 passed=0 failed=0
fails=
fail() {
	fails="$fails$*
"
}
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

# Free 2M pages of the real host, all nodes (the hook reads the same files).
free2m=0
for f in /sys/devices/system/node/node*/hugepages/hugepages-2048kB/free_hugepages; do
	[ -r "$f" ] && free2m=$((free2m + $(cat "$f")))
done
ask=$((free2m + 512))
node0=
for f in /sys/devices/system/node/node[0-9]*; do
	[ -d "$f" ] && node0=${f##*node} && break
done
echo "# host: $free2m free 2M hugepages on all nodes; the big domain asks $ask on node ${node0:-0}"

cat >"$tmp/xml/big.xml" <<EOF
<domain type='qemu'>
  <name>vmr-big</name>
  <memory unit='KiB'>$((ask * 2048))</memory>
  <memoryBacking>
    <hugepages>
      <page size='2048' unit='KiB'/>
    </hugepages>
  </memoryBacking>
  <vcpu placement='static'>1</vcpu>
  <numatune>
    <memory mode='strict' nodeset='${node0:-0}'/>
  </numatune>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <emulator>$(command -v qemu-system-x86_64)</emulator>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
cat >"$tmp/xml/small.xml" <<EOF
<domain type='qemu'>
  <name>vmr-small</name>
  <memory unit='MiB'>64</memory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <emulator>$(command -v qemu-system-x86_64)</emulator>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
cat >"$tmp/xml/nodev.xml" <<EOF
<domain type='qemu'>
  <name>vmr-nodev</name>
  <memory unit='MiB'>64</memory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <emulator>$(command -v qemu-system-x86_64)</emulator>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='0xfe' slot='0x1f' function='0x7'/>
      </source>
    </hostdev>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
chmod 0644 "$tmp"/xml/*.xml

for d in big small nodev; do
	virsh define "$tmp/xml/$d.xml" >"$log/define-$d" 2>&1 ||
		fail "virsh define $d.xml: $(cat "$log/define-$d")"
done
finish "the three domains define"

# 1. More hugepages than the host has: refused with our line.
virsh start vmr-big >"$log/start-big" 2>&1 && fail "virsh start vmr-big succeeded"
grep -q "vmreserve: vmr-big does not fit this host: " "$log/start-big" ||
	fail "no 'vmreserve: vmr-big does not fit this host' line: $(cat "$log/start-big")"
grep -q "node ${node0:-0} has $free2m free 2M hugepages; the domain needs $ask (" "$log/start-big" ||
	fail "the line does not say node ${node0:-0} has $free2m free 2M pages of $ask needed: $(cat "$log/start-big")"
grep -q "fix: .*rd\.vmreserve\.hugepages=${node0:-0}:" "$log/start-big" ||
	fail "the line names no fix with rd.vmreserve.hugepages=${node0:-0}:...: $(cat "$log/start-big")"
grep -q "to start it once anyway: .*touch $tmp/bypass/vmr-big" "$log/start-big" ||
	fail "the line does not say how to bypass once"
[ "$(virsh domstate vmr-big 2>&1)" = "shut off" ] ||
	fail "vmr-big is '$(virsh domstate vmr-big 2>&1)', not shut off"
finish "virsh start: a domain asking $ask free 2M hugepages of $free2m is refused with the hook's line"

# 2. A small TCG guest asking nothing the hook checks starts.
if virsh start vmr-small >"$log/start-small" 2>&1; then
	[ "$(virsh domstate vmr-small 2>&1)" = running ] ||
		fail "vmr-small is '$(virsh domstate vmr-small 2>&1)', not running"
	virsh destroy vmr-small >"$log/destroy-small" 2>&1 ||
		fail "virsh destroy vmr-small: $(cat "$log/destroy-small")"
	[ "$(virsh domstate vmr-small 2>&1)" = "shut off" ] ||
		fail "vmr-small is '$(virsh domstate vmr-small 2>&1)' after destroy"
else
	fail "virsh start vmr-small failed: $(cat "$log/start-small")"
fi
finish "virsh start: a small TCG domain (type='qemu', no hugepages, no hostdev) starts and is destroyed"

# 3. A hostdev this host does not have: refused; warn mode and the bypass
# file let it through to libvirt, whose own error follows.
virsh start vmr-nodev >"$log/start-nodev" 2>&1 && fail "virsh start vmr-nodev succeeded"
grep -q "vmreserve: vmr-nodev does not fit this host: .*0000:fe:1f\.7" "$log/start-nodev" ||
	fail "no hook line naming 0000:fe:1f.7: $(cat "$log/start-nodev")"
finish "virsh start: a domain with a PCI hostdev the host does not have is refused by the hook"

printf 'bypass_dir=%s\nmode=warn\n' "$tmp/bypass" >"$conf"
virsh start vmr-nodev >"$log/start-nodev-warn" 2>&1 && virsh destroy vmr-nodev >/dev/null 2>&1
grep -q "vmreserve: vmr-nodev does not fit" "$log/start-nodev-warn" &&
	fail "refused by the hook with mode=warn: $(cat "$log/start-nodev-warn")"
finish "mode=warn in hooks/vmreserve.conf: the hook lets the domain through"

printf 'bypass_dir=%s\n' "$tmp/bypass" >"$conf"
as_user touch "$tmp/bypass/vmr-nodev"
virsh start vmr-nodev >"$log/start-nodev-bypass" 2>&1 && virsh destroy vmr-nodev >/dev/null 2>&1
grep -q "vmreserve: vmr-nodev does not fit" "$log/start-nodev-bypass" &&
	fail "refused by the hook despite the bypass file: $(cat "$log/start-nodev-bypass")"
[ -e "$tmp/bypass/vmr-nodev" ] && fail "the bypass file was not used up"
virsh start vmr-nodev >"$log/start-nodev-again" 2>&1 && virsh destroy vmr-nodev >/dev/null 2>&1
grep -q "vmreserve: vmr-nodev does not fit" "$log/start-nodev-again" ||
	fail "the next start was not refused again: $(cat "$log/start-nodev-again")"
finish "a bypass file lets one start through and is used up; the next start is refused"

for d in big small nodev; do
	virsh undefine "$d" >/dev/null 2>&1
done
kill "$pid" && wait "$pid" 2>/dev/null
kill -0 "$pid" 2>/dev/null && fail "libvirtd $pid still runs after SIGTERM"
pid=
# (the dedicated user only: an invoking user runs other things too)
for p in $([ "$(id -u)" = 0 ] && pgrep -u "$uid" 2>/dev/null); do
	fail "a process of $user outlived the daemon: $(ps -o args= -p "$p")"
done
[ "$(find /etc/libvirt -printf '%p %s %T@\n' 2>/dev/null | sort | md5sum)" = "$etc_before" ] ||
	fail "the machine's /etc/libvirt changed"
[ -e /etc/libvirt/hooks/qemu.d/vmreserve ] && [ ! /etc/libvirt/hooks/qemu.d/vmreserve -ot "$tmp/stamp" ] &&
	fail "a hook appeared in the machine's /etc/libvirt/hooks"
finish "libvirtd stopped by its pid; the machine's /etc/libvirt untouched"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
