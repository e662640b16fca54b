#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Boot-test-only dracut module (never shipped): at pre-udev priority 29,
# right before vmreserve's hook (30), it writes what the kernel shows then to
# /run/vmr-test/before, so a check can compare the end state with the state
# vmreserve-early started from without taking that from vmreserve's own
# record; at 28, with vmr.test.modules_first, it first waits for
# systemd-modules-load.service (a case's precondition: the rd.modules_load=
# drivers bound before the hook). tests/boot/run.sh adds it
# (build-initramfs.sh VMR_DRACUT_EXTRA).

check() {
    return 255
}

depends() {
    return 0
}

# shellcheck disable=SC2154 # moddir is set by dracut
install() {
    inst_hook pre-udev 28 "$moddir/vmrtest-modules-first.sh"
    inst_hook pre-udev 29 "$moddir/vmrtest-before.sh"
    inst_multiple -o systemctl sleep tr
}
