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
#include "text.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long key cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

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

