/* SPDX-License-Identifier: MIT */
/*
 * Expert notes from one table (quirks.c, each row with its source): a
 * mobile 3D controller needs its video BIOS, device families with a known
 * reset problem, chipsets whose interrupt remapping the kernel disables.
 * Used by status (the selected functions) and suggest (the slot's).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_QUIRKS_H
#define VMR_QUIRKS_H

#include <stddef.h>

#include "advice.h"
#include "report.h"

/*
 * Notes for the functions sel (n_sel indexes into r->fn) and, when any,
 * for the host's chipset; a warning only when the host shows the problem.
 */
void vmr_quirks_advise(const struct vmr_report *r, const size_t *sel,
		       size_t n_sel, struct vmr_advice_list *out);

#endif
