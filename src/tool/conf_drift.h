/* SPDX-License-Identifier: MIT */
/*
 * /etc/vmreserve.conf in the status report (conf_drift.c): the copy the
 * initramfs held at boot against the host's file now, into r->conf and
 * advice. A step of status after the judging (status.c).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_CONF_DRIFT_H
#define VMR_CONF_DRIFT_H

#include "report.h"
#include "sysroot.h"

void vmr_conf_judge(const struct vmr_root *root, struct vmr_report *r);

#endif
