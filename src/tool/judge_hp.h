/* SPDX-License-Identifier: MIT */
/*
 * The hugepage part of the judging (judge_hp.c), called by judge.c: each
 * asked row against what the kernel holds now, and the keep margin.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_JUDGE_HP_H
#define VMR_JUDGE_HP_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"

void vmr_judge_hugepages(struct vmr_report *r);
void vmr_judge_keep(struct vmr_report *r);

/* What vmreserve will hold on a node in one page size. */
struct vmr_hp_want {
	unsigned node;
	uint64_t page_kb, pages;
};

/*
 * The other hugepage settings (r->hp_other: sysctl.d's vm.nr_hugepages,
 * the kernel's hugepages=) against what vmreserve reserves (w, n of
 * them): a warning when they undo it or reserve on top, into out. status
 * calls it from vmr_judge_hugepages with the plan; suggest with its keys.
 */
void vmr_judge_hp_other(const struct vmr_report *r,
			const struct vmr_hp_want *w, size_t n,
			struct vmr_advice_list *out);

#endif
