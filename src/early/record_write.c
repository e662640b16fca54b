/* SPDX-License-Identifier: MIT */
/*
 * Filling and writing the state record (early binary only). The writer is
 * a table: for every key of the schema (record.h), in schema order, where
 * its value lives and how it is shown. One loop writes them all, a block of
 * indexed keys once per item ("hp.0.entry" ... "hp.0.status", "hp.1....").
 * Measured: a call per line (even with tables per structure) cost the size
 * budget about 250 bytes more.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "record.h"
#include "sysfs_write.h"

/* The object a key's value is in; from O_ARG on, arrays of items. */
enum { O_PLAN, O_PCI, O_RUN, O_ARG, O_DIAG, O_HPQ, O_HPR, O_SEL, O_DEV };

/* size_t is one of the two. */
#define K_SIZE (sizeof(size_t) == sizeof(uint64_t) ? K_U64 : K_UINT)

/*
 * How the value is shown (version=, writer= and conf= are written by main).
 * K_NONE is 0: a key the table has no row for is known as such
 * (vmr_record_unwritten, which a unit test runs over every key), not
 * written as the first bytes of the plan.
 */
enum {
	K_NONE, K_STR, K_U64, K_UINT, K_INT, K_BOOL,
	K_KEEP,   /* struct vmr_keep: default, bytes or N% */
	K_FROM,   /* struct vmr_from: path[:line], "" for none */
	K_DIAG,   /* struct vmr_diag: "error: msg" */
	K_HPST,   /* enum vmr_hp_status */
	K_DEVST,  /* enum vmr_dev_status */
	K_ID,     /* struct vmr_dev: vendor:device */
	K_CLASS,  /* struct vmr_dev: 0x%06x */
	K_DEVSEL, /* struct vmr_dev: the text of its selector */
	K_IOMMU,  /* on, off, or unchecked without selectors */
	K_HITS,   /* devices the selector matched (struct vmr_pci) */
	K_FOUND,  /* the ids at a pinned address that did not hold */
	K_PSTR,   /* a pointer to a string */
	K_TRUNC,  /* truncated=1, only when a line did not fit */
};

struct wkey {
	unsigned char obj, kind;
	unsigned short off;
};

#define W(key, obj, kind, type, member) \
	[VMR_K_##key] = { obj, kind, offsetof(type, member) }
#define P struct vmr_plan
#define Q struct vmr_hp_req
#define R struct vmr_hp_result
#define D struct vmr_dev
#define U struct vmr_run

#ifdef VMR_TEST_DROP_ROW
/* Unit tests only: the table with that key's row missing (overridden). */
#pragma GCC diagnostic ignored "-Woverride-init"
#endif
static const struct wkey wkeys[VMR_K_COUNT] = {
	W(DISABLED, O_PLAN, K_BOOL, P, disabled),
	W(KEEP, O_PLAN, K_KEEP, P, keep),
	W(KEEP_SOURCE, O_PLAN, K_FROM, P, keep_from),
	W(ARG_COUNT, O_PLAN, K_SIZE, P, n_args),
	W(ARG_LOST, O_PLAN, K_SIZE, P, n_args_lost),
	W(ARG, O_ARG, K_STR, struct vmr_arg, text),
	W(ARG_SOURCE, O_ARG, K_FROM, struct vmr_arg, from),
	W(DIAG_COUNT, O_PLAN, K_SIZE, P, n_diag),
	W(DIAG_LOST, O_PLAN, K_SIZE, P, n_diag_lost),
	W(DIAG_ERRORS, O_PLAN, K_SIZE, P, n_errors),
	W(DIAG, O_DIAG, K_DIAG, struct vmr_diag, level),
	W(HP_COUNT, O_PLAN, K_SIZE, P, n_hp),
	W(HP_ENTRY, O_HPQ, K_STR, Q, text),
	W(HP_NODE, O_HPQ, K_UINT, Q, node),
	W(HP_PAGE_KB, O_HPQ, K_U64, Q, page_kb),
	W(HP_SOURCE, O_HPQ, K_FROM, Q, from),
	W(HP_REQUESTED, O_HPR, K_U64, R, requested),
	W(HP_TARGET, O_HPR, K_U64, R, target),
	W(HP_BEFORE, O_HPR, K_U64, R, before),
	W(HP_OBTAINED, O_HPR, K_U64, R, obtained),
	W(HP_FREE_KB, O_HPR, K_U64, R, free_kb),
	W(HP_KEEP_KB, O_HPR, K_U64, R, keep_kb),
	W(HP_RETRIES, O_HPR, K_UINT, R, retries),
	W(HP_WRITE_US, O_HPR, K_U64, R, write_us),
	W(HP_STATUS, O_HPR, K_HPST, R, status),
	W(SEL_COUNT, O_PLAN, K_SIZE, P, n_sel),
	W(SEL, O_SEL, K_STR, struct vmr_pci_sel, text),
	W(SEL_MATCHES, O_SEL, K_HITS, struct vmr_pci_sel, text),
	W(SEL_MISMATCH, O_SEL, K_FOUND, struct vmr_pci_sel, text),
	W(SEL_SOURCE, O_SEL, K_FROM, struct vmr_pci_sel, from),
	W(IOMMU, O_PCI, K_IOMMU, struct vmr_pci, iommu),
	W(MODPROBE, O_PCI, K_INT, struct vmr_pci, modprobe_status),
	W(DEV_COUNT, O_PCI, K_SIZE, struct vmr_pci, n_dev),
	W(DEV_DROPPED, O_PCI, K_SIZE, struct vmr_pci, n_dropped),
	W(DEV_ADDR, O_DEV, K_STR, D, addr),
	W(DEV_ID, O_DEV, K_ID, D, addr),
	W(DEV_CLASS, O_DEV, K_CLASS, D, addr),
	W(DEV_SELECTOR, O_DEV, K_DEVSEL, D, addr),
	W(DEV_GROUP, O_DEV, K_INT, D, group),
	W(DEV_BOOT_VGA, O_DEV, K_BOOL, D, boot_vga),
	W(DEV_DRIVER_BEFORE, O_DEV, K_STR, D, driver_before),
	W(DEV_DRIVER_AFTER, O_DEV, K_STR, D, driver_after),
	W(DEV_STATUS, O_DEV, K_DEVST, D, status),
	W(DEV_WHY, O_DEV, K_STR, D, why),
	W(TIME_HUGEPAGES, O_RUN, K_U64, U, time_us[0]),
	W(TIME_MODPROBE, O_RUN, K_U64, U, time_us[1]),
	W(TIME_TOTAL, O_RUN, K_U64, U, time_us[2]),
	W(RESULT, O_RUN, K_PSTR, U, result),
	W(EXIT, O_RUN, K_INT, U, exit),
	W(TRUNCATED, O_RUN, K_TRUNC, U, exit),
#ifdef VMR_TEST_DROP_ROW
	[VMR_TEST_DROP_ROW] = { 0, K_NONE, 0 },
#endif
};

enum vmr_rk vmr_record_unwritten(void)
{
	enum vmr_rk k = VMR_K_CONF + 1;

	while (k < VMR_K_COUNT && wkeys[k].kind != K_NONE)
		k++;
	return k;
}

/*
 * Where the items of each object are: in which of plan, hp, pci, run, at
 * what offset, how far apart, and where their count is (NONE: one object).
 */
#define NONE 0xffff
static const struct {
	unsigned char in, count_in;
	unsigned short off, size, count;
} items[] = {
	[O_PLAN] = { 0, 0, 0, 0, NONE },
	[O_PCI]  = { 2, 0, 0, 0, NONE },
	[O_RUN]  = { 3, 0, 0, 0, NONE },
	[O_ARG]  = { 0, 0, offsetof(P, arg), sizeof(struct vmr_arg),
		     offsetof(P, n_args) },
	[O_DIAG] = { 0, 0, offsetof(P, diag), sizeof(struct vmr_diag),
		     offsetof(P, n_diag) },
	[O_HPQ]  = { 0, 0, offsetof(P, hp), sizeof(Q), offsetof(P, n_hp) },
	[O_HPR]  = { 1, 0, 0, sizeof(R), offsetof(P, n_hp) },
	[O_SEL]  = { 0, 0, offsetof(P, sel), sizeof(struct vmr_pci_sel),
		     offsetof(P, n_sel) },
	[O_DEV]  = { 2, 2, offsetof(struct vmr_pci, dev), sizeof(D),
		     offsetof(struct vmr_pci, n_dev) },
};

/* Item i of an object, and how many items there are. */
static const char *object(const struct vmr_run *run, unsigned obj, size_t i,
			  size_t *n)
{
	const char *in[] = { (const char *)run->plan, (const char *)run->hp,
			     (const char *)run->pci, (const char *)run };

	*n = items[obj].count == NONE ? 1 :
	     *(const size_t *)(in[items[obj].count_in] + items[obj].count);
	return in[items[obj].in] + items[obj].off + i * items[obj].size;
}

static void put_one(struct vmr_state *st, const struct vmr_run *run,
		    enum vmr_rk k, size_t i, const void *obj)
{
	const struct wkey *w = &wkeys[k];
	const char *v = (const char *)obj + w->off, *s = v;
	const struct vmr_dev *d = obj;
	char buf[VMR_DIAG_LEN + 16];
	uint64_t n = 0;

	switch (w->kind) {
	case K_NONE: return; /* no row: never the plan's first bytes */
	/* numbers: vmr_state_put shows n, as the key's type says */
	case K_U64:  n = *(const uint64_t *)v; break;
	case K_UINT: n = *(const unsigned *)v; break;
	case K_INT:  n = (uint64_t)(int64_t)*(const int *)v; break;
	case K_BOOL: n = *(const bool *)v; break;
	case K_KEEP: {
		const struct vmr_keep *keep = (const void *)v;

		s = "default";
		if (keep->kind != VMR_KEEP_DEFAULT)
			snprintf(buf, sizeof(buf), "%llu%s",
				 (unsigned long long)keep->value,
				 keep->kind == VMR_KEEP_PERCENT ? "%" : ""),
			s = buf;
		break;
	}
	case K_FROM: s = vmr_from_text(*(const struct vmr_from *)v, buf); break;
	case K_DIAG:
		snprintf(buf, sizeof(buf), "%s: %s",
			 *(const enum vmr_diag_level *)v == VMR_DIAG_ERROR ?
			 "error" : "warning", ((const struct vmr_diag *)obj)->msg);
		s = buf;
		break;
	case K_HPST: s = vmr_hp_status_name(*(const enum vmr_hp_status *)v); break;
	case K_DEVST: s = vmr_dev_status_name(*(const enum vmr_dev_status *)v); break;
	case K_ID:
	case K_CLASS:
		snprintf(buf, sizeof(buf), w->kind == K_ID ? "%04x:%04x" :
			 "0x%06x", w->kind == K_ID ? d->vendor : (unsigned)d->class,
			 d->device);
		s = buf;
		break;
	case K_DEVSEL: s = run->plan->sel[d->sel].text; break;
	case K_IOMMU:
		s = !run->plan->n_sel ? "unchecked" : run->pci->iommu ? "on" : "off";
		break;
	case K_HITS: n = run->pci->sel_hits[i]; break;
	case K_FOUND:
		n = run->pci->sel_found[i];
		s = "";
		if (n)
			snprintf(buf, sizeof(buf), "%04x:%04x",
				 (unsigned)(n >> 16), (unsigned)(n & 0xffff)),
			s = buf;
		break;
	case K_PSTR: s = *(const char *const *)v; break;
	case K_TRUNC:
		if (!st->overflow)
			return;
		n = 1;
		break;
	}
	vmr_state_put(st, k, i, s, n);
}

void vmr_record_fill(struct vmr_state *st, const struct vmr_run *run)
{
	enum vmr_rk k = VMR_K_CONF + 1, end;

	while (k < VMR_K_COUNT) {
		unsigned family;
		size_t n, m;

		/* Without a run (disabled, no command line): the plan only. */
		if (!run->acted && k == VMR_K_HP_COUNT)
			k = VMR_K_TIME_HUGEPAGES;
		/* result=, exit= and truncated=1 always fit: room is kept */
		st->tail |= k == VMR_K_RESULT;
		family = wkeys[k].obj == O_HPR ? O_HPQ : wkeys[k].obj;
		/* A block: the following keys of the same items. */
		for (end = k + 1; end < VMR_K_COUNT && family >= O_ARG &&
		     (wkeys[end].obj == O_HPR ? O_HPQ : wkeys[end].obj) == family;
		     end++)
			;
		object(run, wkeys[k].obj, 0, &n);
		for (size_t i = 0; i < n; i++)
			for (enum vmr_rk j = k; j < end; j++)
				put_one(st, run, j, i,
					object(run, wkeys[j].obj, i, &m));
		k = end;
	}
}

int vmr_state_write(const struct vmr_root *root, struct vmr_state *st)
{
	int r = vmr_mkdir_p(root, VMR_STATE_DIR, 0755);

	if (r < 0)
		return r;
	return vmr_replace(root, VMR_STATE_PATH, st->buf, st->len);
}
