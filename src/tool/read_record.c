/* SPDX-License-Identifier: MIT */
/*
 * The early binary's record (/run/vmreserve/state) into the report: loaded
 * once, checked against the schema (vmr_record_load), and every value the
 * judging needs copied into r->early, so nothing later reads the record
 * itself. Also the plan the record holds, rebuilt with the same parser,
 * and the host's plan as vmreserve-early builds it (the core's table of
 * plan sources).
 */
#include "read.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline_src.h"
#include "read_kmsg.h"
#include "record.h"

/* A value as written, "" when the record does not have it. */
static const char *rec_str(const struct vmr_record *rec, enum vmr_rk k,
			   size_t idx)
{
	const struct vmr_rval *v = vmr_rec(rec, k, idx);

	return v->seen ? v->str : "";
}

static void copy_devs(const struct vmr_record *rec, struct vmr_early_rec *e)
{
	uint64_t n = vmr_rec(rec, VMR_K_DEV_COUNT, 0)->u;

	for (size_t i = 0; i < n && i < VMR_MAX_DEV; i++) {
		struct vmr_rec_dev *d = &e->dev[e->n_dev++];

		snprintf(d->addr, sizeof(d->addr), "%s",
			 rec_str(rec, VMR_K_DEV_ADDR, i));
		snprintf(d->status, sizeof(d->status), "%s",
			 rec_str(rec, VMR_K_DEV_STATUS, i));
		snprintf(d->why, sizeof(d->why), "%s",
			 rec_str(rec, VMR_K_DEV_WHY, i));
		snprintf(d->before, sizeof(d->before), "%s",
			 rec_str(rec, VMR_K_DEV_DRIVER_BEFORE, i));
	}
}

static void copy_hp(const struct vmr_record *rec, struct vmr_early_rec *e)
{
	uint64_t n = vmr_rec(rec, VMR_K_HP_COUNT, 0)->u;

	for (size_t i = 0; i < n && i < VMR_MAX_HP; i++) {
		const struct vmr_rval *nd = vmr_rec(rec, VMR_K_HP_NODE, i);
		const struct vmr_rval *pk = vmr_rec(rec, VMR_K_HP_PAGE_KB, i);
		const struct vmr_rval *t = vmr_rec(rec, VMR_K_HP_TARGET, i);
		const struct vmr_rval *fk = vmr_rec(rec, VMR_K_HP_FREE_KB, i);
		const struct vmr_rval *bf = vmr_rec(rec, VMR_K_HP_BEFORE, i);
		struct vmr_rec_hp *h = &e->hp[e->n_hp++];

		h->known = nd->known && pk->known && nd->u <= UINT32_MAX;
		h->node = (unsigned)nd->u;
		h->page_kb = pk->u;
		h->target_seen = t->seen;
		h->target_known = t->known;
		h->target = t->u;
		snprintf(h->status, sizeof(h->status), "%s",
			 rec_str(rec, VMR_K_HP_STATUS, i));
		h->measured = fk->known && bf->known;
		h->free_kb = fk->u;
		h->before = bf->u;
	}
}

/*
 * A recorded parameter back into the plan, with the parser that read it:
 * a line of the config file ("/etc/vmreserve.conf:LINE") as one, anything
 * else ("/etc/cmdline.d", ..., or what this tool does not know) as
 * command-line text.
 */
static void record_arg(struct vmr_plan *plan, const char *text,
		       const char *source)
{
	struct vmr_from from = { VMR_SRC_PROC, 0 };

	vmr_from_parse(source, &from);
	if (from.src == VMR_SRC_CONF)
		vmr_plan_add_conf(plan, text, from.line);
	else
		vmr_plan_add(plan, text, from.src);
}

/*
 * What was asked at boot is in the record: the parameters the early binary
 * read (from the initramfs' own files too), rebuilt into a plan with the
 * same parser. False when the record does not hold them all (an older
 * writer, a bad or missing arg.N line): then /proc/cmdline.
 */
static bool plan_from_record(const struct vmr_record *rec,
			     const struct vmr_early_rec *e,
			     struct vmr_plan *plan)
{
	const struct vmr_rval *c = vmr_rec(rec, VMR_K_ARG_COUNT, 0);

	/* Another format's keys may mean other things: not trusted. */
	if (!c->known || c->u > VMR_MAX_ARGS ||
	    e->version != VMR_STATE_VERSION)
		return false;
	for (size_t i = 0; i < c->u; i++)
		if (!vmr_rec(rec, VMR_K_ARG, i)->seen)
			return false;
	vmr_plan_init(plan);
	for (size_t i = 0; i < c->u; i++)
		record_arg(plan, rec_str(rec, VMR_K_ARG, i),
			   rec_str(rec, VMR_K_ARG_SOURCE, i));
	plan->n_args_lost += vmr_rec(rec, VMR_K_ARG_LOST, 0)->u;
	return true;
}

static void copy_record(const struct vmr_record *rec, struct vmr_report *r)
{
	struct vmr_early_rec *e = &r->early;
	const struct vmr_rval *v = vmr_rec(rec, VMR_K_VERSION, 0);

	e->version = v->known && v->u <= UINT32_MAX ? (unsigned)v->u : 0;
	snprintf(e->writer, sizeof(e->writer), "%s",
		 rec_str(rec, VMR_K_WRITER, 0));
	snprintf(e->result, sizeof(e->result), "%s",
		 rec_str(rec, VMR_K_RESULT, 0));
	v = vmr_rec(rec, VMR_K_EXIT, 0);
	e->exit_known = v->known && v->s >= 0 && v->s <= 255;
	e->exit = e->exit_known ? (int)v->s : -1;
	v = vmr_rec(rec, VMR_K_TIME_TOTAL, 0);
	e->total_known = v->known;
	e->total_us = v->u;
	e->truncated = vmr_rec(rec, VMR_K_TRUNCATED, 0)->u == 1;
	e->cut = rec->cut;
	e->n_bad = rec->n_bad;
	e->bad_line = rec->bad_line;
	snprintf(e->bad, sizeof(e->bad), "%s", rec->bad);
	snprintf(e->conf, sizeof(e->conf), "%s", rec_str(rec, VMR_K_CONF, 0));
	copy_devs(rec, e);
	copy_hp(rec, e);
	r->boot_plan_ok = plan_from_record(rec, e, &r->boot_plan);
}

void vmr_read_record(const struct vmr_root *root, struct vmr_report *r)
{
	/* VMR_STATE_SIZE and more: on the heap, and only while copying */
	struct vmr_record *rec = malloc(sizeof(*rec));
	int err = rec ? vmr_record_load(root, rec) : -ENOMEM;

	if (err != -ENOENT) {
		r->early.present = true;
		r->early.read_error = err;
		if (err == 0)
			copy_record(rec, r);
	} else {
		/* it may have run and not been able to write it */
		vmr_read_kmsg(root, &r->early);
	}
	free(rec);
}

/* The record row of the core's table: the plan this boot's record holds. */
static bool record_row(struct vmr_plan *plan, void *ctx)
{
	const struct vmr_report *r = ctx;

	if (!r->boot_plan_ok)
		return false;
	*plan = r->boot_plan;
	return true;
}

const char *vmr_report_host_plan(const struct vmr_root *root,
				 const struct vmr_report *r, bool use_record,
				 struct vmr_plan *plan)
{
	char *text = malloc(VMR_CMDLINE_MAX);
	struct vmr_plan_load l = {
		.where = VMR_ON_HOST, .cmdline = r->cmdline, .text = text,
		.record = use_record ? record_row : NULL, .ctx = (void *)r,
	};

	if (!text) {
		vmr_plan_init(plan);
		vmr_plan_add(plan, r->cmdline, VMR_SRC_PROC);
		return "the command line (out of memory for the config file)";
	}
	vmr_plan_load(root, &l, plan);
	free(text);
	return l.from_record ? "/" VMR_STATE_PATH :
	       "/etc/vmreserve.conf and the command line";
}
