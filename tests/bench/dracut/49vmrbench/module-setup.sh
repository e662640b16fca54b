#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Benchmark-only dracut module (never shipped): brackets the pre-udev hook
# at priority 30 (vmreserve's, or the shell hook that replaces it in the
# bench's "sh" image) with kernel-log markers at 29 and 31, so both hooks
# are timed by the same clock (the printk timestamps), and with
# vmrbench.gbmap=1 maps node memory by 1 GiB range before either runs.

check() {
    return 255
}

depends() {
    return 0
}

# shellcheck disable=SC2154 # moddir is set by dracut
install() {
    inst_hook pre-udev 28 "$moddir/vmrbench-gbmap.sh"
    inst_hook pre-udev 29 "$moddir/vmrbench-start.sh"
    inst_hook pre-udev 31 "$moddir/vmrbench-end.sh"
    # tests/bench/run.sh puts the static vmrbench-mem next to this file
    if [ -x "$moddir/vmrbench-mem" ]; then
        inst_simple "$moddir/vmrbench-mem" /usr/bin/vmrbench-mem
    fi
}
