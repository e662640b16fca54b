/* SPDX-License-Identifier: MIT */
/*
 * Judging the hugepage requests against the rows the kernel shows now
 * (what the record says explains a shortfall: clamped at boot), and the
 * keep margin against every node's pool, whoever reserved it.
 */
#include "judge_hp.h"

#include <stdio.h>
#include <string.h>

#include "hp_plan.h"
#include "read.h"
#include "text.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long key cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/*
 * vmreserve-early had the pages at boot (its record: ok, or clamped to a
 * target it reached) and the pool holds fewer now: something wrote
 * nr_hugepages after boot, not a shortage of free memory at boot.
 */
static bool shrank_after_boot(const struct vmr_rec_hp *e,
			      const struct vmr_hprow *h)
{
	return e && h->target_known && h->total < h->target &&
	       (strcmp(e->status, "ok") == 0 ||
		strcmp(e->status, "clamped") == 0);
}

/* The sysctl setting systemd-sysctl applies to this size's pool, or NULL. */
static const struct vmr_hp_set *sysctl_of(const struct vmr_report *r,
					  uint64_t page_kb)
{
	const struct vmr_hp_other *o = &r->hp_other;

	if (page_kb != o->default_kb)
		return NULL; /* the sysctls count the default size only */
	return vmr_hp_sysctl_last(&o->nr, &o->mempolicy);
}

static uint64_t want_pages(const struct vmr_hp_want *w, size_t n,
			   uint64_t page_kb, bool *any)
{
	uint64_t pages = 0;

	*any = false;
	for (size_t i = 0; i < n; i++)
		if (w[i].page_kb == page_kb) {
			pages += w[i].pages;
			*any = true;
		}
	return pages;
}

static bool wanted_node(const struct vmr_hp_want *w, size_t n,
			unsigned node, uint64_t page_kb)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].node == node && w[i].page_kb == page_kb)
			return true;
	return false;
}

/*
 * The global pool of page_kb the boot leaves: what vmreserve reserves on
 * its nodes plus what every other node holds now (the kernel's
 * hugepages=, pages set by hand). vm.nr_hugepages counts that whole
 * pool, not vmreserve's share; *others: the second part.
 */
static uint64_t pool_expected(const struct vmr_report *r,
			      const struct vmr_hp_want *w, size_t n,
			      uint64_t page_kb, bool *any, uint64_t *others)
{
	uint64_t pages = want_pages(w, n, page_kb, any);

	*others = 0;
	for (size_t k = 0; k < r->n_hp; k++)
		if (r->hp[k].page_kb == page_kb &&
		    !wanted_node(w, n, r->hp[k].node, page_kb))
			*others += r->hp[k].total;
	return pages + *others;
}

/* status: the plan's entries, as asked. */
static size_t plan_want(const struct vmr_report *r, struct vmr_hp_want *w)
{
	size_t n = 0;

	for (size_t i = 0; i < r->plan.n_hp && n < VMR_MAX_HP; i++) {
		w[n].node = r->plan.hp[i].node;
		w[n].page_kb = r->plan.hp[i].page_kb;
		w[n++].pages = vmr_hp_pages(&r->plan.hp[i]);
	}
	return n;
}

static void advise_shrank(struct vmr_report *r, const struct vmr_hprow *h,
			  const char *size)
{
	const struct vmr_hp_set *v = sysctl_of(r, h->page_kb);
	char fix[VMR_ADVICE_LEN], cause[VMR_ADVICE_LEN];
	struct vmr_hp_want w[VMR_MAX_HP];
	uint64_t others;
	bool any;

	/* Below the whole pool, not this node's share: the kernel frees. */
	if (v && v->pages < pool_expected(r, w, plan_want(r, w), h->page_kb,
					  &any, &others)) {
		snprintf(cause, sizeof(cause), "%s = %llu at %s: "
			 "systemd-sysctl set the pool to %llu pages after "
			 "boot and the kernel freed pages of any node",
			 v == &r->hp_other.mempolicy ? "vm.nr_hugepages_mempolicy"
			 : "vm.nr_hugepages", (unsigned long long)v->pages,
			 v->where, (unsigned long long)v->pages);
		snprintf(fix, sizeof(fix), "remove the line %s (vmreserve "
			 "reserves the pages at boot), then write %llu to this "
			 "node's nr_hugepages or reboot", v->where,
			 (unsigned long long)h->target);
		r->hp_other.blamed = true;
	} else {
		snprintf(cause, sizeof(cause), "something wrote nr_hugepages "
			 "after boot (a sysctl setting, a script, a libvirt "
			 "hook)");
		snprintf(fix, sizeof(fix), "find what writes "
			 "/proc/sys/vm/nr_hugepages or this node's "
			 "nr_hugepages after boot and remove it; write %llu to "
			 "this node's nr_hugepages or reboot",
			 (unsigned long long)h->target);
	}
	vmr_advise(&r->advice, h->level, fix, "node %u: %llu of %llu %s "
		   "hugepages reserved, but vmreserve-early had %llu at boot: "
		   "%s", h->node, (unsigned long long)h->total,
		   (unsigned long long)h->requested, size,
		   (unsigned long long)h->target, cause);
}

static void judge_plan_other(struct vmr_report *r);

static void judge_hp_row(struct vmr_report *r, const struct vmr_hp_req *q,
			 struct vmr_hprow *h)
{
	char size[16];
	const struct vmr_rec_hp *e = vmr_report_rec_hp(r, h->node,
						       h->page_kb);

	vmr_format_kb(size, sizeof(size), h->page_kb);
	h->asked = true;
	h->requested = vmr_hp_pages(q);
	h->target = h->requested;
	h->target_known = true;
	if (e) {
		/* seen but not a number: unknown, not the request */
		h->target_known = e->target_known || !e->target_seen;
		if (e->target_known)
			h->target = e->target;
		snprintf(h->early, sizeof(h->early), "%s", e->status);
	}
	if (h->unread) {
		char what[64];

		snprintf(what, sizeof(what), "node %u's %s hugepages", h->node,
			 size);
		h->level = VMR_LVL_WARNING;
		vmr_cannot_judge(r, h->unread, what);
		return;
	}
	if (h->requested == 0) {
		h->level = h->total == 0 ? VMR_LVL_OK : VMR_LVL_WARNING;
		r->partly += h->total != 0;
		if (h->total)
			vmr_advise(&r->advice, h->level, "pages a process "
				   "still uses are freed when it ends; write 0 "
				   "to this node's nr_hugepages again then",
				   "node %u: %llu %s hugepages remain, asked "
				   "to empty the node (%llu in use)", h->node,
				   (unsigned long long)h->total, size,
				   (unsigned long long)(h->total - h->free));
	} else if (h->total >= h->requested) {
		h->level = VMR_LVL_OK;
	} else if (shrank_after_boot(e, h)) {
		h->level = h->total ? VMR_LVL_WARNING : VMR_LVL_CRITICAL;
		r->partly += h->total != 0;
		advise_shrank(r, h, size);
		return;
	} else {
		h->level = h->total ? VMR_LVL_WARNING : VMR_LVL_CRITICAL;
		r->partly += h->total != 0;
		const char *fix =
			strcmp(h->early, "clamped") == 0 ?
			"the keep margin left only this much: lower "
			"rd.vmreserve.keep= or ask for less" :
			h->page_kb >= 1048576 ?
			"1 GiB pages need free, aligned 1 GiB ranges: reserve "
			"them with the kernel's own hugepagesz=1G "
			"hugepages=NODE:COUNT (kernel 5.16+) and keep "
			"rd.vmreserve.hugepages to check them and to empty "
			"other nodes (OTHER:0:1G), where the kernel puts what "
			"does not fit" :
			"the node had too little free memory when they were "
			"reserved: ask for less, or reserve fewer pages on "
			"this node elsewhere";

		vmr_advise(&r->advice, h->level, fix, "node %u: %llu of %llu "
			   "%s hugepages reserved%s", h->node,
			   (unsigned long long)h->total,
			   (unsigned long long)h->requested, size,
			   strcmp(h->early, "clamped") == 0 ? " (clamped at "
			   "boot to keep memory free)" : "");
		return;
	}
	r->in_effect += h->level == VMR_LVL_OK;
}

void vmr_judge_hugepages(struct vmr_report *r)
{
	for (size_t i = 0; i < r->plan.n_hp; i++) {
		const struct vmr_hp_req *q = &r->plan.hp[i];
		struct vmr_hprow *h = vmr_report_hp(r, q->node, q->page_kb);
		char size[16], at[VMR_ORIGIN_LEN];

		const struct vmr_node *n = vmr_report_node(r, q->node);
		unsigned u = r->nodes_unread ? r->nodes_unread :
			     n ? n->hp_unread : 0;

		r->asked++;
		if (h) {
			judge_hp_row(r, q, h);
			continue;
		}
		vmr_format_kb(size, sizeof(size), q->page_kb);
		/* Not seen is no proof of absence when a listing failed. */
		if (u || r->n_node_dropped || r->n_hp_dropped) {
			char what[80];

			snprintf(what, sizeof(what), "%s '%s'",
				 vmr_origin(q->from, "hugepages", at), q->text);
			vmr_cannot_judge(r, u, what);
			continue;
		}
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "use a node listed "
			   "under Nodes and a page size it offers (2M; 1G "
			   "needs the CPU flag pdpe1gb)",
			   "%s: '%s': node %u has no %s "
			   "hugepages", vmr_origin(q->from, "hugepages", at),
			   q->text, q->node, size);
	}
	judge_plan_other(r);
}

/*
 * The keep margin is what stands between a big reservation and an
 * unbootable machine: a node whose hugepage pool leaves less than the
 * margin of its memory outside the pool (the kernel's own hugepages=, or
 * pages reserved by hand) is a risk, whoever reserved them. The early
 * binary clamps against the node's free memory at boot, a stricter bound,
 * so a pool it made never trips this.
 */
void vmr_judge_keep(struct vmr_report *r)
{
	if (!r->plan.any_key || r->plan.disabled)
		return;
	for (size_t i = 0; i < r->n_node; i++) {
		const struct vmr_node *n = &r->node[i];
		uint64_t pool_kb = 0, keep_kb;

		if (n->meminfo_unread || !n->mem_total_kb)
			continue; /* nothing to measure against */
		for (size_t k = 0; k < r->n_hp; k++)
			if (r->hp[k].node == n->id)
				pool_kb += r->hp[k].total * r->hp[k].page_kb;
		keep_kb = vmr_keep_kb(&r->plan.keep, n->mem_total_kb);
		if (pool_kb + keep_kb <= n->mem_total_kb)
			continue;
		vmr_advise(&r->advice, VMR_LVL_WARNING, "reserve less on this "
			   "node (the kernel's hugepages= or "
			   "rd.vmreserve.hugepages=), or lower "
			   "rd.vmreserve.keep= if the host really needs less",
			   "node %u: hugepages hold %llu MiB of its %llu MiB, "
			   "leaving less than the keep margin (%llu MiB) for "
			   "the host", n->id, (unsigned long long)(pool_kb /
			   1024), (unsigned long long)(n->mem_total_kb / 1024),
			   (unsigned long long)(keep_kb / 1024));
	}
}


/* ---- the other hugepage settings ---------------------------------------- */

/*
 * systemd-sysctl writes the global pool of the default size after boot:
 * below what vmreserve reserves, the kernel frees pages of any node (the
 * VM's too); above it, it adds pages over all nodes on top.
 */
static void judge_sysctl(const struct vmr_report *r,
			 const struct vmr_hp_set *v, const char *key,
			 const struct vmr_hp_want *w, size_t n,
			 struct vmr_advice_list *out)
{
	uint64_t dkb = r->hp_other.default_kb, ours, others;
	char size[16], fix[VMR_ADVICE_LEN], whom[120];
	bool any;

	if (!v->set)
		return;
	ours = pool_expected(r, w, n, dkb, &any, &others);
	if (others)
		snprintf(whom, sizeof(whom), "of the pool the boot leaves (%llu "
			 "rd.vmreserve.hugepages reserves, %llu other nodes "
			 "hold)", (unsigned long long)(ours - others),
			 (unsigned long long)others);
	else
		snprintf(whom, sizeof(whom), "rd.vmreserve.hugepages reserves");
	vmr_format_kb(size, sizeof(size), dkb);
	snprintf(fix, sizeof(fix), "remove %s from %s: vmreserve reserves "
		 "the pages at boot, on the VM's node", key, v->where);
	if (v->pages < ours)
		vmr_advise(out, VMR_LVL_WARNING, fix, "%s = %llu (%s) undoes "
			   "the reservation: systemd-sysctl sets the %s pool to "
			   "%llu pages after boot, below the %llu pages %s, "
			   "and the kernel frees the difference from any node",
			   key, (unsigned long long)v->pages, v->where, size,
			   (unsigned long long)v->pages,
			   (unsigned long long)ours, whom);
	else if (v->pages > ours)
		vmr_advise(out, VMR_LVL_WARNING, fix, "%s = %llu (%s) adds "
			   "to the reservation: systemd-sysctl raises the %s "
			   "pool to %llu pages after boot, %llu more than the "
			   "pages %s%s, spread over all nodes", key,
			   (unsigned long long)v->pages, v->where, size,
			   (unsigned long long)v->pages,
			   (unsigned long long)(v->pages - ours), whom,
			   any ? "" : " in that size");
	else
		vmr_advise(out, VMR_LVL_NOTE, fix, "%s = %llu (%s) repeats "
			   "the pages %s: harmless now, but it undoes any later "
			   "change of the keys", key,
			   (unsigned long long)v->pages, v->where, whom);
}

/*
 * The kernel's hugepages= of a size vmreserve does not manage reserves at
 * boot beside vmreserve's pages of another size: the host holds both.
 * (Of a size vmreserve manages, the early binary sets each planned node;
 * pages left on other nodes are judge.c's.)
 */
static void judge_kernel_keys(const struct vmr_report *r,
			      const struct vmr_hp_want *w, size_t n,
			      struct vmr_advice_list *out)
{
	uint64_t ours_kb = 0;

	for (size_t i = 0; i < n; i++)
		ours_kb += w[i].pages * w[i].page_kb;
	for (size_t i = 0; ours_kb && i < r->hp_other.n_khp; i++) {
		const struct vmr_khp *k = &r->hp_other.khp[i];
		char size[16], theirs[24], ours[24], where[24] = "";
		bool any;

		want_pages(w, n, k->page_kb, &any);
		if (any || !k->pages)
			continue;
		vmr_format_kb(size, sizeof(size), k->page_kb);
		vmr_format_kb(theirs, sizeof(theirs), k->pages * k->page_kb);
		vmr_format_kb(ours, sizeof(ours), ours_kb);
		if (k->node >= 0)
			snprintf(where, sizeof(where), " on node %d", k->node);
		vmr_advise(out, VMR_LVL_WARNING, "remove it from the kernel "
			   "command line, or ask rd.vmreserve.hugepages for "
			   "pages of that size (NODE:SIZE:1G for 1G pages)",
			   "the kernel's %s reserves %s of %s pages%s at boot, "
			   "on top of the %s rd.vmreserve.hugepages reserves in "
			   "other sizes: the host holds both", k->text, theirs,
			   size, where, ours);
	}
}

/*
 * What the sysctl reading left out: files over the bound, and an
 * /etc/sysctl.conf no sysctl.d link names (procps applies it, not
 * systemd-sysctl: which one runs is the distribution's).
 */
static void judge_sysctl_unread(const struct vmr_report *r,
				struct vmr_advice_list *out)
{
	const struct vmr_hp_other *o = &r->hp_other;

	if (o->dropped)
		vmr_advise(out, VMR_LVL_NOTE, "merge sysctl files; the ones "
			   "last in name order were not read", "%u sysctl "
			   "files not read: over the limit of %d", o->dropped,
			   VMR_SYSCTL_FILES);
	if (o->cut)
		vmr_advise(out, VMR_LVL_NOTE, "shorten the sysctl file or split "
			   "it", "a sysctl file was read in part: past 64 KiB "
			   "(or out of memory), its end is not judged");
	if (o->conf_only.set)
		vmr_advise(out, VMR_LVL_NOTE, "remove it from /etc/sysctl.conf: "
			   "vmreserve reserves the pages at boot",
			   "%s = %llu (%s) is applied by procps' sysctl "
			   "--system only: systemd-sysctl does not read "
			   "/etc/sysctl.conf, and no /etc/sysctl.d/"
			   "99-sysctl.conf links it", o->conf_only_mempolicy ?
			   "vm.nr_hugepages_mempolicy" : "vm.nr_hugepages",
			   (unsigned long long)o->conf_only.pages,
			   o->conf_only.where);
}

void vmr_judge_hp_other(const struct vmr_report *r,
			const struct vmr_hp_want *w, size_t n,
			struct vmr_advice_list *out)
{
	if (n == 0)
		return; /* vmreserve reserves nothing: not ours to judge */
	judge_sysctl_unread(r, out);
	if (!r->hp_other.blamed) {
		judge_sysctl(r, &r->hp_other.nr, "vm.nr_hugepages", w, n, out);
		judge_sysctl(r, &r->hp_other.mempolicy,
			     "vm.nr_hugepages_mempolicy", w, n, out);
	}
	judge_kernel_keys(r, w, n, out);
}

static void judge_plan_other(struct vmr_report *r)
{
	struct vmr_hp_want w[VMR_MAX_HP];

	vmr_judge_hp_other(r, w, plan_want(r, w), &r->advice);
}
