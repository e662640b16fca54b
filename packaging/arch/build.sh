#!/bin/bash
# SPDX-License-Identifier: MIT
#
# packaging/arch/build.sh TARBALL OUTDIR: the Arch package of
# packaging/arch/PKGBUILD from `make dist`'s tarball, with makepkg --nodeps
# (Debian's makepkg: the dependencies are Arch's names, which no pacman
# database here knows) and packaging/arch/makepkg.conf (Arch's flags). The
# PKGBUILD is copied next to the tarball with its real sha256 filled in, so
# makepkg checks the tarball. OUTDIR is emptied first; the package lands
# in OUTDIR/. makepkg refuses to run as root: as root it runs as nobody in
# a private directory under /tmp (the checkout may not be reachable by
# nobody), and the package is copied back.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 TARBALL OUTDIR" >&2; exit 2; }
for t in makepkg bsdtar fakeroot; do
	command -v "$t" >/dev/null || {
		echo "error: $t not found: install the Debian packages makepkg, libarchive-tools, fakeroot" >&2
		exit 1
	}
done
here=$(dirname "$(realpath "$0")")
tarball=$(realpath "$1")
out=$(realpath -m "$2")

rm -rf "$out"
mkdir -p "$out"
if [ "$(id -u)" = 0 ]; then
	work=$(mktemp -d /tmp/vmreserve-makepkg.XXXXXX)
	trap 'rm -rf "$work"' EXIT
else
	work=$out/work
	mkdir -p "$work"
fi
mkdir -p "$work/build" "$work/home"
cp "$tarball" "$here/makepkg.conf" "$work/build/"
sum=$(sha256sum "$tarball" | cut -d' ' -f1)
grep -qx "sha256sums=('SKIP')" "$here/PKGBUILD" || {
	echo "error: $here/PKGBUILD: no sha256sums=('SKIP') line to fill" >&2; exit 1; }
sed "s/^sha256sums=('SKIP')\$/sha256sums=('$sum')/" "$here/PKGBUILD" >"$work/build/PKGBUILD"

run=()
if [ "$(id -u)" = 0 ]; then
	chown -R nobody:nogroup "$work"
	run=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
# A clean environment: makepkg exports the flags of its configuration;
# nothing of the caller's (CFLAGS, MAKEFLAGS, ...) leaks into the build.
(cd "$work/build" && "${run[@]}" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME="$work/home" LC_ALL=C.UTF-8 \
	makepkg --nodeps --cleanbuild --force --noconfirm --config "$work/build/makepkg.conf")
cp "$work/build/PKGBUILD" "$out/"
cp "$work"/build/vmreserve-*.pkg.tar.* "$out/"
ls "$out"/vmreserve-*.pkg.tar.*
