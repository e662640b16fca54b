#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot-test-only (mkinitcpio, systemd flavour): hooks/vmrtest's early hook
# as a unit's command (vmrtest-before.service).
# shellcheck source=tests/boot/mkinitcpio/hooks/vmrtest
. /usr/lib/vmr-test/vmrtest-hook
run_earlyhook
