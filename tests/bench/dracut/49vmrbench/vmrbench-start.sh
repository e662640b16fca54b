#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by dracut right before the pre-udev hook under test.
echo "vmrbench: hook start" >/dev/kmsg
