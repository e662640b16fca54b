#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tests/prometheus/run.sh BINARY: the monitoring tests (make
# monitoring-tests): the alerting rules of
# modules.d/prometheus/vmreserve-rules.yml under `promtool check rules` and
# `promtool test rules` (rules.test.yml), unit.sh BINARY (the service and
# timer under `systemd-analyze verify`, and their sandbox keeping
# /dev/kmsg), then node-exporter.sh BINARY
# (the shipped unit's command served by a real node_exporter, and the
# symlink attack replayed). promtool and node_exporter come from Debian's
# packages, unpacked under build/tools (tests/fetch-deb-bin.sh); once
# cached, neither root nor the network is needed (root adds the
# unprivileged run and the other-owner directory). Exits 1 when a check
# failed.
set -eu
if [ $# -ne 1 ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(cd "$here/../.." && pwd -P)
promtool=${VMR_PROMTOOL:-$("$top/tests/status/fetch-promtool.sh" "$top/build/tools")}
rc=0
"$promtool" check rules "$top/modules.d/prometheus/vmreserve-rules.yml" || rc=1
# rule_files in the test are relative to it
(cd "$here" && "$promtool" test rules rules.test.yml) || rc=1
"$here/unit.sh" "$1" || rc=1
"$here/node-exporter.sh" "$1" || rc=1
exit $rc
