/* SPDX-License-Identifier: MIT */
/*
 * The read step of status: the host (read_host.c) and the early binary's
 * record (read_record.c) into the report, values copied in, nothing kept
 * aside. Judging comes after (judge.h), printing last (report_print.h).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_READ_H
#define VMR_READ_H

#include <stdbool.h>

#include "cmdline.h"
#include "report.h"
#include "sysroot.h"

struct vmr_report_opts {
	const char *sysroot;  /* for libkmod (a path; NULL is /) */
	const char *cmdline;  /* instead of proc/cmdline */
	bool no_kmod;         /* skip host-driver lookups */
	const char *plan;     /* suggest: judge these rd.vmreserve keys; the
				 kernel's own keys still from proc/cmdline */
};

/*
 * Fill r from the root (memset first). Returns 0, or -ENOTDIR when the
 * root has no sys/ or proc/ (not a root at all): problems with single
 * files, /proc/cmdline included, become unknown values and advice, not
 * errors. vmr_report_free() releases the heap arrays (after a read,
 * failed or not).
 */
int vmr_status_read(const struct vmr_root *root,
		    const struct vmr_report_opts *opts, struct vmr_report *r);

/* The record into r->early and r->boot_plan (vmr_status_read's first). */
void vmr_read_record(const struct vmr_root *root, struct vmr_report *r);

/*
 * The host's own plan, built as vmreserve-early builds it (the core's
 * table of plan sources, vmr_plan_load): this boot's recorded parameters
 * when use_record and the record holds them all, else /etc/vmreserve.conf
 * (now) then r->cmdline. Returns where it came from. Call after
 * vmr_status_read() (the record is the one it copied).
 */
const char *vmr_report_host_plan(const struct vmr_root *root,
				 const struct vmr_report *r, bool use_record,
				 struct vmr_plan *plan);

/*
 * The other hugepage settings into r->hp_other (read_sysctl.c): the
 * sysctl.d files systemd-sysctl applies, and the kernel's hugepage keys of
 * r->cmdline (read it first). Bounded; a file it cannot read is skipped.
 */
void vmr_read_hp_other(const struct vmr_root *root, struct vmr_report *r);

/*
 * Of vm.nr_hugepages and vm.nr_hugepages_mempolicy, the one applied last
 * (its count is the pool's), or NULL when neither is set.
 */
const struct vmr_hp_set *vmr_hp_sysctl_last(const struct vmr_hp_set *nr,
					    const struct vmr_hp_set *mp);

#endif
