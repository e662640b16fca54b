/* SPDX-License-Identifier: MIT */
/*
 * What the host cannot spare: the rules suggest and status share for a
 * member outside the plan that blocks an IOMMU group, before either
 * proposes "select it too". One rule, written once (suggest.c
 * advise_block, judge_pci.c advise_group).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_SPARE_H
#define VMR_SPARE_H

#include <stdbool.h>

#include "report.h"

/* Is m a display the host keeps as its only one (the plan selects every
 * other)? */
bool vmr_host_only_display(const struct vmr_report *r, const struct vmr_fn *m);

/* Is m the host's display: the boot VGA device, or its only display?
 * Never proposed: the host's console would go with the VM's GPU. */
bool vmr_host_display(const struct vmr_report *r, const struct vmr_fn *m);

/* Is m a storage controller (class 0x01) on a host driver? Never
 * proposed: the host may boot from it. */
bool vmr_host_storage(const struct vmr_fn *m);

#endif
