/* SPDX-License-Identifier: MIT */
/*
 * The judge step of status: the report as read (read.h) against the plan,
 * into advice and the counts the exit status comes from. Each judge only
 * reads the report and adds advice; none calls back into the steps above
 * it (status.c calls them in order, with the checks of checks.h and the
 * config drift of conf_drift.h between).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_JUDGE_H
#define VMR_JUDGE_H

#include "report.h"
#include "sysroot.h"

/* Everything status judges before the checks: the record, the plan, the
 * hugepages, the devices, the pins, the IOMMU, other tools' keys, keep. */
void vmr_judge_status(const struct vmr_root *root, struct vmr_report *r);

/*
 * suggest judges a plan nothing has applied yet: only what the host's own
 * keys and interrupt setup do to it (suggest.c adds the rest); "not on
 * vfio-pci" would be no news.
 */
void vmr_judge_suggested(struct vmr_report *r);

/* What the report could not hold or read: named, never silent. */
void vmr_judge_limits(struct vmr_report *r);

/*
 * The exit status from the items: 0 all in effect and no risk (warning or
 * critical advice; notes do not count), 2 none in effect even in part, 1
 * anything between (an item that cannot be judged included).
 */
void vmr_judge_verdict(struct vmr_report *r);

#endif
