/* SPDX-License-Identifier: MIT */
/*
 * Checks no other tool makes, for what breaks pass-through on real hosts
 * (vmreserve(8), CHECKS): a boot framebuffer inside a device's BAR, a host
 * driver that can win the race to the device, other tools binding the same
 * devices, the ZFS ARC beside the hugepages, and what would get 1G pages
 * that fell short. Each finding is an advice with a level and a fix that
 * names the parameter or file. Used by status (the selected functions, after
 * boot) and by suggest (the slot it proposes, nothing bound yet).
 *
 * Host-only (the status tool). Files that are absent are no finding; they
 * are read under the root handle like everything else.
 */
#ifndef VMR_CHECKS_H
#define VMR_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check_in.h"
#include "report.h"
#include "sysroot.h"

/*
 * The checks on the selected functions, after the report's own judgement
 * (status: a step of status.c). See vmreserve(8), CHECKS.
 */
void vmr_checks_status(const struct vmr_root *root, struct vmr_report *r);

/* Every check, on in->fn. */
void vmr_checks_run(const struct vmr_check_in *in);

/* The boot framebuffer check alone (check-domain: a hostdev's BARs). */
void vmr_checks_fb(const struct vmr_check_in *in);

/* Parts, exposed for the tests of their parsers. */
/* "6.1.0-13-amd64" -> 6 * 1000 + 1; 0 when it does not parse. */
unsigned vmr_kver_num(const char *release);

#endif
