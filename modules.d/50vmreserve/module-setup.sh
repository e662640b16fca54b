#!/bin/sh
# SPDX-License-Identifier: MIT
#
# dracut module vmreserve: run vmreserve-early at the pre-udev hook, before
# udev autoloads the drivers that would claim the devices reserved for VMs.
# Sourced by dracut; POSIX sh (dracut runs it under bash).

# called by dracut
check() {
    # Only when asked: add_dracutmodules+=" vmreserve " (dracut.conf.d
    # snippet installed with the package) or --add vmreserve.
    return 255
}

# called by dracut
depends() {
    return 0
}

# called by dracut
installkernel() {
    # vfio-pci matches only through driver_override, so udev never autoloads
    # it and hostonly detection never sees it in use: force it (and whatever
    # of its dependencies this kernel has). instmods without -c skips a name
    # the kernel builds in (vfio_virqfd is part of vfio since 6.2) or lacks
    # (Debian's 6.12 has no iommufd), and copies compressed modules (.ko.xz)
    # as the kernel ships them; dependencies come from modules.dep.
    hostonly='' instmods vfio vfio_iommu_type1 vfio_pci vfio_pci_core \
        vfio_virqfd irqbypass iommufd
}

# called by dracut
install() {
    # VMRESERVE_EARLY lets a staged (DESTDIR) build point at its binary.
    _vmr_bin="${VMRESERVE_EARLY:-/usr/lib/vmreserve/vmreserve-early}"
    if [ ! -x "$_vmr_bin" ]; then
        derror "vmreserve: $_vmr_bin not found or not executable"
        unset _vmr_bin
        return 1
    fi
    inst_binary "$_vmr_bin" /usr/lib/vmreserve/vmreserve-early
    unset _vmr_bin
    inst_multiple modprobe
    # /etc/vmreserve.conf (vmreserve.conf(5)), read by the binary before the
    # command line. VMRESERVE_CONF names another file (tests; the same
    # variable as the initramfs-tools hook). Its bytes are copied: the
    # binary never follows a symlink, and the host's file may be one.
    _vmr_conf="${VMRESERVE_CONF:-/etc/vmreserve.conf}"
    # shellcheck disable=SC2154 # initdir: set by dracut
    if [ -e "$_vmr_conf" ] && ! { mkdir -p "$initdir/etc" &&
        cat "$_vmr_conf" >"$initdir/etc/vmreserve.conf"; }; then
        dwarn "vmreserve: cannot copy $_vmr_conf into the initramfs"
    fi
    unset _vmr_conf
    # shellcheck disable=SC2154 # moddir: set by dracut
    inst_hook pre-udev 30 "$moddir/vmreserve-hook.sh"
}
