#!/bin/sh
# SPDX-License-Identifier: MIT
#
# packaging/dist.sh VERSION OUTDIR: the release tarball
# OUTDIR/vmreserve-VERSION.tar.gz, every file under vmreserve-VERSION/.
# In a git checkout: `git archive` of the tracked files as they are in the
# work tree (a clean tree gives HEAD's archive: the same bytes on every
# run, which the PKGBUILD's checksum relies on); elsewhere (an unpacked
# tarball) the tree without build/.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 VERSION OUTDIR" >&2; exit 2; }
version=$1
out=$2
case $version in
'' | *[!0-9A-Za-z.~+_-]*) echo "error: bad version '$version' (src/core/version.h)" >&2; exit 1 ;;
esac
name=vmreserve-$version
tarball=$out/$name.tar.gz
mkdir -p "$out"
rm -f "$tarball.tmp"

if [ -e .git ] && git rev-parse --verify -q HEAD >/dev/null; then
	# Uncommitted changes to tracked files go in (a developer's `make rpm`
	# builds what they see); `git stash create` makes a commit object of
	# them and changes nothing else (untracked files stay out).
	rev=$(GIT_AUTHOR_NAME=dist GIT_AUTHOR_EMAIL=dist@invalid \
		GIT_COMMITTER_NAME=dist GIT_COMMITTER_EMAIL=dist@invalid git stash create)
	if [ -n "$rev" ]; then
		echo "note: $tarball holds uncommitted changes to tracked files" >&2
	else
		rev=HEAD
	fi
	git archive --format=tar.gz --prefix="$name/" -o "$tarball.tmp" "$rev"
else
	tar --exclude=./build --exclude=./.git --sort=name --owner=0 --group=0 \
		--numeric-owner --transform "s|^\\.|$name|" -cf - . | gzip -n >"$tarball.tmp"
fi
mv -f "$tarball.tmp" "$tarball"
echo "$tarball"
