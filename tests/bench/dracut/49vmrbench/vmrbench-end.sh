#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by dracut right after the pre-udev hook under test.
echo "vmrbench: hook end" >/dev/kmsg
