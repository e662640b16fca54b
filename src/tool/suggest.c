/* SPDX-License-Identifier: MIT */
#include "suggest.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cmdline.h"
#include "hp_plan.h"
#include "judge_hp.h"
#include "libvirt.h"
#include "pci.h"
#include "quirks.h"
#include "sel_text.h"
#include "spare.h"
#include "status.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long name cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* ---- the device and its slot ----------------------------------------- */

static int build_report(const struct vmr_root *root,
			const struct vmr_suggest_opts *o, struct vmr_report *r,
			const char *sel)
{
	char plan[VMR_GT_SEL_LEN + 32];
	struct vmr_report_opts ro = { o->sysroot, o->cmdline, false, plan };

	snprintf(plan, sizeof(plan), "rd.vmreserve.pci=%s", sel);
	vmr_report_free(r);
	return vmr_status_build(root, &ro, r);
}

/* DEVICE: an address or an id, one selector, no pin (suggest adds it). */
static int check_device(const char *dev, char *err, size_t errlen)
{
	static struct vmr_plan plan; /* large: not on the stack */
	char text[96];

	if (strlen(dev) > 40 || strchr(dev, '@') || strchr(dev, ',') ||
	    strchr(dev, ' ') || strchr(dev, '"'))
		return fail(err, errlen, "DEVICE '%s': want an address "
			    "(06:00, 0000:06:00.0) or a vendor:device id "
			    "(10de:1c81)", dev);
	snprintf(text, sizeof(text), "rd.vmreserve.pci=%s", dev);
	vmr_cmdline_parse(text, &plan);
	if (plan.n_errors || plan.n_sel != 1)
		return fail(err, errlen, "DEVICE '%s': %s", dev, plan.n_diag ?
			    plan.diag[0].msg : "not an address or id");
	return 0;
}

static int matched(const struct vmr_report *r, size_t *first, char *list,
		   size_t size)
{
	int n = 0;

	list[0] = '\0';
	for (size_t i = 0; i < r->n_selected; i++) {
		const struct vmr_fn *f = &r->fn[r->selected[i]];
		size_t len = strlen(list);

		if (n++ == 0)
			*first = r->selected[i];
		if (n <= 4)
			snprintf(list + len, size - len, "%s%s", len ? ", " : "",
				 f->addr);
	}
	return n;
}

/* The one slot DEVICE names, into s->slot. */
static int find_slot(const struct vmr_root *root,
		     const struct vmr_suggest_opts *o, struct vmr_suggest *s,
		     char *err, size_t errlen)
{
	char list[128];
	size_t first = 0;
	uint32_t dom;
	unsigned bus, slot, fn;
	int n, ret = build_report(root, o, &s->r, o->device);

	if (ret < 0)
		return ret;
	n = matched(&s->r, &first, list, sizeof(list));
	if (n == 0)
		return fail(err, errlen, "DEVICE '%s': no such PCI device "
			    "here; 'vmreserve groups' lists them", o->device);
	if (s->r.plan.sel[0].kind == VMR_SEL_ID && n > 1)
		return fail(err, errlen, "DEVICE '%s' matches %d devices "
			    "(%s%s): give the address of the one you mean",
			    o->device, n, list, n > 4 ? ", ..." : "");
	if (vmr_parse_bdf(s->r.fn[first].addr, &dom, &bus, &slot, &fn) < 0)
		return fail(err, errlen, "DEVICE '%s': '%s' is not a PCI "
			    "address", o->device, s->r.fn[first].addr);
	snprintf(s->slot, sizeof(s->slot), "%04x:%02x:%02x", (unsigned)dom,
		 bus, slot);
	snprintf(s->asked, sizeof(s->asked), "%s", s->r.fn[first].addr);
	s->asked_one = n == 1;
	return 0;
}

/* The slot's functions in address order, and the pin (function 0's ids). */
static int slot_functions(struct vmr_suggest *s)
{
	const struct vmr_report *r = &s->r;

	s->fn = calloc(r->n_selected ? r->n_selected : 1, sizeof(*s->fn));
	if (!s->fn)
		return -ENOMEM;
	for (size_t i = 0; i < r->n_selected; i++)
		s->fn[s->n_fn++] = r->selected[i];
	vmr_fn_sort_by_addr(r->fn, s->fn, s->n_fn);
	for (size_t i = 0; i < s->n_fn; i++) {
		const struct vmr_fn *f = &r->fn[s->fn[i]];
		size_t len = strlen(f->addr);

		if (len > 2 && strcmp(f->addr + len - 2, ".0") == 0 &&
		    !f->id_unread) {
			s->pinned = true;
			s->pin_vendor = f->vendor;
			s->pin_device = f->device;
		}
	}
	if (s->pinned)
		vmr_pinned_sel(s->sel, sizeof(s->sel), s->slot, s->pin_vendor,
			       s->pin_device);
	else
		snprintf(s->sel, sizeof(s->sel), "%s", vmr_short_addr(s->slot));
	return 0;
}

/* ---- judging ------------------------------------------------------------ */

/* What group truth may read and write of s, for one call (group_truth.h);
 * taken afresh at each call, as building the report again moves nothing
 * it points to but costs nothing to be sure of. */
static struct vmr_gt_job gt_job(struct vmr_suggest *s)
{
	struct vmr_gt_job j = {
		.r = &s->r, .fn = s->fn, .n_fn = &s->n_fn, .device = s->device,
		.asked_one = s->asked_one, .slot = s->slot, .sel = s->sel,
		.gt = &s->gt,
		.advice = &s->advice,
	};

	return j;
}

static void judge_iommu(const struct vmr_root *root, struct vmr_suggest *s)
{
	const struct vmr_iommu *io = &s->r.iommu;

	s->iommu_on = io->enabled;
	/* intel_iommu=on keeps VT-d on whatever the kernel's default
	 * (CONFIG_INTEL_IOMMU_DEFAULT_ON); AMD's is on by default. */
	if (io->dmar)
		s->iommu_key = "intel_iommu=on";
	if (io->enabled)
		return;
	if (io->dmar)
		vmr_advise(&s->advice, VMR_LVL_WARNING, "boot with the keys "
			   "below, then run vmreserve suggest again to see the "
			   "IOMMU groups", "the IOMMU is off (no IOMMU "
			   "groups): the keys below turn it on "
			   "(intel_iommu=on), but whether the slot's IOMMU "
			   "group is viable can only be judged once it is on");
	else
		vmr_advise(&s->advice, VMR_LVL_CRITICAL, vmr_iommu_hint(root),
			   "the IOMMU is off (no IOMMU groups): vfio-pci "
			   "cannot take any device");
}

static void judge_group(struct vmr_suggest *s, const struct vmr_group *g)
{
	struct vmr_sg_group *sg;

	for (size_t i = 0; i < s->n_group; i++)
		if (s->group[i].id == g->id)
			return;
	if (s->n_group == VMR_SG_MAX_GROUPS)
		return;
	sg = &s->group[s->n_group++];
	sg->id = g->id;
	/* Members the keys must take did not fit in them (group_truth.c). */
	sg->viable = !(s->gt.cut && s->gt.cut_group == g->id);
	for (size_t k = g->first; k < g->first + g->count; k++) {
		const struct vmr_fn *m = &s->r.fn[k];

		/* The keys select it (group_truth.c): vfio-pci's. */
		if (m->sel >= 0)
			continue;
		if (m->driver_unread) {
			sg->unknown = true;
			continue;
		}
		/* On vfio-pci, but the keys leave it: viable only while that
		 * other binder stays. */
		if (!m->bridge && strcmp(m->driver, VMR_VFIO_DRIVER) == 0) {
			if (sg->n_binder < sizeof(sg->binder) /
					   sizeof(sg->binder[0]))
				sg->binder[sg->n_binder++] = k;
			continue;
		}
		/* Judged as at pre-udev: a driver-less endpoint gets its
		 * driver from udev later and blocks then too. */
		if (!vmr_member_blocks(m->driver, m->bridge, true))
			continue;
		sg->viable = false;
		if (sg->n_block < sizeof(sg->block) / sizeof(sg->block[0]))
			sg->block[sg->n_block++] = k;
	}
}

static void advise_block(struct vmr_suggest *s, const struct vmr_sg_group *g,
			 const struct vmr_fn *m)
{
	char fix[VMR_ADVICE_LEN], pin[VMR_PINNED_LEN], keys[64];
	bool gpu = (m->class >> 16) == 0x03;
	bool only = vmr_host_only_display(&s->r, m);

	vmr_pinned_sel(pin, sizeof(pin), m->addr, m->vendor, m->device);
	/* Never "pass it too" for the host's own display. */
	if (vmr_host_display(&s->r, m))
		snprintf(fix, sizeof(fix), "put the card in a slot with an "
			 "IOMMU group of its own: %s is the host's %s",
			 m->addr, m->boot_vga ? "boot GPU" : "only other GPU");
	else
		snprintf(fix, sizeof(fix), "put the card in a slot with an "
			 "IOMMU group of its own, or, if the host can spare "
			 "it, pass %s through too (rd.vmreserve.pci=%s)",
			 m->addr, pin);
	/* By function (group_truth.c, split), the keys are not the slot. */
	snprintf(keys, sizeof(keys), s->gt.split ? "with these keys" :
		 "even with the whole slot %s", s->slot);
	vmr_advise(&s->advice, VMR_LVL_CRITICAL, fix, "IOMMU group %d is not "
		   "viable %s: %s (%04x:%04x%s) is "
		   "%s%s", g->id, keys, m->addr, m->vendor, m->device,
		   !gpu ? "" : m->boot_vga ? ", the boot VGA device" :
		   only ? ", the host's only display" :
		   ", a GPU", m->driver[0] ? "on " : "without a driver "
		   "(udev gives it one)", m->driver);
}

/* Which setting holds m on vfio-pci, as far as the report can tell. */
static void binder_name(const struct vmr_suggest *s, const struct vmr_fn *m,
			char *buf, size_t size)
{
	char id[16];

	snprintf(id, sizeof(id), "%04x:%04x", m->vendor, m->device);
	if (strstr(s->r.foreign.vfio_ids, id))
		snprintf(buf, size, "vfio-pci.ids=%s on the kernel command "
			 "line", s->r.foreign.vfio_ids);
	else
		snprintf(buf, size, "another binder (options vfio-pci ids=, "
			 "driverctl, libvirt)");
}

static void advise_binder(struct vmr_suggest *s, const struct vmr_sg_group *g)
{
	/* Cut from the keys (group_truth.c): that advice says it. */
	if (s->gt.cut && s->gt.cut_group == g->id)
		return;
	for (size_t b = 0; b < g->n_binder; b++) {
		const struct vmr_fn *m = &s->r.fn[g->binder[b]];
		char who[320], pin[VMR_PINNED_LEN], fix[VMR_ADVICE_LEN];

		binder_name(s, m, who, sizeof(who));
		vmr_pinned_sel(pin, sizeof(pin), m->addr, m->vendor, m->device);
		snprintf(fix, sizeof(fix), "select it too if the VM may have "
			 "it (rd.vmreserve.pci=%s), so that the group does not "
			 "depend on that setting", pin);
		vmr_advise(&s->advice, VMR_LVL_WARNING, fix,
			   "IOMMU group %d is viable only via another binder: "
			   "the keys do not select %s (%04x:%04x), which "
			   "stays on vfio-pci only while %s keeps it there",
			   g->id, m->addr, m->vendor, m->device, who);
	}
}

static void advise_groups(struct vmr_suggest *s)
{
	for (size_t i = 0; i < s->n_group; i++) {
		const struct vmr_sg_group *g = &s->group[i];

		for (size_t b = 0; b < g->n_block; b++)
			advise_block(s, g, &s->r.fn[g->block[b]]);
		advise_binder(s, g);
		if (g->unknown && g->viable)
			vmr_advise(&s->advice, VMR_LVL_WARNING, "run vmreserve "
				   "as root", "IOMMU group %d may not be "
				   "viable: a member's driver cannot be read",
				   g->id);
	}
}

/* A function the keys take: the boot GPU, or (a member from outside the
 * slot) the host's only one; the slot's own: group_truth.c, only_gpu. */
static void judge_boot_vga(struct vmr_suggest *s, const struct vmr_fn *f,
			   bool extra)
{
	if (f->boot_vga)
		vmr_advise(&s->advice, VMR_LVL_WARNING, "make another GPU the "
			   "boot GPU in the firmware, or manage the host over "
			   "the network or a serial console", "%s is the boot "
			   "VGA device: the host loses its console when "
			   "vfio-pci takes it, and the firmware's framebuffer "
			   "may hold its BARs", f->addr);
	if (extra && (f->class >> 16) == 0x03 &&
	    vmr_host_only_display(&s->r, f))
		vmr_advise(&s->advice, VMR_LVL_CRITICAL, "pass it through on a "
			   "host with another GPU, or run this one headless "
			   "(network or serial console)", "the keys take %s "
			   "too, in the IOMMU group of %s: the host's only "
			   "GPU, so the host loses its display", f->addr,
			   s->device);
}

static void judge_devices(struct vmr_suggest *s)
{
	struct vmr_gt_job job;

	for (size_t i = 0; i < s->n_fn; i++) {
		const struct vmr_fn *f = &s->r.fn[s->fn[i]];
		const struct vmr_group *g = f->group >= 0 ?
			vmr_report_group(&s->r, f->group) : NULL;

		/* Named by address: the storage rule does not apply. */
		struct vmr_dev_facts d = { f->class, f->bridge, true,
					   f->group, s->iommu_on };
		enum vmr_refusal why = vmr_refusal(&d);

		if (why == VMR_REFUSE_BRIDGE)
			vmr_advise(&s->advice, VMR_LVL_CRITICAL, "pass the "
				   "device behind it instead", "%s is a PCI "
				   "bridge or port: vmreserve never takes it",
				   f->addr);
		else if (why == VMR_REFUSE_NO_GROUP)
			vmr_advise(&s->advice, VMR_LVL_CRITICAL,
				   vmr_igfx_off(s->r.cmdline) ? "for an Intel "
				   "iGPU, remove intel_iommu=igfx_off" : "pass "
				   "through another device", "%s "
				   VMR_NO_GROUP_WHY, f->addr);
		if (g)
			judge_group(s, g);
		judge_boot_vga(s, f, false);
	}
	/* The members the keys take from outside the slot: group_truth.c
	 * never takes a display, and this holds it to that. */
	for (size_t i = 0; i < s->gt.n_extra; i++) {
		const struct vmr_fn *m = vmr_report_fn(&s->r, s->gt.extra[i]);

		if (m)
			judge_boot_vga(s, m, true);
	}
	advise_groups(s);
	job = gt_job(s);
	vmr_gt_advise(&job);
}

/* ---- node and memory ------------------------------------------------- */

static void pick_node(struct vmr_suggest *s)
{
	const struct vmr_report *r = &s->r;
	uint64_t best = 0;

	for (size_t i = 0; i < s->n_fn; i++) {
		int nn = r->fn[s->fn[i]].numa_node;

		if (nn >= 0 && vmr_report_node(r, (unsigned)nn)) {
			s->node = (unsigned)nn;
			s->node_from_device = true;
			return;
		}
	}
	s->node = r->n_node ? r->node[0].id : 0;
	for (size_t i = 0; i < r->n_node; i++) {
		if (r->node[i].meminfo_unread)
			continue;
		if (r->node[i].mem_free_kb > best) {
			best = r->node[i].mem_free_kb;
			s->node = r->node[i].id;
		}
	}
}

static void fmt_size(char *buf, size_t size, uint64_t kb)
{
	vmr_format_kb(buf, size, kb);
}

static uint64_t sub(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

/*
 * What the host's own plan already reserves on the chosen node: the entry
 * of the chosen page size (the new key replaces it: same node and size),
 * the other sizes, and of those the ones vmreserve-early applies after
 * the chosen size (smaller pages: vmr_hp_order), which a boot measurement
 * of the chosen size's free memory does not include yet.
 */
static void host_on_node(struct vmr_suggest *s, uint64_t *later_kb)
{
	const struct vmr_plan *h = s->host;

	*later_kb = 0;
	for (size_t i = 0; i < h->n_hp; i++) {
		const struct vmr_hp_req *q = &h->hp[i];
		uint64_t kb = vmr_hp_pages(q) * q->page_kb;

		if (q->node != s->node)
			continue;
		if (q->page_kb == s->page_kb) {
			s->host_kb = kb;
			continue;
		}
		s->other_kb += kb;
		if (q->page_kb < s->page_kb)
			*later_kb += kb;
	}
}

/* Hugepages the node holds now, every size: free again at the next boot. */
static uint64_t held_kb(const struct vmr_report *r, unsigned node)
{
	uint64_t kb = 0;

	for (size_t i = 0; i < r->n_hp; i++)
		if (r->hp[i].node == node && !r->hp[i].unread)
			kb += r->hp[i].total * r->hp[i].page_kb;
	return kb;
}

/*
 * What the initramfs may use on a node at pre-udev beyond what the booted
 * host uses now: its unpacked files, the image until it is freed, early
 * userspace. A stated estimate: on the boot test's 1 GiB QEMU nodes (a 93
 * MiB dracut image), over four pairs of boots, the node's MemFree at
 * pre-udev was from 0 to 101 MiB below what the booted host showed before,
 * so the free memory now alone overshoots (it was clamped once).
 */
#define VMR_SG_BOOT_USE_KB (256 * 1024)

/*
 * The most the chosen size's entry on the node can hold at the next boot
 * (the host's pages of that size included): never above the node's total
 * less the keep margin and the host's other sizes; below that, what
 * vmreserve-early measured at boot (this boot's record: it clamps to the
 * free memory then, vmr_hp_keep_limit), else the free memory now plus the
 * hugepages held now less VMR_SG_BOOT_USE_KB, an estimate: the initramfs
 * has less free than the node's total, and only a boot measures how much.
 */
static uint64_t entry_cap(const struct vmr_node *n, struct vmr_suggest *s)
{
	uint64_t boot_free = 0, before = 0, later_kb, cap, at_boot;
	bool measured = vmr_report_boot_free(&s->r, s->node, s->page_kb,
					     &boot_free, &before);

	host_on_node(s, &later_kb);
	cap = sub(n->mem_total_kb, s->keep_kb + s->other_kb);
	s->limit_from = VMR_SG_LIMIT_TOTAL;
	if (measured)
		at_boot = sub(vmr_hp_limit(before, boot_free, s->keep_kb,
					   s->page_kb) * s->page_kb, later_kb);
	else
		at_boot = sub(n->mem_free_kb + held_kb(&s->r, s->node),
			      VMR_SG_BOOT_USE_KB + s->keep_kb + s->other_kb);
	if (at_boot < cap) {
		cap = at_boot;
		s->limit_from = measured ? VMR_SG_LIMIT_BOOT :
			       VMR_SG_LIMIT_FREE_NOW;
	}
	return cap / s->page_kb * s->page_kb;
}

static const char *limit_why(const struct vmr_suggest *s)
{
	return s->limit_from == VMR_SG_LIMIT_BOOT ? ", and the free memory "
	       "vmreserve-early measured at boot" :
	       s->limit_from == VMR_SG_LIMIT_FREE_NOW ? ", and its free "
	       "memory now less 256M for the initramfs: an upper bound until "
	       "vmreserve-early measures it at boot" : "";
}

/* Whole GiB when there is one, else whole pages. */
static uint64_t round_down(uint64_t kb, uint64_t page_kb)
{
	return kb >= 1048576 ? kb / 1048576 * 1048576 : kb / page_kb * page_kb;
}

/*
 * Without --memory: half of the node's memory above its keep margin, so
 * that the host and another guest keep the other half (on a 256 GiB node
 * of a 512 GiB server, 127G rather than every free page), rounded down to
 * whole GiB and capped at what fits (limit_kb, which the text and JSON
 * still show). Never less than one page: the limit holds at least one.
 */
static void default_memory(struct vmr_suggest *s)
{
	uint64_t half = round_down(sub(s->node_total_kb, s->keep_kb) / 2,
				   s->page_kb);

	s->memory_from = VMR_SG_MEM_HALF;
	if (half < s->page_kb)
		half = s->page_kb;
	if (half > s->limit_kb) {
		half = round_down(s->limit_kb, s->page_kb);
		s->memory_from = VMR_SG_MEM_LIMIT;
	}
	s->memory_kb = half;
}

static int pick_memory(const struct vmr_suggest_opts *o, struct vmr_suggest *s,
		       char *err, size_t errlen)
{
	const struct vmr_node *n = vmr_report_node(&s->r, s->node);
	char page[16], lim[24], keep[24], tot[24], held[64] = "";
	uint64_t cap;

	s->page_kb = o->page_kb;
	vmr_format_kb(page, sizeof(page), s->page_kb);
	if (!n || n->meminfo_unread || !n->mem_total_kb)
		return fail(err, errlen, "node %u: its memory size cannot be "
			    "read (sys/devices/system/node/node%u/meminfo); "
			    "run vmreserve as root", s->node, s->node);
	if (!vmr_report_hp(&s->r, s->node, s->page_kb))
		return fail(err, errlen, "--page-size %s: node %u offers no "
			    "%s hugepages (1G needs the CPU flag pdpe1gb); "
			    "use --page-size 2M", page, s->node, page);
	s->node_total_kb = n->mem_total_kb;
	/* The keep margin of the host's plan (config file and command line,
	 * as vmreserve-early reads them), else the default. */
	s->keep = s->host->keep;
	s->keep_kb = vmr_keep_kb(&s->keep, n->mem_total_kb);
	cap = entry_cap(n, s);
	s->limit_kb = sub(cap, s->host_kb);
	fmt_size(lim, sizeof(lim), s->limit_kb);
	fmt_size(keep, sizeof(keep), s->keep_kb);
	fmt_size(tot, sizeof(tot), n->mem_total_kb);
	if (s->host_kb + s->other_kb) {
		char h[24];

		fmt_size(h, sizeof(h), s->host_kb + s->other_kb);
		snprintf(held, sizeof(held), ", beside the %s the host's plan "
			 "reserves there", h);
	}
	if (s->limit_kb < s->page_kb)
		return fail(err, errlen, "node %u (%s) cannot hold one more %s "
			    "page above its keep margin (%s%s%s)", s->node, tot,
			    page, keep, held, limit_why(s));
	if (o->memory_kb > s->limit_kb)
		return fail(err, errlen, "--memory %s: node %u can give at most "
			    "%s in %s pages (its keep margin is %s of %s%s%s); "
			    "use --memory %s or less", o->memory_arg, s->node,
			    lim, page, keep, tot, held, limit_why(s), lim);
	if (o->memory_kb)
		s->memory_kb = (o->memory_kb + s->page_kb - 1) / s->page_kb *
			       s->page_kb;
	else
		default_memory(s);
	s->pages = s->memory_kb / s->page_kb;
	/* The keys replace the host's: its own margin goes with them. */
	s->keep_key = s->keep.kind != VMR_KEEP_DEFAULT;
	return 0;
}

/* Other nodes holding pages of this size from the kernel's hugepages=. */
static void pick_empty(struct vmr_suggest *s)
{
	const struct vmr_report *r = &s->r;

	if (!r->foreign.hugepages[0])
		return;
	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];

		if (h->node != s->node && h->page_kb == s->page_kb &&
		    h->total &&
		    vmr_plan_hp_find(s->host, h->node, h->page_kb) < 0 &&
		    s->n_empty < sizeof(s->empty) / sizeof(s->empty[0]))
			s->empty[s->n_empty++] = h->node;
	}
}

/*
 * What the keys will reserve (the host's entries, the chosen node's with
 * the VM's memory, the emptied nodes) against the host's other hugepage
 * settings: a vm.nr_hugepages systemd-sysctl applies after boot, the
 * kernel's hugepages= of another size (judge_hp.c).
 */
static void judge_other_hp(struct vmr_suggest *s)
{
	struct vmr_hp_want w[VMR_MAX_HP + 18];
	size_t n = 0;

	for (size_t i = 0; i < s->host->n_hp && n < VMR_MAX_HP; i++) {
		const struct vmr_hp_req *q = &s->host->hp[i];

		if (q->node == s->node && q->page_kb == s->page_kb)
			continue;
		w[n++] = (struct vmr_hp_want){ q->node, q->page_kb,
					       vmr_hp_pages(q) };
	}
	w[n++] = (struct vmr_hp_want){ s->node, s->page_kb,
				       (s->host_kb + s->memory_kb) /
				       s->page_kb };
	for (size_t i = 0; i < s->n_empty; i++)
		w[n++] = (struct vmr_hp_want){ s->empty[i], s->page_kb, 0 };
	vmr_judge_hp_other(&s->r, w, n, &s->advice);
}

/* ---- the keys and how they reach the boot ------------------------------ */

static void append(char *buf, size_t size, const char *sep,
		   const char *text)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s", len ? sep : "", text);
}

/*
 * The keys replace the host's own (one whole configuration): its other
 * selectors and hugepage entries go with the new ones, so that nothing the
 * host asks now is dropped, and a selector of the slot itself is not
 * repeated (the new one, with its pin, takes the slot).
 */
static void host_selectors(const struct vmr_suggest *s, char *pci, size_t size)
{
	uint32_t dom = 0;
	unsigned bus = 0, slot = 0, fn = 0;
	char bdf[VMR_BDF_LEN + 4];

	snprintf(bdf, sizeof(bdf), "%s.0", s->slot);
	vmr_parse_bdf(bdf, &dom, &bus, &slot, &fn);
	for (size_t i = 0; i < s->host->n_sel; i++) {
		const struct vmr_pci_sel *q = &s->host->sel[i];

		if (q->kind != VMR_SEL_ID && q->domain == dom &&
		    q->bus == bus && q->slot == slot)
			continue;
		append(pci, size, ",", q->text);
	}
	append(pci, size, ",", s->gt.sel);
}

static void host_entries(const struct vmr_suggest *s, char *hp, size_t size)
{
	const char *gig = s->page_kb == VMR_GIGANTIC_KB ? ":1G" : "";
	char mine[48], size_s[24];
	bool done = false;

	fmt_size(size_s, sizeof(size_s), s->host_kb + s->memory_kb);
	snprintf(mine, sizeof(mine), "%u:%s%s", s->node, size_s, gig);
	/* In the host's order, the chosen node's entry where it was. */
	for (size_t i = 0; i < s->host->n_hp; i++) {
		const struct vmr_hp_req *q = &s->host->hp[i];

		if (q->node == s->node && q->page_kb == s->page_kb) {
			append(hp, size, ",", mine);
			done = true;
		} else {
			append(hp, size, ",", q->text);
		}
	}
	if (!done)
		append(hp, size, ",", mine);
	for (size_t i = 0; i < s->n_empty; i++) {
		snprintf(mine, sizeof(mine), "%u:0%s", s->empty[i], gig);
		append(hp, size, ",", mine);
	}
}

static void make_keys(struct vmr_suggest *s)
{
	char pci[VMR_SG_KEYS_LEN / 2] = "", hp[VMR_SG_KEYS_LEN / 2] = "";
	char size[24];
	size_t len;

	host_selectors(s, pci, sizeof(pci));
	host_entries(s, hp, sizeof(hp));
	snprintf(s->keys, sizeof(s->keys), "%s%srd.vmreserve.pci=%s "
		 "rd.vmreserve.hugepages=%s", s->iommu_key ? s->iommu_key : "",
		 s->iommu_key ? " " : "", pci, hp);
	snprintf(s->conf_pci, sizeof(s->conf_pci), "pci=%s", pci);
	snprintf(s->conf_hp, sizeof(s->conf_hp), "hugepages=%s", hp);
	if (!s->keep_key)
		return;
	if (s->keep.kind == VMR_KEEP_PERCENT)
		snprintf(size, sizeof(size), "%llu%%",
			 (unsigned long long)s->keep.value);
	else if (s->keep.value % 1024 == 0)
		fmt_size(size, sizeof(size), s->keep.value / 1024);
	else
		snprintf(size, sizeof(size), "%llu",
			 (unsigned long long)s->keep.value);
	len = strlen(s->keys);
	snprintf(s->keys + len, sizeof(s->keys) - len, " rd.vmreserve.keep=%s",
		 size);
	snprintf(s->conf_keep, sizeof(s->conf_keep), "keep=%s", size);
}

static void make_apply(const struct vmr_root *root, struct vmr_suggest *s)
{
	const struct vmr_hostboot *hb = &s->hb;

	vmr_hostboot_detect(root, &s->hb);
	if (strcmp(hb->loader_name, "grubby") == 0)
		snprintf(s->apply, sizeof(s->apply), "%s\"%s\"", hb->apply,
			 s->keys);
	else if (strcmp(hb->cmdline_file, "/etc/default/grub") == 0)
		snprintf(s->apply, sizeof(s->apply), "put the keys in "
			 "GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, in "
			 "place of its rd.vmreserve keys, then run: %s",
			 hb->apply);
	else if (hb->cmdline_file[0])
		snprintf(s->apply, sizeof(s->apply), "put the keys in the "
			 "line in %s, in place of its rd.vmreserve keys, then "
			 "run: %s", hb->cmdline_file, hb->apply);
	else
		snprintf(s->apply, sizeof(s->apply), "%s", hb->apply);
}

/* ---- the XML ------------------------------------------------------------ */

static int make_xml(const struct vmr_root *root,
		    const struct vmr_suggest_opts *o, struct vmr_suggest *s,
		    char *err, size_t errlen)
{
	struct vmr_lv_opts lv = { 0 };
	size_t len = 0;
	FILE *m = open_memstream(&s->xml, &len);
	int ret;

	if (!m)
		return -ENOMEM;
	lv.node = (int)s->node;
	lv.vcpus = o->vcpus;
	lv.iothreads = 1;
	lv.full = true;
	lv.page_kb = s->page_kb;
	lv.pages = s->pages;
	lv.devs = s->fn;
	lv.n_devs = s->n_fn;
	ret = vmr_libvirt_print(m, root, &s->r, &lv, err, errlen);
	if (fclose(m) != 0 && ret == 0)
		ret = -EIO;
	return ret;
}

/* ---- the checks and the verdict ---------------------------------------- */

static void run_checks(const struct vmr_root *root, struct vmr_suggest *s)
{
	struct vmr_check_in in = { 0 };
	uint64_t hp_kb = s->host_kb + s->memory_kb;

	/* Pages the keys leave on other nodes stay held. */
	for (size_t i = 0; i < s->r.n_hp; i++) {
		const struct vmr_hprow *h = &s->r.hp[i];
		bool emptied = false;

		for (size_t e = 0; e < s->n_empty; e++)
			emptied |= h->node == s->empty[e] &&
				   h->page_kb == s->page_kb;
		/* The chosen size on the chosen node becomes the keys' entry
		 * (the host's plus the VM's). */
		if ((h->node != s->node || h->page_kb != s->page_kb) &&
		    !emptied)
			hp_kb += h->total * h->page_kb;
	}
	in.root = root;
	in.r = &s->r;
	in.fn = s->fn;
	in.n_fn = s->n_fn;
	in.planned = true;
	in.hp_kb = hp_kb;
	in.rebuild = s->hb.rebuild;
	in.advice = &s->advice;
	vmr_checks_run(&in);
}

static void verdict(struct vmr_suggest *s)
{
	enum vmr_level worst = s->advice.worst;

	s->exit = worst == VMR_LVL_CRITICAL ? VMR_EXIT_CRITICAL :
		  worst == VMR_LVL_WARNING ? VMR_EXIT_WARNING : VMR_EXIT_OK;
}

static struct vmr_plan host; /* large: not on the stack */

int vmr_suggest_build(const struct vmr_root *root,
		      const struct vmr_suggest_opts *o, struct vmr_suggest *s,
		      char *err, size_t errlen)
{
	struct vmr_gt_job job;
	int ret;

	err[0] = '\0';
	snprintf(s->device, sizeof(s->device), "%s", o->device);
	if ((ret = check_device(o->device, err, errlen)) < 0 ||
	    (ret = find_slot(root, o, s, err, errlen)) < 0)
		return ret;
	/* Again with the whole slot as the plan: every function selected,
	 * its host drivers looked up, the host's keys judged against it. */
	if ((ret = build_report(root, o, &s->r, s->slot)) < 0 ||
	    (ret = slot_functions(s)) < 0)
		return ret;
	/* Once more when the keys are not just the slot: the GPU and its
	 * audio by function, the group's other members (group_truth.h). */
	job = gt_job(s);
	if (vmr_gt_plan(&job, s->asked)) {
		if ((ret = build_report(root, o, &s->r, s->gt.sel)) < 0)
			return ret;
		job = gt_job(s);
		vmr_gt_resolve(&job);
	}
	/* The report's own advice on this plan (the host's keys, interrupt
	 * remapping) comes first, as status would show it. */
	vmr_advice_append(&s->advice, &s->r.advice);
	judge_iommu(root, s);
	judge_devices(s);
	/* The host's own keys, as the next boot reads them (--cmdline: that
	 * command line, not this boot's record). */
	s->host = &host;
	s->host_from = vmr_report_host_plan(root, &s->r, !o->cmdline, &host);
	pick_node(s);
	if ((ret = pick_memory(o, s, err, errlen)) < 0)
		return ret;
	pick_empty(s);
	judge_other_hp(s);
	make_keys(s);
	make_apply(root, s);
	/* booster: exit 2; mkinitcpio: where HOOKS has vmreserve's hook */
	vmr_hostboot_judge(root, &s->hb, VMR_LVL_WARNING, &s->advice);
	if ((ret = make_xml(root, o, s, err, errlen)) < 0) {
		/* A node too small for vCPUs besides the emulator's core: the
		 * keys still hold; only a --vcpus the user gave is an error. */
		if (ret != -EINVAL || o->vcpus)
			return ret;
		free(s->xml);
		s->xml = NULL;
		vmr_advise(&s->advice, VMR_LVL_NOTE, "write the domain by "
			   "hand, or run 'vmreserve libvirt --node N' for "
			   "another node after boot", "%s", err);
		err[0] = '\0';
	}
	run_checks(root, s);
	vmr_quirks_advise(&s->r, s->fn, s->n_fn, &s->advice);
	verdict(s);
	return 0;
}

void vmr_suggest_free(struct vmr_suggest *s)
{
	vmr_report_free(&s->r);
	free(s->fn);
	free(s->xml);
	s->fn = NULL;
	s->xml = NULL;
}
