/* SPDX-License-Identifier: MIT */
/*
 * `vmreserve status` as steps: read (read.h), judge (judge.h), the checks
 * (checks.h), the config drift (conf_drift.h), the verdict; the printers
 * (report_print.h) take the result. suggest builds its report here too,
 * with its proposed keys as the plan.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_STATUS_H
#define VMR_STATUS_H

#include "read.h"
#include "report.h"
#include "sysroot.h"

/*
 * Fill r: vmr_status_read(), then the judging. Returns 0 or the read's
 * error; vmr_report_free() after either.
 */
int vmr_status_build(const struct vmr_root *root,
		     const struct vmr_report_opts *opts, struct vmr_report *r);

#endif
