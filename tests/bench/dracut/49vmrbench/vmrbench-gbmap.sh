#!/bin/sh
# SPDX-License-Identifier: MIT
# With vmrbench.gbmap=1: what sits in each node's 1 GiB ranges when the
# pre-udev hooks start (kept in /run, which survives switch_root).
# shellcheck source=/dev/null
type getargbool >/dev/null 2>&1 || . /lib/dracut-lib.sh
if getargbool 0 vmrbench.gbmap && [ -x /usr/bin/vmrbench-mem ]; then
    mkdir -p /run/vmrbench
    for vmrbench_n in /sys/devices/system/node/node[0-9]*; do
        /usr/bin/vmrbench-mem gbmap "${vmrbench_n##*node}" \
            >>/run/vmrbench/gbmap-pre-udev.txt 2>&1 || :
    done
    unset vmrbench_n
fi
