#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by dracut right before vmreserve's pre-udev hook: record, with shell
# builtins only, every node's hugepage counts and every PCI function's driver
# as the kernel shows them now. Lines:
#   hp NODE PAGE_KB NR_HUGEPAGES
#   pci BDF DRIVER|none
# No exit, nothing that can fail the boot, no variables left behind.
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
} >/run/vmr-test/before 2>/dev/null
unset _vt_h _vt_nr _vt_n _vt_kb _vt_d _vt_drv
