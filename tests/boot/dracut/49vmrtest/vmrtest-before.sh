#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by dracut right before vmreserve's pre-udev hook: record, with shell
# builtins only, every node's hugepage counts, every PCI function's driver and
# every node's MemTotal and MemFree as the kernel shows them now (memory last:
# it is what moves, and vmreserve-early reads it next). Lines:
#   hp NODE PAGE_KB NR_HUGEPAGES
#   pci BDF DRIVER|none
#   mem NODE MEMTOTAL_KB MEMFREE_KB
#   end
# "end" is written last: a check can tell a complete snapshot from a missing
# or cut one (tests/boot/lib/check-lib.sh). The initramfs-tools test script
# sources this file too. No exit, nothing that can fail the boot, no
# variables left behind.
mkdir -p /run/vmr-test
{
    for _vt_h in /sys/devices/system/node/node[0-9]*/hugepages/hugepages-*kB; do
        [ -r "$_vt_h/nr_hugepages" ] || continue
        read -r _vt_nr <"$_vt_h/nr_hugepages" || _vt_nr='?'
        _vt_n=${_vt_h%/hugepages/*}
        _vt_kb=${_vt_h##*/hugepages-}
        echo "hp ${_vt_n##*/node} ${_vt_kb%kB} $_vt_nr"
    done
    for _vt_d in /sys/bus/pci/devices/*; do
        _vt_drv=none
        if [ -L "$_vt_d/driver" ]; then
            _vt_drv=$(readlink "$_vt_d/driver")
            _vt_drv=${_vt_drv##*/}
        fi
        echo "pci ${_vt_d##*/} $_vt_drv"
    done
    for _vt_n in /sys/devices/system/node/node[0-9]*; do
        _vt_tot='?'
        _vt_free='?'
        # "Node 0 MemTotal:       2029876 kB"
        while read -r _vt_a _vt_b _vt_k _vt_v _vt_u; do
            case $_vt_k in
            MemTotal:) _vt_tot=$_vt_v ;;
            MemFree:) _vt_free=$_vt_v ;;
            esac
        done <"$_vt_n/meminfo"
        echo "mem ${_vt_n##*/node} $_vt_tot $_vt_free"
    done
    echo end
} >/run/vmr-test/before 2>/dev/null
unset _vt_h _vt_nr _vt_n _vt_kb _vt_d _vt_drv _vt_tot _vt_free _vt_a _vt_b _vt_k _vt_v _vt_u
