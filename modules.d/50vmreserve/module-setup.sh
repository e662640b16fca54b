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

# _vmr_image: source image.sh, what goes into the image (the vfio modules,
# the config-copy rule), shared with the initramfs-tools hook; make install
# writes its path here. VMRESERVE_IMAGE_SH lets a staged (DESTDIR) build
# point at its copy. Missing, it is an error that does not stop dracut
# (which ignores install()'s status): the image is built without vmreserve,
# as for a missing binary.
_vmr_image() {
    _vmr_sh="${VMRESERVE_IMAGE_SH:-/usr/lib/vmreserve/image.sh}"
    if [ ! -r "$_vmr_sh" ]; then
        derror "vmreserve: $_vmr_sh not found: $1 not added to the initramfs"
        unset _vmr_sh
        return 1
    fi
    # shellcheck source=modules.d/image.sh
    . "$_vmr_sh"
    unset _vmr_sh
}

# called by dracut
installkernel() {
    # The vfio modules image.sh names. instmods without -c skips a name the
    # kernel builds in or lacks, and copies compressed modules as the
    # kernel ships them; hostonly='': hostonly detection never sees them
    # in use. Returns 0 without image.sh (_vmr_image said so): dracut
    # stops on a failed installkernel.
    _vmr_image "the vfio modules" || return 0
    # shellcheck disable=SC2086 # a list of names
    hostonly='' instmods $VMR_IMAGE_VFIO_MODULES
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
    if ! _vmr_image vmreserve; then
        unset _vmr_bin
        return 1
    fi
    inst_binary "$_vmr_bin" /usr/lib/vmreserve/vmreserve-early
    unset _vmr_bin
    inst_multiple modprobe
    # /etc/vmreserve.conf (vmreserve.conf(5)), read by the binary before the
    # command line, by image.sh's one rule (VMRESERVE_CONF: another file,
    # for tests).
    # shellcheck disable=SC2154 # initdir: set by dracut
    vmr_image_conf "$initdir" dwarn
    # shellcheck disable=SC2154 # moddir: set by dracut
    inst_hook pre-udev 30 "$moddir/vmreserve-hook.sh"
}
