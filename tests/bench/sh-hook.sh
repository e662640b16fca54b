#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The benchmark's comparison hook: the same job as vmreserve-early, done the
# way people do it today, in plain POSIX sh. `make bench` builds an "sh"
# initramfs in which this file replaces modules.d/50vmreserve's
# vmreserve-hook.sh (same place, same pre-udev priority, same command line).
#
# It reads the same keys with dracut's getargs, loops over
# /sys/bus/pci/devices reading vendor/device, writes driver_override (and
# unbinds a driver that already holds the device), runs `modprobe -i
# vfio-pci`, probes, and writes the per-node nr_hugepages. Like most such
# scripts it does no safety checks (bridges, IOMMU, keep margin) and does
# not read back what it got: it is the lower bound of a shell hook's work.
#
# Sourced by dracut: no exit, no return at top level. The kernel's own work
# (the nr_hugepages writes, the module load) is bracketed by "vmrbench: sh"
# markers in the kernel log, so the bench can split it from the hook's
# overhead, as it does with vmreserve-early's time.hugepages_us and
# time.modprobe_us.

# shellcheck source=/dev/null
type getargs >/dev/null 2>&1 || . /lib/dracut-lib.sh

# A selector against one device: VVVV:DDDD, [DDDD:]BB:SS.F or [DDDD:]BB:SS.
vmrsh_match() { # $1 selector, $2 BDF (0000:01:00.0), $3 VVVV:DDDD
    case $1 in
    ????:????) [ "$1" = "$3" ] ;;
    ????:??:??.?) [ "$1" = "$2" ] ;;
    ??:??.?) [ "0000:$1" = "$2" ] ;;
    ????:??:??) [ "$1" = "${2%.?}" ] ;;
    ??:??) [ "0000:$1" = "${2%.?}" ] ;;
    *) return 1 ;;
    esac
}

# A comma list as words (no tr: the initramfs may not have it).
vmrsh_words() {
    vmrsh_in=$1
    vmrsh_out=
    while [ -n "$vmrsh_in" ]; do
        case $vmrsh_in in
        *,*) vmrsh_out="$vmrsh_out ${vmrsh_in%%,*}" vmrsh_in=${vmrsh_in#*,} ;;
        *) vmrsh_out="$vmrsh_out $vmrsh_in" vmrsh_in= ;;
        esac
    done
    echo "$vmrsh_out"
}

# NODE:AMOUNT[:PAGESIZE] to nr_hugepages writes.
vmrsh_hugepages() {
    for vmrsh_e in $(vmrsh_words "$1"); do
        vmrsh_node=${vmrsh_e%%:*}
        vmrsh_rest=${vmrsh_e#*:}
        vmrsh_amount=${vmrsh_rest%%:*}
        vmrsh_kb=2048
        case $vmrsh_rest in
        *:1G | *:1g) vmrsh_kb=1048576 ;;
        esac
        case $vmrsh_amount in
        *[Gg]) vmrsh_pages=$(((${vmrsh_amount%?} * 1048576 + vmrsh_kb - 1) / vmrsh_kb)) ;;
        *[Mm]) vmrsh_pages=$(((${vmrsh_amount%?} * 1024 + vmrsh_kb - 1) / vmrsh_kb)) ;;
        *) vmrsh_pages=$vmrsh_amount ;;
        esac
        echo "vmrbench: sh hugepages start" >/dev/kmsg
        echo "$vmrsh_pages" >"/sys/devices/system/node/node$vmrsh_node/hugepages/hugepages-${vmrsh_kb}kB/nr_hugepages" 2>/dev/null
        echo "vmrbench: sh hugepages end" >/dev/kmsg
    done
}

if getargbool 1 rd.vmreserve; then
    vmrsh_sels=$(vmrsh_words "$(getargs rd.vmreserve.pci=)")
    for vmrsh_hp in $(getargs rd.vmreserve.hugepages=); do
        vmrsh_hugepages "$vmrsh_hp"
    done
    vmrsh_taken=
    for vmrsh_d in /sys/bus/pci/devices/*; do
        [ -n "$vmrsh_sels" ] || break
        vmrsh_bdf=${vmrsh_d##*/}
        read -r vmrsh_ven <"$vmrsh_d/vendor"
        read -r vmrsh_dev <"$vmrsh_d/device"
        for vmrsh_s in $vmrsh_sels; do
            vmrsh_match "$vmrsh_s" "$vmrsh_bdf" "${vmrsh_ven#0x}:${vmrsh_dev#0x}" || continue
            echo vfio-pci >"$vmrsh_d/driver_override"
            [ -e "$vmrsh_d/driver" ] && echo "$vmrsh_bdf" >"$vmrsh_d/driver/unbind"
            vmrsh_taken="$vmrsh_taken $vmrsh_bdf"
            break
        done
    done
    if [ -n "$vmrsh_taken" ]; then
        echo "vmrbench: sh modprobe start" >/dev/kmsg
        modprobe -i vfio-pci
        echo "vmrbench: sh modprobe end" >/dev/kmsg
        for vmrsh_bdf in $vmrsh_taken; do
            echo "$vmrsh_bdf" >/sys/bus/pci/drivers_probe 2>/dev/null
        done
    fi
fi
unset vmrsh_sels vmrsh_hp vmrsh_taken vmrsh_d vmrsh_bdf vmrsh_ven vmrsh_dev \
    vmrsh_s vmrsh_e vmrsh_node vmrsh_rest vmrsh_amount vmrsh_kb vmrsh_pages \
    vmrsh_in vmrsh_out
unset -f vmrsh_match vmrsh_words vmrsh_hugepages
