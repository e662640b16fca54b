/* SPDX-License-Identifier: MIT */
/*
 * The PCI part of the judging (judge_pci.c), called by judge.c: each
 * selected function, its group, selectors that matched nothing, pins.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_JUDGE_PCI_H
#define VMR_JUDGE_PCI_H

#include "report.h"
#include "sysroot.h"

void vmr_judge_devices(const struct vmr_root *root, struct vmr_report *r);
void vmr_judge_pins(struct vmr_report *r);

#endif
