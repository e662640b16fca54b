/* SPDX-License-Identifier: MIT */
/*
 * Judging the selected PCI functions: each on vfio-pci or why not, its
 * IOMMU group viable or what blocks it, a selector that matched nothing,
 * an address selector worth pinning.
 */
#include "judge_pci.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hostboot.h"
#include "pci.h"
#include "record.h"
#include "sel_text.h"
#include "spare.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long key cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static bool on_vfio(const struct vmr_fn *f)
{
	return strcmp(f->driver, VMR_VFIO_DRIVER) == 0;
}

/* What to do about a selected device that is not on vfio-pci. */
static const char *not_bound_fix(const struct vmr_report *r,
				 const struct vmr_fn *f, char *buf, size_t size)
{
	if (!r->early.present)
		/* The record's own item names this host's fix. */
		return r->early.klog == VMR_KLOG_RAN ? "vmreserve-early ran at "
		       "boot but wrote no record: see the item about /"
		       VMR_STATE_PATH : "vmreserve-early did not run at boot: "
		       "see the item about /" VMR_STATE_PATH;
	if (strcmp(f->early, "rolled-back") != 0 &&
	    (strcmp(f->early, "failed") != 0 || !f->why[0]))
		return "see 'dmesg | grep vmreserve:' for what happened at boot";
	if (f->early[0] == 'f') {
		/* The reason names its fix (vfio-pci blacklisted, ...). */
		snprintf(buf, size, "%s; see 'dmesg | grep vmreserve:'",
			 f->why);
		return buf;
	}
	snprintf(buf, size, "vmreserve-early gave it back to its host driver "
		 "at boot: %s; see 'dmesg | grep vmreserve:'", f->why);
	return buf;
}

/* Why the core would never take f (vmr_refusal): the early binary's rule. */
static enum vmr_refusal refusal(const struct vmr_report *r,
				const struct vmr_fn *f)
{
	struct vmr_dev_facts d = { f->class, f->bridge, f->sel_by_address,
				   f->group, r->iommu.enabled };

	return vmr_refusal(&d);
}

static void judge_fn(struct vmr_report *r, struct vmr_fn *f)
{
	const char *sel = r->plan.sel[f->sel].text;
	enum vmr_refusal why = refusal(r, f);
	char fix[VMR_ADVICE_LEN];

	r->asked++;
	vmr_report_rec_dev(r, f);
	if (f->driver_unread) {
		char what[64];

		snprintf(what, sizeof(what), "whether %s is on " VMR_VFIO_DRIVER,
			 f->addr);
		vmr_cannot_judge(r, f->driver_unread, what);
		return;
	}
	f->in_effect = on_vfio(f);
	r->in_effect += f->in_effect;
	if (f->in_effect)
		return;
	if (why == VMR_REFUSE_BRIDGE)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "select the device "
			   "behind the bridge instead", "%s (selected by '%s') "
			   "is a PCI bridge or port: bridges are never taken",
			   f->addr, sel);
	else if (!r->iommu.enabled)
		return; /* said once, for all devices */
	else if (why == VMR_REFUSE_NO_GROUP)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, vmr_igfx_off(r->cmdline) ?
			   "do not select it; for an Intel iGPU, remove "
			   "intel_iommu=igfx_off" : "do not select it",
			   "%s (selected by '%s') " VMR_NO_GROUP_WHY, f->addr,
			   sel);
	else if (why == VMR_REFUSE_STORAGE_ID)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "select it by address "
			   "(rd.vmreserve.pci=DDDD:BB:SS.F) if you mean to "
			   "pass it through", "%s (selected by id '%s') is a "
			   "storage controller: not taken by id", f->addr, sel);
	else
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, not_bound_fix(r, f,
			   fix, sizeof(fix)), "%s (selected by '%s') is %s%s, "
			   "not on " VMR_VFIO_DRIVER, f->addr, sel, f->driver[0]
			   ? "on " : "without a driver", f->driver);
}

static size_t first_selected(const struct vmr_report *r,
			     const struct vmr_group *g)
{
	for (size_t k = g->first; k < g->first + g->count; k++)
		if (r->fn[k].sel >= 0)
			return k;
	return SIZE_MAX;
}

/*
 * The fix for m, a member the plan does not select that blocks the group:
 * suggest's rules (spare.h). Never the host's display nor its storage;
 * anything else only if the host can spare it, pinned to the device.
 */
static void block_fix(const struct vmr_report *r, const struct vmr_fn *m,
		      char *fix, size_t size)
{
	char pin[VMR_PINNED_LEN];

	if (vmr_host_display(r, m))
		snprintf(fix, size, "the group cannot be passed through "
			 "without taking the host's display (%s is its %s): "
			 "put the card in another slot, or use ACS isolation",
			 m->addr, m->boot_vga ? "boot GPU" : "only other GPU");
	else if (vmr_host_storage(m))
		snprintf(fix, size, "%s is a storage controller on %s: the "
			 "host may boot from it, do not select it; put the "
			 "card in another slot, or use ACS isolation", m->addr,
			 m->driver);
	else {
		vmr_pinned_sel(pin, sizeof(pin), m->addr, m->vendor,
			       m->device);
		snprintf(fix, size, "select it too, if the host can spare it "
			 "(rd.vmreserve.pci=%s), or put the card in a slot "
			 "with an IOMMU group of its own", pin);
	}
}

static void advise_group(struct vmr_report *r, const struct vmr_group *g,
			 const struct vmr_fn *sel)
{
	for (size_t k = g->first; k < g->first + g->count; k++) {
		const struct vmr_fn *m = &r->fn[k];
		char fix[VMR_ADVICE_LEN];

		/* vmreserve(8): only members that are not selected; a
		 * selected one has its own advice (not on vfio-pci). */
		if (!m->blocks || m->sel >= 0)
			continue;
		block_fix(r, m, fix, sizeof(fix));
		vmr_advise(&r->advice, VMR_LVL_WARNING, fix, "IOMMU group %d "
			   "of %s is not viable: %s (%04x:%04x) is on %s",
			   g->id, sel->addr, m->addr, m->vendor, m->device,
			   m->driver);
	}
}

static void advise_group_unknown(struct vmr_report *r,
				 const struct vmr_group *g,
				 const struct vmr_fn *sel)
{
	vmr_advise_unread(r, g->unread, "IOMMU group %d of %s may not be viable: "
		      "a member's driver is unknown", g->id, sel->addr);
}

/*
 * Group g of the selected function sel is viable, but only while a member
 * the plan does not select stays on vfio-pci, where another binder put it
 * (vfio-pci.ids=, driverctl): removing that setting breaks the group.
 */
static void advise_other_binder(struct vmr_report *r,
				const struct vmr_group *g,
				const struct vmr_fn *sel)
{
	for (size_t k = 0; k < g->count; k++) {
		const struct vmr_fn *m = &r->fn[g->first + k];
		char fix[VMR_ADVICE_LEN], pin[VMR_PINNED_LEN];

		if (m->sel >= 0 || m->bridge ||
		    strcmp(m->driver, VMR_VFIO_DRIVER) != 0)
			continue;
		vmr_pinned_sel(pin, sizeof(pin), m->addr, m->vendor, m->device);
		snprintf(fix, sizeof(fix), "select it too "
			 "(rd.vmreserve.pci=%s), so that the group "
			 "does not depend on that setting", pin);
		vmr_advise(&r->advice, VMR_LVL_NOTE, fix, "IOMMU group %d of "
			   "%s is viable only while %s (%04x:%04x), which "
			   "vmreserve does not select, stays on " VMR_VFIO_DRIVER
			   ": another binder put it there (vfio-pci.ids=, "
			   "options vfio-pci ids=, driverctl, libvirt)", g->id,
			   sel->addr,
			   m->addr, m->vendor, m->device);
	}
}

void vmr_judge_devices(const struct vmr_root *root, struct vmr_report *r)
{
	size_t n_sel = 0;

	for (size_t i = 0; i < r->n_fn; i++) {
		struct vmr_fn *f = &r->fn[i];
		const struct vmr_group *g;

		if (f->sel < 0)
			continue;
		n_sel++;
		judge_fn(r, f);
		/* Not for a device never taken: the host keeps it. */
		if (f->boot_vga && f->group >= 0 &&
		    refusal(r, f) == VMR_REFUSE_NONE)
			vmr_advise(&r->advice, VMR_LVL_NOTE, "if the kernel "
				   "log says \"BAR N: can't reserve\", add "
				   "initcall_blacklist=sysfb_init (kernels "
				   "6.0+ release the firmware framebuffer by "
				   "themselves)", "%s is the boot VGA device: "
				   "the host console loses it", f->addr);
		g = vmr_report_group(r, f->group);
		/* Once per group, at its first selected member. */
		if (g && !g->viable && first_selected(r, g) == i)
			advise_group(r, g, f);
		else if (g && g->unread && first_selected(r, g) == i)
			advise_group_unknown(r, g, f);
		if (g && g->viable && first_selected(r, g) == i)
			advise_other_binder(r, g, f);
		if (f->group < 0 && f->group_unread)
			vmr_advise_unread(r, f->group_unread, "%s: its IOMMU group "
				      "is unknown", f->addr);
	}
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		if (r->sel_hits[i] || r->sel_found[i]) /* see judge_pins */
			continue;
		r->asked++;
		/* Not seen is no proof of absence when the listing failed. */
		if (!vmr_report_listed_all(r)) {
			char what[64], at[VMR_ORIGIN_LEN];

			snprintf(what, sizeof(what), "%s '%s'",
				 vmr_origin(r->plan.sel[i].from, "pci", at),
				 r->plan.sel[i].text);
			vmr_cannot_judge(r, r->devices_unread ?
				     r->devices_unread : r->ids_unread, what);
			continue;
		}
		char at[VMR_ORIGIN_LEN];

		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "check the address or "
			   "id with 'vmreserve groups' or 'lspci -Dnn'",
			   "%s: '%s' matched no device",
			   vmr_origin(r->plan.sel[i].from, "pci", at),
			   r->plan.sel[i].text);
	}
	if (n_sel && !r->iommu.enabled && r->iommu.groups_unread)
		vmr_advise_unread(r, r->iommu.groups_unread, "whether the IOMMU is "
			      "on is unknown: %zu selected device(s) cannot be "
			      "judged for it", n_sel);
	else if (n_sel && !r->iommu.enabled)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, vmr_iommu_hint(root),
			   "IOMMU is off (no IOMMU groups): %zu selected "
			   "device(s) cannot be bound to " VMR_VFIO_DRIVER,
			   n_sel);
}

/*
 * Address selectors. A pinned one whose address holds another card took
 * nothing there: never in effect, and the advice names both ids. One
 * without a pin that took something is worth pinning to the card it found
 * (function 0's ids for a slot): a card added or moved, or renumbered
 * buses, then cannot hand another device to vfio-pci.
 */
/*
 * Where to pin a selector: on the command line, or on its line of the
 * config file, which then needs the initramfs rebuilt.
 */
static void pin_fix(const struct vmr_pci_sel *s, const struct vmr_fn *f,
		    char *fix, size_t size)
{
	if (s->from.src == VMR_SRC_CONF)
		snprintf(fix, size, "pin it to the card: pci=%s@%04x:%04x on "
			 "line %u of %s, then rebuild the initramfs", s->text,
			 f->vendor, f->device, s->from.line,
			 vmr_src_path(VMR_SRC_CONF));
	else
		snprintf(fix, size, "pin it to the card: "
			 "rd.vmreserve.pci=%s@%04x:%04x", s->text,
			 f->vendor, f->device);
}

void vmr_judge_pins(struct vmr_report *r)
{
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		const struct vmr_pci_sel *s = &r->plan.sel[i];
		unsigned found = r->sel_found[i];
		char at[VMR_BDF_LEN], fix[VMR_ADVICE_LEN], from[VMR_ORIGIN_LEN];
		const struct vmr_fn *f;

		if (s->kind == VMR_SEL_ID)
			continue;
		vmr_sel_pin_addr(s, at);
		vmr_origin(s->from, "pci", from);
		if (found && !r->sel_hits[i]) {
			r->asked++;
			snprintf(fix, sizeof(fix), "if the card moved, find "
				 "%04x:%04x with 'vmreserve groups' or 'lspci "
				 "-Dnn' and select its new address; if %s is "
				 "the card you mean, pin %04x:%04x", s->vendor,
				 s->device, at, found >> 16, found & 0xffff);
			vmr_advise(&r->advice, VMR_LVL_CRITICAL, fix,
				   "%s: '%s': %s is %04x:%04x, "
				   "not %04x:%04x: nothing taken there",
				   from, s->text, at, found >> 16, found & 0xffff,
				   s->vendor, s->device);
		} else if (!s->pinned && r->sel_hits[i] &&
			   (f = vmr_report_fn(r, at)) != NULL && f->in_effect) {
			/* Only for a device that is taken: pinning one that
			 * is refused or not bound helps nobody yet. */
			pin_fix(s, f, fix, sizeof(fix));
			vmr_advise(&r->advice, VMR_LVL_NOTE, fix,
				   "%s: '%s' selects by address "
				   "alone: if another card ever sits at %s, it "
				   "goes to " VMR_VFIO_DRIVER, from, s->text, at);
		}
	}
}

