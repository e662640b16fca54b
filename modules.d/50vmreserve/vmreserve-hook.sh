#!/bin/sh
# SPDX-License-Identifier: MIT
#
# pre-udev hook of the vmreserve dracut module. Sourced by dracut: no exit,
# no return at top level, nothing that can fail the boot, no variables left
# behind. vmreserve-early logs to /dev/kmsg itself ("vmreserve: ...").

# shellcheck source=/dev/null
type getargbool >/dev/null 2>&1 || . /lib/dracut-lib.sh

if getargbool 1 rd.vmreserve; then
    if [ -x /usr/lib/vmreserve/vmreserve-early ]; then
        /usr/lib/vmreserve/vmreserve-early || :
    else
        warn "vmreserve: /usr/lib/vmreserve/vmreserve-early is missing"
    fi
fi
