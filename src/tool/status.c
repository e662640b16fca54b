/* SPDX-License-Identifier: MIT */
/*
 * The order of the steps (status.h). Each step fills its part of the
 * report and adds its advice; the advice order is the order here.
 */
#include "status.h"

#include "checks.h"
#include "conf_drift.h"
#include "judge.h"
#include "quirks.h"

int vmr_status_build(const struct vmr_root *root,
		     const struct vmr_report_opts *opts, struct vmr_report *r)
{
	int err = vmr_status_read(root, opts, r);

	if (err < 0)
		return err;
	if (r->plan_from == VMR_PLAN_SUGGEST) {
		vmr_judge_suggested(r);
		vmr_judge_limits(r);
		return 0;
	}
	vmr_judge_status(root, r);
	if (!r->plan.disabled)
		vmr_checks_status(root, r);
	vmr_quirks_advise(r, r->selected, r->n_selected, &r->advice);
	vmr_judge_limits(r);
	vmr_conf_judge(root, r);
	vmr_judge_verdict(r);
	return 0;
}
