#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by dracut at pre-udev 28, before vmreserve's hook (30). With
# vmr.test.modules_first on the kernel command line, wait (at most 60 s) for
# systemd-modules-load.service to finish, so the drivers rd.modules_load=
# names are bound when vmreserve-early runs: a case's precondition made
# certain, not a race hidden (systemd does not order that service against
# dracut-pre-udev.service; TEST-14 keeps them racing). No exit.
# shellcheck source=/dev/null
type getargbool >/dev/null 2>&1 || . /lib/dracut-lib.sh
if getargbool 0 vmr.test.modules_first; then
    _vt_i=0
    while [ "$_vt_i" -lt 600 ] && ! systemctl -q is-active systemd-modules-load.service; do
        sleep 0.1
        _vt_i=$((_vt_i + 1))
    done
    echo "vmrtest: systemd-modules-load.service $(systemctl is-active systemd-modules-load.service) after ${_vt_i}00 ms" >/dev/kmsg
    unset _vt_i
fi
