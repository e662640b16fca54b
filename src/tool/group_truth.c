/* SPDX-License-Identifier: MIT */
/*
 * Group truth (group_truth.h): the functions suggest proposes, the group
 * members outside the slot the keys must select too, and what they leave.
 */
#include "group_truth.h"

#include <stdio.h>
#include <string.h>

#include "pci.h"
#include "sel_text.h"
#include "str.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long list cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static bool display(uint32_t class)
{
	return (class >> 16) == 0x03;
}

/*
 * A GPU (display class 0x03) or its HD audio (0x0403 of the GPU's vendor:
 * an APU's slot also holds the chipset vendor's own HD audio controller,
 * 1022:15e3 beside the GPU's 1002:1637, which is not the GPU's).
 */
static bool gpu_part(const struct vmr_gt_job *s, const struct vmr_fn *f)
{
	if (display(f->class))
		return true;
	if ((f->class >> 8) != 0x0403)
		return false;
	for (size_t i = 0; i < *s->n_fn; i++) {
		const struct vmr_fn *g = &s->r->fn[s->fn[i]];

		if (display(g->class) && g->vendor == f->vendor)
			return true;
	}
	return false;
}

/*
 * One more selector, whole or not at all: a selector cut short would
 * select another device, or none. False when it does not fit.
 */
static bool add_sel(struct vmr_gt *gt, const char *text)
{
	size_t len = strlen(gt->sel);

	if (gt->n_sel == VMR_GT_MAX ||
	    len + (len ? 1 : 0) + strlen(text) >= sizeof(gt->sel))
		return false;
	snprintf(gt->sel + len, sizeof(gt->sel) - len, "%s%s",
		 len ? "," : "", text);
	gt->n_sel++;
	return true;
}

/* BB:SS.F@VVVV:DDDD: this function, and only while it is this device. */
static bool add_pinned(struct vmr_gt *gt, const struct vmr_fn *f)
{
	char one[VMR_PINNED_LEN];

	vmr_pinned_sel(one, sizeof(one), f->addr, f->vendor, f->device);
	return add_sel(gt, one);
}

/* Is r->fn[idx] one of the VM's functions (s->fn)? */
static bool in_vm(const struct vmr_gt_job *s, size_t idx)
{
	for (size_t i = 0; i < *s->n_fn; i++)
		if (s->fn[i] == idx)
			return true;
	return false;
}

/* In one IOMMU group, as far as anyone can tell (no group: maybe). */
static bool same_group(const struct vmr_fn *f, const struct vmr_fn *g)
{
	return f->group < 0 || g->group < 0 || f->group == g->group;
}

/* A function of the slot that shares an IOMMU group with f, or none. */
static bool shares_group(const struct vmr_gt_job *s, const struct vmr_fn *f)
{
	for (size_t i = 0; i < *s->n_fn; i++) {
		const struct vmr_fn *g = &s->r->fn[s->fn[i]];

		if (gpu_part(s, g) && same_group(f, g))
			return true;
	}
	return false;
}

static bool has_gpu_part(const struct vmr_gt_job *s)
{
	for (size_t i = 0; i < *s->n_fn; i++)
		if (gpu_part(s, &s->r->fn[s->fn[i]]))
			return true;
	return false;
}

/* The slot's functions besides the GPU and its audio. */
static void find_others(const struct vmr_gt_job *s, bool *has_display)
{
	struct vmr_gt *gt = s->gt;

	*has_display = false;
	for (size_t i = 0; i < *s->n_fn; i++) {
		const struct vmr_fn *f = &s->r->fn[s->fn[i]];

		if (gpu_part(s, f)) {
			*has_display |= display(f->class) && !f->id_unread;
			continue;
		}
		if (gt->n_other < VMR_GT_MAX)
			snprintf(gt->other[gt->n_other++], VMR_BDF_LEN, "%s",
				 f->addr);
		gt->other_shares |= shares_group(s, f);
	}
}

/*
 * A member outside the VM's functions that the keys may take: an endpoint
 * the core would take by address, that nothing on the host uses or would
 * use (no driver and none in the module index for it: udev would give it
 * one after vmreserve-early's check; or a driver leaving DMA to VFIO,
 * vfio-pci through another binder). Never the boot GPU nor a display
 * without a driver: taken silently, the host's console would go with the
 * VM's GPU. The others block the group; suggest names them (suggest.c,
 * judge_group, advise_block).
 */
static bool may_take(const struct vmr_gt_job *s, const struct vmr_fn *m)
{
	struct vmr_dev_facts d = { m->class, m->bridge, true, m->group,
				   s->r->iommu.enabled };

	if (m->bridge || m->driver_unread || m->id_unread || m->boot_vga ||
	    vmr_refusal(&d) != VMR_REFUSE_NONE)
		return false;
	/* A display off any driver is the host's (efifb's console, or
	 * its driver at udev); one another binder holds on vfio-pci is not. */
	if (!m->driver[0])
		return !display(m->class) && m->host_lookup == 0 &&
		       m->n_host == 0;
	return vmr_driver_manages_dma(m->driver);
}

static bool is_extra(const struct vmr_gt *gt, const char *addr)
{
	for (size_t i = 0; i < gt->n_extra; i++)
		if (strcmp(gt->extra[i], addr) == 0)
			return true;
	return false;
}

/* Members of the groups of the functions in vm[] that the keys take too. */
static void find_extras(const struct vmr_gt_job *s, const size_t *vm, size_t n)
{
	struct vmr_gt *gt = s->gt;
	const struct vmr_report *r = s->r;

	for (size_t i = 0; i < n; i++) {
		const struct vmr_group *g = vmr_report_group(r,
							     r->fn[vm[i]].group);

		for (size_t k = 0; g && k < g->count; k++) {
			const struct vmr_fn *m = &r->fn[g->first + k];

			if (in_vm(s, g->first + k) ||
			    is_extra(gt, m->addr) || !may_take(s, m))
				continue;
			if (gt->n_extra == VMR_GT_MAX || !add_pinned(gt, m)) {
				gt->cut = true;
				gt->cut_group = m->group;
				gt->n_cut++;
				continue;
			}
			snprintf(gt->extra[gt->n_extra++], VMR_BDF_LEN, "%s",
				 m->addr);
		}
	}
}

/* Another display function on the host than those in vm[]. */
static bool other_display(const struct vmr_gt_job *s, const size_t *vm,
			  size_t n)
{
	for (size_t k = 0; k < s->r->n_fn; k++) {
		bool mine = false;

		for (size_t i = 0; i < n; i++)
			mine |= vm[i] == k;
		if (!mine && display(s->r->fn[k].class))
			return true;
	}
	return false;
}

/*
 * A slot without a GPU (a chipset's USB, PSP and SATA; a NIC's ports):
 * when DEVICE named one function, the others are the rest of the slot's
 * endpoints, and DEVICE's function goes alone when none shares its IOMMU
 * group. A
 * card of one function, or DEVICE naming the slot, is itself: no others.
 */
static void plan_card(const struct vmr_gt_job *s, const struct vmr_fn *a)
{
	struct vmr_gt *gt = s->gt;
	size_t n = 0;

	gt->no_gpu = true;
	gt->other_shares = false;
	for (size_t i = 0; s->asked_one && a && i < gt->n_other; i++) {
		const struct vmr_fn *f = vmr_report_fn(s->r, gt->other[i]);

		/* A bridge is never taken (vmr_refusal) nor blocks a group. */
		if (!f || f == a || f->bridge)
			continue;
		memmove(gt->other[n++], gt->other[i], VMR_BDF_LEN);
		gt->other_shares |= same_group(f, a);
	}
	gt->n_other = n;
	gt->alone = n && !gt->other_shares;
}

/* Split by function, does f go with the keys? */
static bool keys_take(const struct vmr_gt_job *s, const struct vmr_fn *f,
		      const struct vmr_fn *a)
{
	return s->gt->alone ? f == a : gpu_part(s, f);
}

bool vmr_gt_plan(const struct vmr_gt_job *s, const char *asked)
{
	struct vmr_gt *gt = s->gt;
	const struct vmr_fn *a = vmr_report_fn(s->r, asked);
	size_t vm[VMR_GT_MAX], n = 0;
	bool has_display;

	memset(gt, 0, sizeof(*gt));
	snprintf(gt->asked, sizeof(gt->asked), "%s", asked ? asked : "");
	gt->asked_display = a && display(a->class);
	find_others(s, &has_display);
	if (!has_gpu_part(s))
		plan_card(s, a);
	gt->split = gt->alone || (a && gpu_part(s, a) && has_display &&
				  gt->n_other && !gt->other_shares);
	for (size_t i = 0; i < *s->n_fn && n < VMR_GT_MAX; i++) {
		const struct vmr_fn *f = &s->r->fn[s->fn[i]];

		if (gt->split && !keys_take(s, f, a))
			continue;
		vm[n++] = s->fn[i];
		/* At most a slot's eight functions: they fit. */
		if (gt->split)
			add_pinned(gt, f);
		/* Asked for something else, the keys still take a boot GPU
		 * that is the host's only one. */
		if (a && !gt->asked_display && display(f->class) &&
		    f->boot_vga)
			gt->only_gpu = true;
	}
	if (!gt->split)
		add_sel(gt, s->sel);
	if (gt->only_gpu)
		gt->only_gpu = !other_display(s, vm, n);
	find_extras(s, vm, n);
	return gt->split || gt->n_extra;
}

/* The extras the keys select in the report built with them: no more. */
static void keep_selected_extras(struct vmr_gt *gt, const struct vmr_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < gt->n_extra; i++) {
		const struct vmr_fn *m = vmr_report_fn(r, gt->extra[i]);

		if (m && m->sel >= 0)
			memmove(gt->extra[n++], gt->extra[i], VMR_BDF_LEN);
	}
	gt->n_extra = n;
}

/* The slot's functions the keys select (the report was built with them). */
void vmr_gt_resolve(const struct vmr_gt_job *s)
{
	const struct vmr_report *r = s->r;
	size_t len = strlen(s->slot);

	*s->n_fn = 0;
	for (size_t i = 0; i < r->n_selected; i++) {
		const struct vmr_fn *f = &r->fn[r->selected[i]];

		if (strncmp(f->addr, s->slot, len) == 0 && f->addr[len] == '.')
			s->fn[(*s->n_fn)++] = r->selected[i];
	}
	keep_selected_extras(s->gt, r);
}

/* "0000:05:00.2 (Encryption controller, on ccp), ..." */
static void list_others(const struct vmr_gt_job *s, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < s->gt->n_other; i++) {
		const struct vmr_fn *f = vmr_report_fn(s->r, s->gt->other[i]);
		size_t len = strlen(buf);

		if (!f)
			continue;
		snprintf(buf + len, size - len, "%s%s (%s, %s%s)",
			 len ? ", " : "", f->addr, vmr_class_name(f->class),
			 f->driver[0] ? "on " : "no driver", f->driver);
	}
}

static int first_group(const struct vmr_gt_job *s)
{
	for (size_t i = 0; i < *s->n_fn; i++)
		if (gpu_part(s, &s->r->fn[s->fn[i]]))
			return s->r->fn[s->fn[i]].group;
	return -1;
}

/* An other function of the slot: storage on a driver (the host may boot
 * from it), or NULL. */
static const struct vmr_fn *other_storage(const struct vmr_gt_job *s)
{
	for (size_t i = 0; i < s->gt->n_other; i++) {
		const struct vmr_fn *f = vmr_report_fn(s->r, s->gt->other[i]);

		if (f && (f->class >> 16) == 0x01 && f->driver[0] &&
		    !f->driver_unread)
			return f;
	}
	return NULL;
}

/* A slot without a GPU: DEVICE's function alone, or the whole slot. */
static void advise_card(const struct vmr_gt_job *s, const char *list)
{
	const struct vmr_fn *a = vmr_report_fn(s->r, s->gt->asked);
	const struct vmr_fn *disk = other_storage(s);
	char fix[VMR_ADVICE_LEN], why[VMR_ADVICE_LEN];

	if (s->gt->alone) {
		vmr_advise(s->advice, VMR_LVL_NOTE, "select one of them by "
			   "address too if the VM needs it", "the keys select "
			   "%s alone, by function: the host keeps the slot's "
			   "other functions, each in an IOMMU group apart: %s",
			   s->gt->asked, list);
		return;
	}
	if (!a || a->group < 0)
		snprintf(why, sizeof(why), "once the IOMMU is on, run "
			 "vmreserve suggest again: whether %s can go alone "
			 "depends on the IOMMU groups", s->gt->asked);
	else
		snprintf(why, sizeof(why), "they share IOMMU group %d with "
			 "%s, so it cannot go alone: pass through a device in "
			 "an IOMMU group of its own", a->group, s->gt->asked);
	snprintf(fix, sizeof(fix), "%s%s", disk ? "if the host boots from or "
		 "mounts a disk there, do not use these keys; " : "", why);
	if (disk)
		vmr_advise(s->advice, VMR_LVL_CRITICAL, fix, "the keys take "
			   "the whole slot %s, with %s (%s, on %s), storage "
			   "the host may boot from; the host loses all of: %s",
			   s->slot, disk->addr, vmr_class_name(disk->class),
			   disk->driver, list);
	else
		vmr_advise(s->advice, VMR_LVL_WARNING, fix, "slot %s holds "
			   "more than %s, and the keys take the whole slot: "
			   "the host loses %s", s->slot, s->gt->asked, list);
}

static void advise_others(const struct vmr_gt_job *s)
{
	const struct vmr_gt *gt = s->gt;
	char list[VMR_ADVICE_LEN], fix[VMR_ADVICE_LEN];

	if (!gt->n_other)
		return;
	list_others(s, list, sizeof(list));
	if (gt->no_gpu) {
		advise_card(s, list);
		return;
	}
	if (gt->split) {
		vmr_advise(s->advice, VMR_LVL_NOTE, "select one of them by "
			   "address too if the VM needs it", "slot %s also "
			   "holds %s: each in an IOMMU group apart, so the keys "
			   "select only the GPU and its audio, by function, "
			   "and the host keeps the rest", s->slot, list);
		return;
	}
	if (gt->other_shares && first_group(s) < 0)
		snprintf(fix, sizeof(fix), "once the IOMMU is on, run vmreserve "
			 "suggest again: whether the GPU and its audio can go "
			 "alone depends on the IOMMU groups");
	else if (gt->other_shares)
		snprintf(fix, sizeof(fix), "they share IOMMU group %d with the "
			 "GPU and cannot stay with the host: if the host needs "
			 "them, pass through a card whose functions have "
			 "groups of their own", first_group(s));
	else
		snprintf(fix, sizeof(fix), "if the host needs them, select "
			 "only the functions the VM needs "
			 "(rd.vmreserve.pci=BB:SS.F@VVVV:DDDD)");
	/* The consequence before the list: advice is cut at its limit. */
	vmr_advise(s->advice, VMR_LVL_WARNING, fix, "slot %s holds more than "
		   "a GPU and its audio, and the keys take the whole slot: "
		   "the host loses %s", s->slot, list);
}

static void advise_extras(const struct vmr_gt_job *s)
{
	const struct vmr_gt *gt = s->gt;

	if (gt->cut)
		vmr_advise(s->advice, VMR_LVL_CRITICAL, "put the card in a "
			   "slot with an IOMMU group of its own (or of fewer "
			   "devices)", "IOMMU group %d is not viable with "
			   "these keys: %zu of its members do not fit in "
			   "them (at most %d selectors in one rd.vmreserve.pci "
			   "key of %d characters), so the keys leave them to "
			   "the host",
			   gt->cut_group, gt->n_cut, VMR_GT_MAX,
			   VMR_ARG_LEN - 1);
	for (size_t i = 0; i < gt->n_extra; i++) {
		const struct vmr_fn *m = vmr_report_fn(s->r, gt->extra[i]);
		char pin[VMR_PINNED_LEN];

		/* Selected, but its group is not viable: no comfort note. */
		if (!m || (gt->cut && m->group == gt->cut_group))
			continue;
		vmr_pinned_sel(pin, sizeof(pin), m->addr, m->vendor, m->device);
		vmr_advise(s->advice, VMR_LVL_NOTE, "leave it to vfio-pci: no "
			   "host driver and no other VM may use it", "IOMMU "
			   "group %d also holds %s (%04x:%04x, %s%s) outside "
			   "the slot: the keys select it too (%s), so the "
			   "group stays viable without any other binder",
			   m->group, m->addr, m->vendor, m->device,
			   m->driver[0] ? "on " : "no driver", m->driver, pin);
	}
}

void vmr_gt_advise(const struct vmr_gt_job *s)
{
	advise_others(s);
	advise_extras(s);
	if (!s->gt->only_gpu)
		return;
	for (size_t i = 0; i < *s->n_fn; i++) {
		const struct vmr_fn *f = &s->r->fn[s->fn[i]];

		if (display(f->class) && f->boot_vga)
			vmr_advise(s->advice, VMR_LVL_CRITICAL, "pass it "
				   "through on a host with another GPU, or run "
				   "this one headless (network or serial "
				   "console)", "%s is not a GPU, but the keys "
				   "take %s too, the boot VGA device and the "
				   "host's only GPU: the host loses its display",
				   s->device, f->addr);
	}
}
