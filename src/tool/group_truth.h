/* SPDX-License-Identifier: MIT */
/*
 * Group truth: what the keys must select so that every IOMMU group of the
 * passed-through functions is viable, and what they leave behind.
 *
 * A slot is a card, but not always only a GPU: an APU's slot also holds
 * the platform security processor and USB controllers, a Turing card a
 * USB controller and a UCSI function. And a group is not a slot: two
 * identical GPUs of a server may share one. suggest proposes the GPU and
 * its audio by function when the other functions sit in other groups,
 * selects the group's other endpoints that nothing on the host uses (no
 * driver, or vfio-pci through another binder such as vfio-pci.ids=), and
 * names every member it cannot take with its driver. (status's side, a
 * group viable only through another binder: judge_pci.c.)
 *
 * Host-only (the status tool).
 */
#ifndef VMR_GROUP_TRUTH_H
#define VMR_GROUP_TRUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "advice.h"
#include "cmdline.h"
#include "report.h"

/* As many selectors as the core keeps, in one kernel parameter
 * (rd.vmreserve.pci=..., VMR_ARG_LEN with its NUL). */
#define VMR_GT_MAX     VMR_MAX_SEL
#define VMR_GT_SEL_LEN (VMR_ARG_LEN + 1 - sizeof("rd.vmreserve.pci="))

struct vmr_gt {
	bool asked_display;   /* DEVICE is a display function (class 0x03) */
	bool split;           /* by function: the GPU and its audio, or
				 (alone) DEVICE's function alone */
	bool alone;           /* a slot without a GPU: DEVICE's function
				 alone, the others in other IOMMU groups */
	bool no_gpu;          /* the slot holds no GPU (other: the slot's
				 functions besides DEVICE's, when it named
				 one) */
	bool other_shares;    /* another function shares their IOMMU group */
	bool only_gpu;        /* the keys take the host's only GPU, not asked */
	char asked[VMR_BDF_LEN]; /* DEVICE's function (suggest's asked) */
	size_t n_other;       /* the slot's functions besides GPU and audio */
	char other[VMR_GT_MAX][VMR_BDF_LEN];
	size_t n_extra;       /* members outside the slot the keys take too */
	char extra[VMR_GT_MAX][VMR_BDF_LEN];
	char sel[VMR_GT_SEL_LEN]; /* the keys' selectors for this device */
	size_t n_sel;         /* selectors in sel */
	bool cut;             /* a member the keys must take did not fit in
				 sel (VMR_GT_MAX selectors, VMR_GT_SEL_LEN
				 characters): its group is not viable */
	int cut_group;        /* that group */
	size_t n_cut;         /* members left out */
};

/*
 * What group truth works on: the parts of suggest's state it reads and
 * writes, lent by suggest for one call (so that this file stands below
 * suggest.c and never includes its header).
 */
struct vmr_gt_job {
	const struct vmr_report *r; /* the host, judged with the plan */
	size_t *fn;                 /* the VM's functions: r->fn indexes */
	size_t *n_fn;
	const char *device;         /* DEVICE as given */
	bool asked_one;             /* DEVICE names one function, not a slot */
	const char *slot;           /* "0000:06:00" */
	const char *sel;            /* the slot's selector, "06:00@10de:1c81" */
	struct vmr_gt *gt;          /* the decision */
	struct vmr_advice_list *advice;
};

/*
 * On the report of the whole slot (s->fn): decide the functions and the
 * extra members, into s->gt. Returns true when the keys differ from the
 * slot's selector (s->sel): the caller judges the host again with
 * s->gt.sel, then calls vmr_gt_resolve().
 */
bool vmr_gt_plan(const struct vmr_gt_job *s, const char *asked);

/* After the report was built again: s->fn = the VM's functions, and the
 * extras only those the keys really select. */
void vmr_gt_resolve(const struct vmr_gt_job *s);

/* Its advice (the slot's other functions, the extras, the only GPU). */
void vmr_gt_advise(const struct vmr_gt_job *s);

#endif
