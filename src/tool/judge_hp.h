/* SPDX-License-Identifier: MIT */
/*
 * The hugepage part of the judging (judge_hp.c), called by judge.c: each
 * asked row against what the kernel holds now, and the keep margin.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_JUDGE_HP_H
#define VMR_JUDGE_HP_H

#include "report.h"

void vmr_judge_hugepages(struct vmr_report *r);
void vmr_judge_keep(struct vmr_report *r);

#endif
