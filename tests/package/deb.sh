#!/bin/bash
# SPDX-License-Identifier: MIT
# The Debian packages (packaging/debian), run by `make deb-tests`:
#   - `make deb` builds them, lintian finds no error or warning that is not
#     overridden, and no override is stale (unused or mismatched);
#   - each package holds exactly the files issue 21 puts in it, with their
#     modes (the dracut hook script executable), root-owned; the conffiles
#     are the three /etc files; the generator packages activate the
#     update-initramfs trigger and depend on vmreserve and their generator;
#     no maintainer script runs a generator, starts or enables a unit or
#     touches libvirtd; /etc/vmreserve.conf has no active line and the
#     libvirt hook's settings exactly one, mode=warn;
#   - the early binary is static, the status tool has the distribution's
#     hardening (dpkg-buildflags: BIND_NOW from its LDFLAGS, fortify, stack
#     protector);
#   - the hook as packaged, with its packaged settings, logs and lets a
#     domain start that does not fit (and refuses it under mode=enforce);
#   - as root: an upgrade in a copy of the bookworm initramfs-tools chroot
#     (initrd/chroot.sh; the cached chroot itself is never written): the
#     packages built at the changelog's version are installed,
#     /etc/vmreserve.conf is edited, a build at a higher version (its
#     libvirt hook settings changed) is installed over them: the edit is
#     kept without a prompt, the pristine conffile is the new one, and
#     dpkg ran initramfs-tools' trigger both times. The chroot has no
#     libxml2: vmreserve is installed with --force-depends, after checking
#     that libxml2 is its only dependency the chroot lacks (nothing here
#     runs the status tool).
# Prints "ok N - NAME" / "not ok N - NAME", then "N passed, N failed".
# shellcheck disable=SC2016 # dpkg-query's ${Field} formats, not the shell's
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/deb
tmp=$(mktemp -d /tmp/vmr-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

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
		printf '%s' "$fails" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
	fails=
}
elapsed() { echo $(($(date +%s) - $1)); }

v1=$(dpkg-parsechangelog -l "$top/packaging/debian/changelog" -S Version)
v2=$v1.1
arch=$(dpkg --print-architecture)

# ---- build ----------------------------------------------------------------
t0=$(date +%s)
if ! make -C "$top" -s deb >"$tmp/build.log" 2>&1; then
	tail -n 30 "$tmp/build.log" | sed 's/^/    /'
	fail "make deb failed"
fi
finish "make deb builds vmreserve $v1 ($(elapsed "$t0") s)"
deb() { printf '%s/%s_%s_%s.deb' "$1" "$2" "$3" "$4"; }
d_main=$(deb "$out" vmreserve "$v1" "$arch")
d_itools=$(deb "$out" vmreserve-initramfs-tools "$v1" all)
d_dracut=$(deb "$out" vmreserve-dracut "$v1" all)
for f in "$d_main" "$d_itools" "$d_dracut" "$out/vmreserve_${v1}_$arch.changes"; do
	[ -f "$f" ] || { echo "not ok - $f missing after make deb: stopping" >&2; exit 1; }
done

# The same tree, its hook settings changed, built at $v2 for the upgrade
# (from a copy that is not a git clone: make-deb.sh's other way of
# staging), in the background while lintian and the checks run.
mkdir "$tmp/src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -xf - -C "$tmp/src"
else
	tar -C "$top" --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$tmp/src"
fi
echo "# changed in $v2" >>"$tmp/src/modules.d/libvirt/hook.conf"
v2pid=
if [ "$(id -u)" = 0 ]; then
	# its own process group, so that an early exit stops the whole build
	# shellcheck disable=SC2016 # expanded by the inner shell
	setsid bash -c 't1=$(date +%s); "$1" "$2" "$3" >"$4" 2>&1 || exit 1
		echo $(($(date +%s) - t1)) >"$5"' _ \
		"$tmp/src/packaging/make-deb.sh" "$tmp/v2" "$v2" "$tmp/build2.log" "$tmp/v2.time" &
	v2pid=$!
fi
wait_v2() {
	if ! wait "$v2pid"; then
		fail "make-deb.sh $v2: $(tail -n 20 "$tmp/build2.log")"
	fi
	v2pid=
}
cleanup() {
	if [ -n "$v2pid" ]; then
		kill -- "-$v2pid" 2>/dev/null || :
		wait "$v2pid" 2>/dev/null || :
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- lintian --------------------------------------------------------------
t0=$(date +%s)
# -I: also the informational tags, for unused or mismatched overrides
lintian -I --fail-on error,warning "$out/vmreserve_${v1}_$arch.changes" \
	>"$tmp/lintian" 2>&1 || fail "lintian exit $?"
grep -v '^running with root privileges' "$tmp/lintian" |
	grep -E '^[EW]: |(unused|mismatched)-override' >"$tmp/lintian.bad" || true
[ -s "$tmp/lintian.bad" ] && fail "$(cat "$tmp/lintian.bad")"
finish "lintian: no error or warning, no stale override ($(elapsed "$t0") s)"

# ---- file lists -----------------------------------------------------------
# "MODE PATH" of every file and link (directories left out), root-owned
list() {
	dpkg-deb -c "$1" | awk '$1 !~ /^d/ {
		if ($2 != "root/root") print "owner " $2 " " $6
		p = $6; sub(/^\.\//, "", p); print $1, p }' | sort
}
expect_list() { # DEB, then the expected "MODE PATH" lines on stdin
	sort >"$tmp/want"
	list "$1" >"$tmp/have"
	if ! diff -u "$tmp/want" "$tmp/have" >"$tmp/diff"; then
		fail "$(tail -n +3 "$tmp/diff" | grep '^[-+]')"
	fi
}
x=-rwxr-xr-x r=-rw-r--r--

expect_list "$d_main" <<EOF
$x etc/libvirt/hooks/qemu.d/vmreserve
$r etc/libvirt/hooks/vmreserve.conf
$r etc/vmreserve.conf
$x usr/bin/vmreserve
$r usr/lib/systemd/system/vmreserve-metrics.service
$r usr/lib/systemd/system/vmreserve-metrics.timer
$r usr/lib/vmreserve/image.sh
$x usr/lib/vmreserve/vmreserve-early
$r usr/share/doc/vmreserve/changelog.Debian.gz
$r usr/share/doc/vmreserve/copyright
$r usr/share/doc/vmreserve/vmreserve-rules.yml
$r usr/share/doc/vmreserve/vmreserve.conf.example
$r usr/share/lintian/overrides/vmreserve
$r usr/share/man/man5/vmreserve.conf.5.gz
$r usr/share/man/man8/vmreserve-early.8.gz
$r usr/share/man/man8/vmreserve.8.gz
EOF
finish "vmreserve: the tools, man pages, settings, libvirt hook, metrics units, rules"

expect_list "$d_itools" <<EOF
$r usr/share/doc/vmreserve-initramfs-tools/changelog.Debian.gz
$r usr/share/doc/vmreserve-initramfs-tools/copyright
$x usr/share/initramfs-tools/hooks/vmreserve
$x usr/share/initramfs-tools/scripts/init-top/pre_udev_vmreserve
$r usr/share/lintian/overrides/vmreserve-initramfs-tools
EOF
finish "vmreserve-initramfs-tools: the hook and the init-top script, executable"

expect_list "$d_dracut" <<EOF
$r usr/lib/dracut/dracut.conf.d/50-vmreserve.conf
$x usr/lib/dracut/modules.d/50vmreserve/module-setup.sh
$x usr/lib/dracut/modules.d/50vmreserve/vmreserve-hook.sh
$r usr/share/doc/vmreserve-dracut/changelog.Debian.gz
$r usr/share/doc/vmreserve-dracut/copyright
$r usr/share/lintian/overrides/vmreserve-dracut
EOF
finish "vmreserve-dracut: the module (hook script executable) and the dracut.conf.d snippet"

# What the generators' hooks take from /usr/lib/vmreserve is in vmreserve.
for d in "$d_itools" "$d_dracut"; do
	rm -rf "$tmp/x" && dpkg-deb -x "$d" "$tmp/x"
	grep -rhoE '/usr/lib/vmreserve/[A-Za-z0-9._-]+' "$tmp/x/usr/share/initramfs-tools/hooks" \
		"$tmp/x/usr/lib/dracut/modules.d" 2>/dev/null | sort -u >"$tmp/paths" || :
	[ -s "$tmp/paths" ] || fail "${d##*/}: no /usr/lib/vmreserve path found in its hooks"
	while read -r p; do
		list "$d_main" | grep " ${p#/}\$" >/dev/null || fail "${d##*/} names $p, which vmreserve does not hold"
	done <"$tmp/paths"
done
finish "every /usr/lib/vmreserve path the generator hooks name is in vmreserve"

# ---- control --------------------------------------------------------------
ctrl() { # DEB FILE: the control member, empty when absent
	dpkg-deb --ctrl-tarfile "$1" | tar -xOf - "./$2" 2>/dev/null || true
}
printf '%s\n' /etc/libvirt/hooks/qemu.d/vmreserve /etc/libvirt/hooks/vmreserve.conf \
	/etc/vmreserve.conf >"$tmp/want"
ctrl "$d_main" conffiles | sort >"$tmp/have"
diff -u "$tmp/want" "$tmp/have" >/dev/null || fail "conffiles: $(tr '\n' ' ' <"$tmp/have")"
for d in "$d_itools" "$d_dracut"; do
	[ -z "$(ctrl "$d" conffiles)" ] || fail "${d##*/} has conffiles"
done
finish "conffiles: /etc/vmreserve.conf, the libvirt hook and its settings, nothing else"

for d in "$d_main" "$d_itools" "$d_dracut"; do
	ctrl "$d" triggers | sed 's/#.*//' | grep -qx 'activate-noawait update-initramfs' ||
		fail "${d##*/}: no activate-noawait update-initramfs in its triggers"
done
finish "every package activates the update-initramfs trigger (noawait)"

field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$d_itools" Architecture)" = all ] || fail "vmreserve-initramfs-tools is not Architecture: all"
[ "$(field "$d_dracut" Architecture)" = all ] || fail "vmreserve-dracut is not Architecture: all"
deps() { field "$1" Depends | tr ',' '\n' | sed 's/^ *//; s/ *$//' | sort; }
deps "$d_itools" | grep -qx 'initramfs-tools' || fail "vmreserve-initramfs-tools does not depend on initramfs-tools"
deps "$d_itools" | grep -qx "vmreserve (>= $v1)" || fail "vmreserve-initramfs-tools: $(field "$d_itools" Depends)"
# dracut, not dracut-core: the former declares interest in update-initramfs
deps "$d_dracut" | grep -qx 'dracut' || fail "vmreserve-dracut does not depend on dracut"
deps "$d_dracut" | grep -qx "vmreserve (>= $v1)" || fail "vmreserve-dracut: $(field "$d_dracut" Depends)"
finish "generator packages: Architecture all, Depends on vmreserve (>= $v1) and their generator"

for d in "$d_main" "$d_itools" "$d_dracut"; do
	for s in preinst postinst prerm postrm config; do
		ctrl "$d" "$s" >"$tmp/script"
		if grep -nE 'update-initramfs|mkinitramfs|dracut|libvirtd|virtqemud|systemctl|deb-systemd-invoke|invoke-rc\.d|deb-systemd-helper +(enable|reenable)' \
			"$tmp/script" >"$tmp/hits"; then
			fail "${d##*/} $s: $(tr '\n' ' ' <"$tmp/hits")"
		fi
	done
done
finish "no maintainer script runs a generator, starts or enables a unit, or touches libvirtd"

rm -rf "$tmp/main" && dpkg-deb -x "$d_main" "$tmp/main"
cmp -s "$tmp/main/etc/vmreserve.conf" "$top/src/early/vmreserve.conf.example" ||
	fail "/etc/vmreserve.conf is not src/early/vmreserve.conf.example"
active=$(grep -vE '^[[:space:]]*(#|$)' "$tmp/main/etc/vmreserve.conf" || true)
[ -z "$active" ] || fail "/etc/vmreserve.conf has active lines: $active"
active=$(grep -vE '^[[:space:]]*(#|$)' "$tmp/main/etc/libvirt/hooks/vmreserve.conf" || true)
[ "$active" = mode=warn ] || fail "hook settings: active lines '$active', want only mode=warn"
finish "/etc/vmreserve.conf is all comments; the hook settings' one active line is mode=warn"

# ---- binaries -------------------------------------------------------------
early=$tmp/main/usr/lib/vmreserve/vmreserve-early
tool=$tmp/main/usr/bin/vmreserve
readelf -lW "$early" >"$tmp/early.l" 2>&1
readelf -d "$early" >"$tmp/early.d" 2>&1
grep -q INTERP "$tmp/early.l" && fail "vmreserve-early has a program interpreter"
grep -q 'There is no dynamic section' "$tmp/early.d" || fail "vmreserve-early has a dynamic section"
finish "vmreserve-early is static (no interpreter, no dynamic section)"

readelf -lW "$tool" >"$tmp/tool.l"
readelf -dW "$tool" >"$tmp/tool.d"
readelf --dyn-syms -W "$tool" >"$tmp/tool.s"
grep -q GNU_RELRO "$tmp/tool.l" || fail "the status tool has no RELRO segment"
grep -qE '\(BIND_NOW\)|\(FLAGS_1\).*NOW' "$tmp/tool.d" ||
	fail "the status tool is not linked -z now (dpkg-buildflags' LDFLAGS not used)"
grep -qE ' __[a-z_]+_chk(@|$)' "$tmp/tool.s" || fail "no fortified (__*_chk) call in the status tool"
grep -q ' __stack_chk_fail' "$tmp/tool.s" || fail "the status tool has no stack protector"
finish "the status tool has dpkg-buildflags' hardening: RELRO, BIND_NOW, fortify, stack protector"

# ---- the hook as packaged -------------------------------------------------
# libvirt's layout from the package, the checker a stand-in that finds the
# domain does not fit (exit 2), logger(1) recorded.
h=$tmp/main/etc/libvirt/hooks
mkdir -p "$tmp/bin"
printf '#!/bin/sh\necho "hostdev 06:00.0 not on vfio-pci"\nexit 2\n' >"$tmp/bin/vmreserve"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s/syslog"\n' "$tmp" >"$tmp/bin/logger"
chmod 0755 "$tmp/bin/vmreserve" "$tmp/bin/logger"
sed -i "s|^vmreserve=/usr/bin/vmreserve\$|vmreserve=$tmp/bin/vmreserve|" "$h/qemu.d/vmreserve"
grep -q "^vmreserve=$tmp/bin/vmreserve\$" "$h/qemu.d/vmreserve" ||
	fail "the packaged hook does not run /usr/bin/vmreserve"
rc=0
PATH=$tmp/bin:$PATH "$h/qemu.d/vmreserve" guest prepare begin - </dev/null >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" = 0 ] || fail "packaged settings: exit $rc for a domain that does not fit, want 0 (warn)"
grep -q 'not refused: warn-only' "$tmp/syslog" 2>/dev/null || fail "packaged settings: nothing logged"
sed -i 's/^mode=warn$/mode=enforce/' "$h/vmreserve.conf"
rc=0
PATH=$tmp/bin:$PATH "$h/qemu.d/vmreserve" guest prepare begin - </dev/null >/dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "mode=enforce: exit $rc, want 1 (refused)"
finish "the packaged hook logs a domain that does not fit and lets it start; mode=enforce refuses it"

# ---- upgrade in a bookworm chroot -----------------------------------------
if [ "$(id -u)" != 0 ]; then
	echo "skip: the upgrade in a bookworm chroot needs root (chroot, dpkg)"
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
fi
t0=$(date +%s)
cached=$("$top/initrd/chroot.sh" initramfs-tools)
root=$tmp/root
cp -a "$cached/." "$root"
mkdir "$root/tmp/v1" "$root/tmp/v2"
cp "$d_main" "$d_itools" "$root/tmp/v1/"

# --force-depends only for what the chroot lacks of vmreserve's own
# dependencies, and only when that is libxml2 (and nothing else).
lacking=
for dep in $(field "$d_main" Depends | tr ',' '\n' | sed 's/^ *//; s/[ (].*//'); do
	chroot "$root" dpkg-query -W -f '${db:Status-Abbrev}' "$dep" 2>/dev/null | grep -q '^ii' ||
		lacking="$lacking $dep"
done
force=
case $lacking in
'') ;;
' libxml2') force=--force-depends ;;
*) fail "the chroot lacks$lacking (only libxml2 may be forced)" ;;
esac
sf() { chroot "$root" dpkg-query -W -f "$2" "$1" 2>/dev/null || true; }

chroot "$root" dpkg $force -i "/tmp/v1/${d_main##*/}" "/tmp/v1/${d_itools##*/}" \
	</dev/null >"$tmp/dpkg1" 2>&1 || fail "dpkg -i $v1: $(tail -n 5 "$tmp/dpkg1")"
for p in vmreserve vmreserve-initramfs-tools; do
	[ "$(sf $p '${db:Status-Abbrev} ${Version}')" = "ii  $v1" ] || fail "$p not installed at $v1: $(sf $p '${db:Status-Abbrev} ${Version}')"
done
grep -q 'Processing triggers for initramfs-tools' "$tmp/dpkg1" || fail "no trigger run for initramfs-tools at install"
cmp -s "$root/etc/vmreserve.conf" "$top/src/early/vmreserve.conf.example" || fail "/etc/vmreserve.conf not the example"
finish "install $v1 in the bookworm chroot (initramfs-tools' trigger run)"

# The admin's edit; the hook settings stay as shipped.
cp "$root/etc/vmreserve.conf" "$tmp/edited"
echo "pci=06:00@10de:1c81" >>"$tmp/edited"
cp "$tmp/edited" "$root/etc/vmreserve.conf"

wait_v2
b2=$(cat "$tmp/v2.time" 2>/dev/null || echo '?')
cp "$(deb "$tmp/v2" vmreserve "$v2" "$arch")" "$(deb "$tmp/v2" vmreserve-initramfs-tools "$v2" all)" "$root/tmp/v2/" ||
	fail "no $v2 packages"
# stdin closed: a conffile question would end dpkg with an error
chroot "$root" dpkg $force -i "/tmp/v2/vmreserve_${v2}_$arch.deb" "/tmp/v2/vmreserve-initramfs-tools_${v2}_all.deb" \
	</dev/null >"$tmp/dpkg2" 2>&1 || fail "dpkg -i $v2: $(tail -n 5 "$tmp/dpkg2")"
for p in vmreserve vmreserve-initramfs-tools; do
	[ "$(sf $p '${db:Status-Abbrev} ${Version}')" = "ii  $v2" ] || fail "$p not at $v2: $(sf $p '${db:Status-Abbrev} ${Version}')"
done
cmp -s "$root/etc/vmreserve.conf" "$tmp/edited" || fail "the edited /etc/vmreserve.conf was not kept"
cmp -s "$root/etc/libvirt/hooks/vmreserve.conf" "$tmp/src/modules.d/libvirt/hook.conf" ||
	fail "the pristine hook settings were not updated to $v2's"
stray=$(cd "$root/etc" && find . -name '*.dpkg-*' -o -name '*.ucf-*')
[ -z "$stray" ] || fail "left in /etc: $stray"
grep -q 'Processing triggers for initramfs-tools' "$tmp/dpkg2" || fail "no trigger run for initramfs-tools at upgrade"
[ "$(sf initramfs-tools '${db:Status-Abbrev}')" = "ii " ] || fail "initramfs-tools: $(sf initramfs-tools '${db:Status-Abbrev}') (trigger pending?)"
finish "upgrade to $v2 keeps the edited /etc/vmreserve.conf, updates the pristine hook settings (build $b2 s, all $(elapsed "$t0") s)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
