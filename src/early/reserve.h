/* SPDX-License-Identifier: MIT */
/*
 * Reserving hugepages per node (early binary only).
 */
#ifndef VMR_RESERVE_H
#define VMR_RESERVE_H

#include <stdbool.h>

#include "hp_plan.h"
#include "sysroot.h"

/*
 * Apply every request of plan in a safe order (emptying first, then large
 * pages before small ones, while memory is still contiguous); results are
 * stored at the index of the request. Logs each outcome.
 */
void vmr_hugepages_apply(const struct vmr_root *root,
			 const struct vmr_plan *plan,
			 struct vmr_hp_result res[VMR_MAX_HP], bool dry_run);

#endif
