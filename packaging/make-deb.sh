#!/bin/bash
# SPDX-License-Identifier: MIT
# `make deb`: the Debian packages, built in a staging copy of the tree with
# packaging/debian as debian/ (the top of the tree has no debian/, which a
# distribution keeps for its own). No network.
#   packaging/make-deb.sh OUTDIR [DEB_VERSION]
# OUTDIR (build/deb) gets the staging copy OUTDIR/vmreserve-UPSTREAM/ and
# the .deb, .buildinfo and .changes files; an earlier build's are removed
# first, so OUTDIR holds one build. DEB_VERSION (e.g. 0.1.0-2) builds that
# version: an entry for it is put on top of the staged changelog (the
# upgrade test builds two versions this way).
set -euo pipefail

out=${1:?usage: $0 OUTDIR [DEB_VERSION]}
want=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

for t in dpkg-buildpackage dpkg-parsechangelog dh; do
	command -v "$t" >/dev/null 2>&1 || {
		echo "error: $t not found: apt-get install dpkg-dev debhelper (initrd/install-deps.sh all)" >&2
		exit 1
	}
done

upstream=$(sed -n 's/^#define VMR_VERSION "\(.*\)"$/\1/p' src/core/version.h)
[ -n "$upstream" ] || { echo "error: no VMR_VERSION in src/core/version.h" >&2; exit 1; }
# the changelog follows src/core/version.h: one version, one place to set it
have=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
case $have in
"$upstream"-*) ;;
*)
	echo "error: packaging/debian/changelog is at $have, src/core/version.h at $upstream: add a changelog entry" >&2
	exit 1
	;;
esac
if [ -n "$want" ]; then
	case $want in
	"$upstream"-[0-9]*) ;;
	*)
		echo "error: DEB_VERSION=$want: want $upstream-REVISION (src/core/version.h is at $upstream)" >&2
		exit 1
		;;
	esac
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$out/vmreserve-$upstream
rm -rf "$stage"
rm -f "$out"/vmreserve*_*.deb "$out"/vmreserve_*.buildinfo "$out"/vmreserve_*.changes
mkdir "$stage"

# The tree's files: git's (tracked, and new ones not ignored) in a clone,
# else everything but build/ and .git.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -xf - -C "$stage"
else
	tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$stage"
fi
rm -rf "$stage/debian"
cp -a packaging/debian "$stage/debian"

if [ -n "$want" ] && [ "$want" != "$have" ]; then
	chlog=$stage/debian/changelog
	{
		printf 'vmreserve (%s) unstable; urgency=medium\n\n' "$want"
		printf '  * Version %s, built by make deb DEB_VERSION=%s.\n\n' "$want" "$want"
		printf ' -- %s  %s\n\n' "$(dpkg-parsechangelog -l "$chlog" -S Maintainer)" \
			"$(dpkg-parsechangelog -l "$chlog" -S Date)"
		cat "$chlog"
	} >"$chlog.new"
	mv "$chlog.new" "$chlog"
fi

cd "$stage"
# Rules-Requires-Root: no: neither root nor fakeroot needed, and root works
dpkg-buildpackage -us -uc -b
ls -l "$out"/*.deb
