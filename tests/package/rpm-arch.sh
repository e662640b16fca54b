#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/package/rpm-arch.sh (`make pkg-tests`): the RPMs (`make rpm`) and
# the Arch package (`make arch`), built from `make dist`'s tarball, hold
# what `make install` + `make install-etc` install, less the exclusions
# stated below, with the same modes; rpmlint is clean but for the filters
# of packaging/rpm/vmreserve.rpmlintrc, each commented; the package
# metadata says what the recipes promise (conffiles, backup, subpackage
# dependencies, no initramfs rebuild, a build-id on the early binary, the
# distribution's hardening flags on the status tool). As root or any user.
set -euo pipefail
cd "$(dirname "$0")/../.."

B=build
W=$B/pkg-tests
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok: $*"; }

for t in rpmbuild rpm2cpio cpio rpmlint makepkg bsdtar fakeroot eu-strip readelf; do
	command -v "$t" >/dev/null || {
		echo "error: $t not found (initrd/install-deps.sh all installs it)" >&2; exit 1; }
done

version=$(make -s --no-print-directory print-VERSION)
size_limit=$(make -s --no-print-directory print-SIZE_LIMIT)
rm -rf "$W"
mkdir -p "$W"

# The recipes carry the version by hand; it must be version.h's.
spec_version=$(sed -n 's/^Version:[[:space:]]*//p' packaging/rpm/vmreserve.spec)
pkgver=$(sed -n 's/^pkgver=//p' packaging/arch/PKGBUILD)
[ "$spec_version" = "$version" ] || bad "vmreserve.spec Version $spec_version, version.h $version"
[ "$pkgver" = "$version" ] || bad "PKGBUILD pkgver $pkgver, version.h $version"

# "MODE PATH" of every file and symlink under a tree (directories are not
# compared: each package format owns them its own way).
list_tree() {
	(cd "$1" && find . \( -type f -o -type l \) -printf '%#m %P\n' | sort)
}

# ---- the reference: make install + make install-etc -----------------------
make -s all
make -s install DESTDIR="$PWD/$W/ref" PREFIX=/usr >/dev/null
make -s install-etc DESTDIR="$PWD/$W/ref" >/dev/null
list_tree "$W/ref" >"$W/ref.list"
[ -s "$W/ref.list" ] || { echo "error: make install installed nothing" >&2; exit 1; }
# Man pages are gzip-compressed by both packagers (rpm's brp-compress,
# makepkg's zipman), same mode.
man_gz() { sed -E 's|^([0-7]+ usr/share/man/man[0-9]/[^ ]+)$|\1.gz|'; }

# ---- RPM --------------------------------------------------------------------
t0=$SECONDS
make -s rpm >"$W/rpm.log" 2>&1 || { tail -40 "$W/rpm.log" >&2; echo "FAIL: make rpm" >&2; exit 1; }
echo "make rpm: $((SECONDS - t0)) s"
main=$B/rpm/RPMS/x86_64/vmreserve-$version-1.x86_64.rpm
dracut=$B/rpm/RPMS/noarch/vmreserve-dracut-$version-1.noarch.rpm
dbg=$B/rpm/RPMS/x86_64/vmreserve-debuginfo-$version-1.x86_64.rpm
for f in "$main" "$dracut" "$dbg"; do
	[ -f "$f" ] || { echo "FAIL: $f not built" >&2; exit 1; }
done

# Expected, stated here: everything make install installs, except the
# initramfs-tools hook and script and the mkinitcpio hooks with the unit
# only mkinitcpio's sd-vmreserve uses (Fedora builds its images with dracut
# only); the dracut module and its dracut.conf.d snippet in
# vmreserve-dracut, the rest in vmreserve. rpm's own build-id links
# (/usr/lib/.build-id/) are not compared.
man_gz <"$W/ref.list" |
	grep -v -E ' usr/(share/initramfs-tools|lib/initcpio)/| usr/lib/vmreserve/vmreserve-early\.service$' \
	>"$W/rpm-all.expect"
grep -E ' usr/lib/dracut/' "$W/rpm-all.expect" >"$W/rpm-dracut.expect" || true
grep -v -E ' usr/lib/dracut/' "$W/rpm-all.expect" >"$W/rpm-main.expect" || true
for p in main dracut; do
	if [ $p = dracut ]; then f=$dracut; else f=$main; fi
	mkdir -p "$W/rpm-$p"
	(cd "$W/rpm-$p" && rpm2cpio "$OLDPWD/$f" | cpio -idm --quiet --no-absolute-filenames)
	list_tree "$W/rpm-$p" | grep -v ' usr/lib/\.build-id/' >"$W/rpm-$p.list" || true
	if diff -u "$W/rpm-$p.expect" "$W/rpm-$p.list" >"$W/rpm-$p.diff"; then
		ok "$(basename "$f"): $(wc -l <"$W/rpm-$p.list") files, modes as make install's"
	else
		bad "$(basename "$f") against make install (- expected, + packaged):"
		cat "$W/rpm-$p.diff" >&2
	fi
done
# %config(noreplace) on the two settings files, and only on them.
rpm -qp --qf '[%{FILEFLAGS:fflags}|%{FILENAMES}\n]' "$main" >"$W/rpm-fflags.list"
awk -F'|' '$1 ~ /c/ {print $1, $2}' "$W/rpm-fflags.list" | sort >"$W/rpm-config.list"
printf '%s\n' 'cn /etc/libvirt/hooks/vmreserve.conf' 'cn /etc/vmreserve.conf' >"$W/rpm-config.expect"
if diff -u "$W/rpm-config.expect" "$W/rpm-config.list" >&2; then
	ok "config(noreplace): /etc/vmreserve.conf, /etc/libvirt/hooks/vmreserve.conf"
else
	bad "the conffiles of $main"
fi
# The libvirt hook's settings as installed: mode=warn.
if grep -qx 'mode=warn' "$W/rpm-main/etc/libvirt/hooks/vmreserve.conf"; then
	ok "the libvirt hook ships with mode=warn"
else
	bad "etc/libvirt/hooks/vmreserve.conf: no mode=warn line"
fi
# vmreserve-dracut: noarch, requires this very build of vmreserve and dracut.
[ "$(rpm -qp --qf '%{ARCH}' "$dracut")" = noarch ] || bad "vmreserve-dracut is not noarch"
rpm -qp --requires "$dracut" >"$W/rpm-dracut.requires"
grep -qx "vmreserve = $version-1" "$W/rpm-dracut.requires" ||
	bad "vmreserve-dracut does not require vmreserve = $version-1"
grep -qx 'dracut' "$W/rpm-dracut.requires" || bad "vmreserve-dracut does not require dracut"
# No initramfs rebuild from a scriptlet, in either package.
rpm -qp --scripts "$main" "$dracut" >"$W/rpm.scripts"
if grep -E 'dracut|mkinitcpio|update-initramfs|kernel-install' "$W/rpm.scripts"; then
	bad "a scriptlet rebuilds the initramfs"
else
	ok "no scriptlet runs a generator"
fi
[ -z "$(rpm -qp --scripts "$dracut")" ] || bad "vmreserve-dracut has scriptlets"
# The early binary: a build-id (Fedora's check, on in make rpm), the size
# budget kept, static and stripped so debuginfo leaves it alone.
early=$W/rpm-main/usr/lib/vmreserve/vmreserve-early
readelf -n "$early" >"$W/early.notes"; grep -q 'NT_GNU_BUILD_ID' "$W/early.notes" || bad "the packaged vmreserve-early has no build-id"
sz=$(stat -c %s "$early")
if [ "$sz" -le "$size_limit" ]; then
	ok "packaged vmreserve-early: build-id, $sz bytes (budget $size_limit)"
else
	bad "packaged vmreserve-early is $sz bytes, over $size_limit"
fi
rpm -qlp "$dbg" >"$W/rpm-debuginfo.list"
grep -q "^/usr/lib/debug/usr/bin/vmreserve-.*\.debug$" "$W/rpm-debuginfo.list" || bad "no debuginfo for /usr/bin/vmreserve"
if grep -q 'vmreserve-early' "$W/rpm-debuginfo.list"; then bad "debuginfo for the stripped vmreserve-early"; fi
# The distribution's flags reached the status tool (Fedora links with -z now).
readelf -d "$W/rpm-main/usr/bin/vmreserve" >"$W/rpm-tool.dynamic"
if grep -q 'BIND_NOW' "$W/rpm-tool.dynamic"; then
	ok "the status tool was linked with Fedora's LDFLAGS (BIND_NOW)"
else
	bad "/usr/bin/vmreserve in the RPM lacks BIND_NOW: %{build_ldflags} did not reach it"
fi

# rpmlint on the two packages and the spec (the -debuginfo/-debugsource
# packages are rpm's own); the rpmlintrc's filters are each commented.
rc=packaging/rpm/vmreserve.rpmlintrc
# (a comment, then the one or more filters it explains)
awk '/^addFilter/ && prev !~ /^(#|addFilter)/ {print FILENAME ":" NR ": filter without a comment"; n++}
	{prev=$0} END {exit n > 0}' "$rc" >&2 ||
	bad "$rc: every filter needs a comment above it"
rpmlint -c packaging/rpm/rpmlint.toml -r "$rc" "$main" "$dracut" packaging/rpm/vmreserve.spec >"$W/rpmlint.log" 2>&1 || true
if grep -q ' 0 errors, 0 warnings' "$W/rpmlint.log"; then
	ok "rpmlint: $(grep -o '[0-9]* errors, [0-9]* warnings' "$W/rpmlint.log") ($(grep -c '^addFilter' "$rc") commented filters)"
else
	bad "rpmlint:"; sed -n '/^checks:/,$p' "$W/rpmlint.log" >&2
fi

# ---- Arch -------------------------------------------------------------------
t0=$SECONDS
make -s arch >"$W/arch.log" 2>&1 || { tail -40 "$W/arch.log" >&2; echo "FAIL: make arch" >&2; exit 1; }
echo "make arch: $((SECONDS - t0)) s"
pkg=$B/arch/vmreserve-$version-1-x86_64.pkg.tar.gz
[ -f "$pkg" ] || { echo "FAIL: $pkg not built" >&2; exit 1; }
# makepkg checked the tarball against the sum make arch wrote.
sum=$(sha256sum "$B/dist/vmreserve-$version.tar.gz" | cut -d' ' -f1)
grep -qx "sha256sums=('$sum')" "$B/arch/PKGBUILD" || bad "the staged PKGBUILD does not carry the tarball's sha256"
if grep -q 'vmreserve-.*\.tar\.gz \.\.\. Passed' "$W/arch.log"; then
	ok "makepkg verified the tarball's sha256"
else
	bad "makepkg did not verify the tarball's checksum"
fi
# Expected: everything make install installs, the dracut module included
# (kept on Arch), except the initramfs-tools hook and script.
man_gz <"$W/ref.list" | grep -v -E ' usr/share/initramfs-tools/' >"$W/arch.expect"
mkdir -p "$W/arch-pkg"
bsdtar -xpf "$pkg" -C "$W/arch-pkg"
list_tree "$W/arch-pkg" | grep -v -E ' \.(PKGINFO|BUILDINFO|MTREE)$' >"$W/arch.list"
if diff -u "$W/arch.expect" "$W/arch.list" >"$W/arch.diff"; then
	ok "$(basename "$pkg"): $(wc -l <"$W/arch.list") files, modes as make install's"
else
	bad "$(basename "$pkg") against make install (- expected, + packaged):"; cat "$W/arch.diff" >&2
fi
grep '^backup = ' "$W/arch-pkg/.PKGINFO" | sort >"$W/arch-backup.list"
printf 'backup = %s\n' etc/libvirt/hooks/vmreserve.conf etc/vmreserve.conf >"$W/arch-backup.expect"
if diff -u "$W/arch-backup.expect" "$W/arch-backup.list" >&2; then
	ok ".PKGINFO backup: the two settings files"
else
	bad ".PKGINFO backup entries"
fi
for d in 'depend = kmod' 'depend = libxml2' 'makedepend = klibc'; do
	grep -qx "$d" "$W/arch-pkg/.PKGINFO" || bad ".PKGINFO lacks '$d'"
done
[ ! -e "$W/arch-pkg/.INSTALL" ] || bad "the Arch package has an install script"
# Arch's flags (packaging/arch/makepkg.conf) reached the status tool.
readelf -d "$W/arch-pkg/usr/bin/vmreserve" >"$W/arch-tool.dynamic"
if grep -q 'BIND_NOW' "$W/arch-tool.dynamic"; then
	ok "the status tool was linked with Arch's LDFLAGS (BIND_NOW)"
else
	bad "/usr/bin/vmreserve in the Arch package lacks BIND_NOW: makepkg.conf's LDFLAGS did not reach it"
fi

if [ "$fail" != 0 ]; then
	echo "pkg-tests: FAILED" >&2
	exit 1
fi
echo "pkg-tests: all passed"
