#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fetch-deb-bin.sh PACKAGE BIN DIR: the one program usr/bin/BIN of Debian's
# PACKAGE, unpacked under DIR/PACKAGE (build/tools), never installed: the
# status tests' promtool (from prometheus, a 96 MB server with a daemon)
# and the monitoring test's node_exporter (prometheus-node-exporter).
# Prints the program's path; a cached one is reused. Exits 1, saying why,
# when the package cannot be fetched.
set -eu
[ $# -eq 3 ] || { echo "usage: $0 PACKAGE BIN DIR" >&2; exit 2; }
pkg=$1 name=$2 dir=$3
tool=$dir/$pkg/usr/bin/$name
if [ -x "$tool" ]; then
	printf '%s\n' "$tool"
	exit 0
fi
mkdir -p "$dir/debs"
rm -rf "${dir:?}/$pkg"
# apt-get download writes into the current directory.
if ! (cd "$dir/debs" && apt-get download -qq "$pkg" >&2); then
	echo "$0: cannot download Debian's $pkg package (apt-get update?)" >&2
	exit 1
fi
# shellcheck disable=SC2012 # the one .deb apt-get download wrote
deb=$(ls -1 "$dir/debs/${pkg}_"*.deb | tail -n 1)
dpkg -x "$deb" "$dir/$pkg"
# Keep the one program; the rest of the package is not needed.
find "$dir/$pkg" -type f ! -path "*/usr/bin/$name" -delete
[ -x "$tool" ] || { echo "$0: $deb has no usr/bin/$name" >&2; exit 1; }
rm -f "$deb"
printf '%s\n' "$tool"
