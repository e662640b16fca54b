/* SPDX-License-Identifier: MIT */
/*
 * What a check is given: the host (report, root), the functions judged and
 * where its advice goes. Its own header so that the checks (checks.c) and
 * the steps they call (binders.c) both stand on it, and neither on the
 * other's header.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_CHECK_IN_H
#define VMR_CHECK_IN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "sysroot.h"

struct vmr_check_in {
	const struct vmr_root *root;
	const struct vmr_report *r;
	const size_t *fn;   /* the functions judged: indexes into r->fn */
	size_t n_fn;
	bool planned;       /* suggest: nothing is bound yet */
	/* The hugepage memory the host will hold, in kB (status: what the
	 * kernel has now; suggest: after the suggested keys). */
	uint64_t hp_kb;
	const char *rebuild; /* this host's initramfs rebuild command */
	struct vmr_advice_list *advice; /* where the findings go */
};

#endif
