#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fetch-promtool.sh DIR: promtool from Debian's prometheus package, for the
# status tests' `promtool check metrics`. The package is a server with a
# daemon (96 MB installed): only the one binary is unpacked, under DIR
# (build/tools), never installed. Prints promtool's path; a cached one is
# reused. Exits 1, saying why, when the package cannot be fetched.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
tool=$dir/prometheus/usr/bin/promtool
if [ -x "$tool" ]; then
	printf '%s\n' "$tool"
	exit 0
fi
mkdir -p "$dir/debs"
rm -rf "$dir/prometheus"
# apt-get download writes into the current directory.
if ! (cd "$dir/debs" && apt-get download -qq prometheus >&2); then
	echo "$0: cannot download Debian's prometheus package (apt-get update?)" >&2
	exit 1
fi
deb=$(ls -1 "$dir"/debs/prometheus_*.deb | tail -n 1)
dpkg -x "$deb" "$dir/prometheus"
# Keep the one tool; the rest of the server is not needed.
find "$dir/prometheus" -type f ! -path '*/usr/bin/promtool' -delete
[ -x "$tool" ] || { echo "$0: $deb has no usr/bin/promtool" >&2; exit 1; }
rm -f "$deb"
printf '%s\n' "$tool"
