/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the command-line parser. Any input is a command line
 * and, the same bytes again, the text of /etc/vmreserve.conf; the parser
 * must never crash and the plan must keep its invariants. A broken
 * invariant calls abort() so libFuzzer (or replay.c) reports it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

/* Bigger than the 4 KiB parameter buffer, so truncation is reachable. */
#define MAX_INPUT 16384

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static bool nul_within(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

static void check_diags(const struct vmr_plan *p)
{
	size_t i, j, errs = 0;

	check(p->n_diag <= VMR_MAX_DIAG);
	check(p->n_diag_lost == 0 || p->n_diag == VMR_MAX_DIAG);
	for (i = 0; i < p->n_diag; i++) {
		const struct vmr_diag *d = &p->diag[i];

		check(d->level == VMR_DIAG_ERROR ||
		      d->level == VMR_DIAG_WARNING);
		check(nul_within(d->msg, VMR_DIAG_LEN));
		check(d->msg[0] != '\0');
		/* user bytes are sanitised: a message is one printable line */
		for (j = 0; d->msg[j]; j++)
			check(d->msg[j] >= 0x20 && d->msg[j] < 0x7f);
		errs += d->level == VMR_DIAG_ERROR;
	}
	check(p->n_errors >= errs);
	check(p->n_errors <= errs + p->n_diag_lost);
}

/* A canonical selector must parse back to itself, silently. */
static void check_canonical(const struct vmr_pci_sel *s)
{
	static struct vmr_plan again;
	char line[64] = "rd.vmreserve.pci=";

	strcat(line, s->text);
	check(vmr_cmdline_parse(line, &again) == 0);
	check(again.n_sel == 1 && again.n_diag == 0);
	check(again.sel[0].kind == s->kind);
	check(again.sel[0].pinned == s->pinned);
	check(again.sel[0].vendor == s->vendor);
	check(again.sel[0].device == s->device);
	check(again.sel[0].domain == s->domain);
	check(again.sel[0].bus == s->bus && again.sel[0].slot == s->slot);
	check(again.sel[0].func == s->func);
}

static void check_sels(const struct vmr_plan *p)
{
	size_t i, j;

	check(p->n_sel <= VMR_MAX_SEL);
	for (i = 0; i < p->n_sel; i++) {
		const struct vmr_pci_sel *s = &p->sel[i];

		check(nul_within(s->text, sizeof(s->text)));
		check(s->kind == VMR_SEL_ID || s->kind == VMR_SEL_FUNC ||
		      s->kind == VMR_SEL_SLOT);
		if (s->kind == VMR_SEL_ID || s->pinned)
			check(s->vendor != 0xffff);
		if (s->kind != VMR_SEL_ID)
			check(s->slot <= 0x1f && s->func <= 7);
		/* only an address is pinned, and its text says so */
		check(!s->pinned || s->kind != VMR_SEL_ID);
		check(s->pinned == (strchr(s->text, '@') != NULL));
		for (j = 0; j < i; j++)
			check(strcmp(s->text, p->sel[j].text) != 0);
		check_canonical(s);
	}
}

static void check_hps(const struct vmr_plan *p)
{
	size_t i, j;

	check(p->n_hp <= VMR_MAX_HP);
	for (i = 0; i < p->n_hp; i++) {
		const struct vmr_hp_req *h = &p->hp[i];

		check(nul_within(h->text, sizeof(h->text)));
		check(h->node <= VMR_MAX_NODE);
		check(h->page_kb > 0 && h->page_kb % 4 == 0);
		for (j = 0; j < i; j++)
			check(h->node != p->hp[j].node ||
			      h->page_kb != p->hp[j].page_kb);
	}
}

static void check_keep(const struct vmr_plan *p)
{
	static const uint64_t totals[] = { 0, 1, 99, 4ULL << 30, UINT64_MAX };
	const struct vmr_keep *k = &p->keep;
	size_t i;

	check(k->kind == VMR_KEEP_DEFAULT || k->kind == VMR_KEEP_BYTES ||
	      k->kind == VMR_KEEP_PERCENT);
	if (k->kind == VMR_KEEP_PERCENT)
		check(k->value <= 100);
	for (i = 0; i < sizeof(totals) / sizeof(totals[0]); i++) {
		uint64_t b = vmr_keep_bytes(k, totals[i]);

		if (k->kind == VMR_KEEP_BYTES)
			check(b == k->value);
		else
			check(b <= totals[i]);
	}
}

/* Without an rd.vmreserve key the plan is the empty plan. */
static void check_untouched(const struct vmr_plan *p)
{
	if (p->any_key)
		return;
	check(p->n_sel == 0 && p->n_hp == 0 && p->n_diag == 0);
	check(p->n_errors == 0 && !p->disabled);
	check(p->keep.kind == VMR_KEEP_DEFAULT);
}

static int count_param(const char *key, const char *val, bool truncated,
		       void *ctx)
{
	size_t kn = strlen(key), vn = val ? strlen(val) : 0;

	check(kn <= 4095 && vn <= 4095);
	check(!truncated || kn == 4095 || vn == 4095);
	++*(size_t *)ctx;
	return 0;
}

/* The same bytes give the same plan (no hidden state). */
static void check_same(const struct vmr_plan *a, const struct vmr_plan *b)
{
	size_t i;

	check(a->n_sel == b->n_sel && a->n_hp == b->n_hp);
	check(a->n_diag == b->n_diag && a->n_errors == b->n_errors);
	check(a->n_diag_lost == b->n_diag_lost);
	check(a->disabled == b->disabled && a->any_key == b->any_key);
	check(a->keep.kind == b->keep.kind && a->keep.value == b->keep.value);
	for (i = 0; i < a->n_sel; i++)
		check(strcmp(a->sel[i].text, b->sel[i].text) == 0);
	for (i = 0; i < a->n_hp; i++)
		check(a->hp[i].amount == b->hp[i].amount &&
		      strcmp(a->hp[i].text, b->hp[i].text) == 0);
	for (i = 0; i < a->n_diag; i++)
		check(strcmp(a->diag[i].msg, b->diag[i].msg) == 0);
}

/*
 * The parameters the plan keeps (what the state record holds) rebuild the
 * same plan, one by one, when none was lost: the status tool relies on it.
 */
static void check_args(const struct vmr_plan *p)
{
	static struct vmr_plan rebuilt;
	size_t i;

	check(p->n_args <= VMR_MAX_ARGS);
	check(p->any_key || (p->n_args == 0 && p->n_args_lost == 0));
	for (i = 0; i < p->n_args; i++) {
		check(p->arg[i].src == VMR_SRC_PROC && p->arg[i].line == 0);
		check(memchr(p->arg[i].text, '\0', VMR_ARG_LEN) != NULL);
		check(strncmp(p->arg[i].text, "rd.vmreserve", 12) == 0 ||
		      strncmp(p->arg[i].text, "\"rd.vmreserve", 13) == 0);
	}
	if (p->n_args_lost)
		return;
	vmr_plan_init(&rebuilt);
	for (i = 0; i < p->n_args; i++)
		vmr_plan_add(&rebuilt, p->arg[i].text, VMR_SRC_PROC);
	check_same(p, &rebuilt);
}

/* A recorded source reads back as itself. */
static void check_from(struct vmr_from from)
{
	char buf[VMR_FROM_LEN];
	struct vmr_from back = { VMR_SRC_COUNT, 0 };
	const char *text = vmr_from_text(from, buf);

	check(strlen(text) < VMR_FROM_LEN);
	check(vmr_from_parse(text, &back));
	check(back.src == from.src && back.line == from.line);
}

/*
 * The same bytes as /etc/vmreserve.conf: every parameter is ours, kept
 * with its line (from 1, in order, never past the last line), every
 * message names the file and a line, each item knows its line, and the
 * kept parameters, each re-read with its line (as the status tool does
 * from the record), rebuild the same plan.
 */
static void check_conf(const char *text)
{
	static struct vmr_plan p, again, rebuilt;
	size_t i, lines = 1;
	unsigned last = 1;

	for (i = 0; text[i]; i++)
		lines += text[i] == '\n';
	vmr_plan_init(&p);
	check(vmr_plan_add_conf_file(&p, text) == p.n_errors);
	check_diags(&p);
	check_sels(&p);
	check_hps(&p);
	check_keep(&p);
	check_untouched(&p);
	vmr_plan_init(&again);
	vmr_plan_add_conf_file(&again, text);
	check_same(&p, &again);
	for (i = 0; i < p.n_diag; i++)
		check(strncmp(p.diag[i].msg, "/etc/vmreserve.conf:", 20) == 0);
	for (i = 0; i < p.n_args; i++) {
		check(p.arg[i].src == VMR_SRC_CONF);
		check(p.arg[i].line >= last && p.arg[i].line <= lines);
		check(p.arg[i].text[0] != '#');
		last = p.arg[i].line;
		check_from(p.arg[i].from);
	}
	for (i = 0; i < p.n_sel; i++)
		check_from(p.sel[i].from);
	for (i = 0; i < p.n_hp; i++)
		check_from(p.hp[i].from);
	check(p.keep.kind == VMR_KEEP_DEFAULT ?
	      p.keep_from.src == VMR_SRC_COUNT :
	      p.keep_from.src == VMR_SRC_CONF);
	if (p.n_args_lost)
		return;
	vmr_plan_init(&rebuilt);
	for (i = 0; i < p.n_args; i++)
		vmr_plan_add_conf(&rebuilt, p.arg[i].text, p.arg[i].line);
	check_same(&p, &rebuilt);
}

static void check_size(const char *s)
{
	uint64_t b = 0;
	char bad = 'x';
	int rc = vmr_parse_size(s, &b, &bad);

	check(rc == 0 || rc == -EINVAL || rc == -ERANGE);
	check(rc == -EINVAL || bad == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[MAX_INPUT + 1];
	static struct vmr_plan plan, again;
	size_t n = 0;

	if (size > MAX_INPUT)
		size = MAX_INPUT;
	memcpy(buf, data, size);
	buf[size] = '\0';

	check(vmr_cmdline_parse(buf, &plan) == plan.n_errors);
	check_diags(&plan);
	check_sels(&plan);
	check_hps(&plan);
	check_keep(&plan);
	check_untouched(&plan);
	vmr_cmdline_parse(buf, &again);
	check_same(&plan, &again);
	check_args(&plan);
	check(vmr_cmdline_foreach(buf, count_param, &n) == 0);
	check_size(buf);
	check_conf(buf);
	return 0;
}
