/* SPDX-License-Identifier: MIT */
/*
 * Isolation of IOMMU groups (ACS), apart from viability: which slots a
 * group's endpoints sit in and which ports lack ACS isolation, inferred
 * from the groups the kernel made (vmreserve(8), groups). Read step.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_ISOLATION_H
#define VMR_ISOLATION_H

#include "report.h"
#include "sysroot.h"

/* Each function's parent bridge and revision (after the functions are
 * read and sorted). */
void vmr_read_topology(const struct vmr_root *root, struct vmr_report *r);

/* Each group's slots and ports without ACS (after the groups are built). */
void vmr_judge_isolation(struct vmr_report *r);

#endif
