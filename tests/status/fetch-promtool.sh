#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fetch-promtool.sh DIR: promtool from Debian's prometheus package, for the
# status tests' `promtool check metrics` and the rule tests (the package is
# a server with a daemon, 96 MB installed: only the one binary is
# unpacked, under DIR (build/tools), never installed; see
# tests/fetch-deb-bin.sh). Prints promtool's path.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
exec "$(dirname "$0")/../fetch-deb-bin.sh" prometheus promtool "$1"
