#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by dracut at pre-udev 28, before vmreserve's hook (30). With
# vmr.test.modules_first on the kernel command line, make the drivers that
# rd.modules_load= names bound when vmreserve-early runs: a case's
# precondition made certain, not a race hidden (systemd does not order
# systemd-modules-load.service against dracut-pre-udev.service; TEST-14 keeps
# them racing). Under systemd: wait (at most 60 s) for that service. Without
# systemd (dracut's shell init has no systemd-modules-load): load the list
# here, as that service would. No exit.
# shellcheck source=/dev/null
type getargbool >/dev/null 2>&1 || . /lib/dracut-lib.sh
if getargbool 0 vmr.test.modules_first; then
    if [ -d /run/systemd/system ]; then
        _vt_i=0
        while [ "$_vt_i" -lt 600 ] && ! systemctl -q is-active systemd-modules-load.service; do
            sleep 0.1
            _vt_i=$((_vt_i + 1))
        done
        echo "vmrtest: systemd-modules-load.service $(systemctl is-active systemd-modules-load.service) after ${_vt_i}00 ms" >/dev/kmsg
    else
        for _vt_m in $(getargs rd.modules_load= | tr , ' '); do
            if modprobe "$_vt_m"; then
                echo "vmrtest: $_vt_m loaded before vmreserve (no systemd)" >/dev/kmsg
            else
                echo "vmrtest: $_vt_m modprobe failed" >/dev/kmsg
            fi
        done
    fi
    unset _vt_i _vt_m
fi
