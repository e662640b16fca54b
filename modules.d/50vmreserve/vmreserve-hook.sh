#!/bin/sh
# SPDX-License-Identifier: MIT
#
# pre-udev hook of the vmreserve dracut module. Sourced by dracut: no exit,
# no return at top level, nothing that can fail the boot, no variables left
# behind. vmreserve-early logs to /dev/kmsg itself ("vmreserve: ...").
#
# The binary is the one owner of the keys: it reads /etc/cmdline.d, /etc/cmdline,
# /proc/cmdline and /run/initramfs/cmdline.d in dracut's getcmdline() order
# and knows rd.vmreserve=0/no/off/false
# itself (getargbool would miss "false"), logging and recording "disabled".
# So the hook does not look at the command line at all.

# shellcheck source=/dev/null
type warn >/dev/null 2>&1 || . /lib/dracut-lib.sh

if [ -x /usr/lib/vmreserve/vmreserve-early ]; then
    /usr/lib/vmreserve/vmreserve-early || :
else
    warn "vmreserve: /usr/lib/vmreserve/vmreserve-early is missing"
fi
