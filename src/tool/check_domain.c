/* SPDX-License-Identifier: MIT */
/*
 * Judging a libvirt domain against this host (check_domain.h). Every fact
 * comes from the status report, so check-domain and status cannot disagree
 * about a device's driver, a group's members or a node's free pages; the
 * group rule is the core's (vmr_member_blocks), as at boot.
 */
#include "check_domain.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks.h"
#include "dev_node.h"
#include "hostboot.h"
#include "hp_plan.h"
#include "log.h"
#include "quirks.h"
#include "str.h"
#include "text.h"
#include "topology.h"

#define NODE_BITS (VMR_MAX_NODE + 1)
#define NODE_BYTES (NODE_BITS / 8)

/* ---- hostdevs --------------------------------------------------------------- */

static const struct vmr_dom_hostdev *in_domain(const struct vmr_domain *d,
					       const char *addr)
{
	for (size_t i = 0; i < d->n_hostdev; i++)
		if (strcmp(d->hostdev[i].addr, addr) == 0)
			return &d->hostdev[i];
	return NULL;
}

static bool on_vfio(const struct vmr_fn *f)
{
	return strcmp(f->driver, VMR_VFIO_DRIVER) == 0;
}

/* The boot-time key that hands this device to vfio-pci. */
static void bind_fix(const struct vmr_fn *f, char *buf, size_t size,
		     bool managed)
{
	if (f->sel >= 0)
		snprintf(buf, size, "rd.vmreserve.pci selects it, but the "
			 "binding did not happen this boot: see 'vmreserve "
			 "status' for why");
	else
		snprintf(buf, size, "hand it to vfio-pci at boot: "
			 "rd.vmreserve.pci=%s@%04x:%04x (see 'vmreserve "
			 "suggest %s')%s", f->addr, f->vendor, f->device,
			 f->addr, managed ? "" : ", or set managed='yes'");
}

/*
 * Would the group be viable once libvirt has the domain's devices on
 * vfio-pci? Every other member must be harmless where it is (the kernel's
 * driver_managed_dma rule, driver-less fine after boot).
 */
static void judge_group(struct vmr_dcheck *c, const struct vmr_report *r,
			const struct vmr_domain *d, const struct vmr_fn *f,
			struct vmr_dc_dev *x)
{
	const struct vmr_group *g = vmr_report_group(r, f->group);
	char fix[VMR_ADVICE_LEN];

	x->viable = g ? 1 : -1;
	for (size_t k = g ? g->first : 0; g && k < g->first + g->count; k++) {
		const struct vmr_fn *m = &r->fn[k];

		if (m == f || in_domain(d, m->addr))
			continue; /* judged as a hostdev of its own */
		if (m->driver_unread) {
			x->viable = -1;
			vmr_advise(&c->advice, VMR_LVL_WARNING, "run vmreserve "
				   "as root on the host itself", "IOMMU group "
				   "%d of %s: the driver of member %s is "
				   "unknown", g->id, f->addr, m->addr);
			continue;
		}
		if (!vmr_member_blocks(m->driver, m->bridge, false))
			continue;
		x->viable = 0;
		snprintf(fix, sizeof(fix), "add %s to the domain as a <hostdev> "
			 "too, or hand the whole slot to vfio-pci at boot "
			 "(rd.vmreserve.pci=%.10s)", m->addr, m->addr);
		vmr_advise(&c->advice, VMR_LVL_CRITICAL, fix, "IOMMU group %d "
			   "of %s is not viable: %s (%04x:%04x) is on %s and "
			   "not in the domain", g->id, f->addr, m->addr,
			   m->vendor, m->device, m->driver);
	}
}

static void judge_driver(struct vmr_dcheck *c, const struct vmr_fn *f,
			 struct vmr_dc_dev *x)
{
	char fix[VMR_ADVICE_LEN];

	if (f->driver_unread) {
		x->level = VMR_LVL_WARNING;
		vmr_advise(&c->advice, x->level, "run vmreserve as root on the "
			   "host itself", "%s: its driver is unknown", f->addr);
		return;
	}
	if (on_vfio(f))
		return;
	bind_fix(f, fix, sizeof(fix), x->managed);
	if (!x->managed) {
		x->level = VMR_LVL_CRITICAL;
		vmr_advise(&c->advice, x->level, fix, "%s is %s%s, not on "
			   VMR_VFIO_DRIVER ", and managed='no': QEMU cannot "
			   "open it", f->addr, f->driver[0] ? "on " : "without "
			   "a driver", f->driver);
	} else if (f->driver[0]) {
		x->level = VMR_LVL_WARNING;
		vmr_advise(&c->advice, x->level, fix, "%s is on %s: libvirt "
			   "will take it from the host at start "
			   "(managed='yes'); the boot-time binding did not "
			   "happen", f->addr, f->driver);
	}
}

/*
 * The status checks' boot framebuffer rule (checks.c): a firmware
 * framebuffer in one of the device's BARs. There a warning means QEMU
 * starts but the guest cannot use the device ("BAR N: can't reserve" in
 * the host log): a start that only looks right, so here it does not fit
 * (the hook's bypass still starts it once). A device not
 * on vfio-pci yet is judged as planned: vfio-pci 6.0+ removes the
 * framebuffer when libvirt hands it over.
 */
static void judge_fb(struct vmr_dcheck *c, const struct vmr_root *root,
		     const struct vmr_report *r, const struct vmr_fn *f,
		     struct vmr_dc_dev *x)
{
	size_t idx = (size_t)(f - r->fn);
	struct vmr_advice_list fb = { 0 };
	struct vmr_check_in in = { .root = root, .r = r, .fn = &idx,
				   .n_fn = 1, .planned = !on_vfio(f),
				   .advice = &fb };

	vmr_checks_fb(&in);
	for (size_t i = 0; i < fb.n; i++)
		if (fb.item[i].level == VMR_LVL_WARNING)
			fb.item[i].level = VMR_LVL_CRITICAL;
	if (fb.worst == VMR_LVL_WARNING)
		fb.worst = VMR_LVL_CRITICAL;
	if (fb.worst > x->level)
		x->level = fb.worst;
	vmr_advice_append(&c->advice, &fb);
}

static void judge_dev(struct vmr_dcheck *c, const struct vmr_root *root,
		      const struct vmr_report *r, const struct vmr_domain *d,
		      const struct vmr_dom_hostdev *h)
{
	struct vmr_dc_dev *x = &c->dev[c->n_dev++];
	const struct vmr_fn *f = vmr_report_fn(r, h->addr);
	struct vmr_dev_facts facts;
	enum vmr_refusal why;

	memset(x, 0, sizeof(*x));
	snprintf(x->addr, sizeof(x->addr), "%s", h->addr);
	x->managed = h->managed;
	x->interface = h->interface;
	x->group = -1;
	x->viable = -1;
	if (!f) {
		x->level = vmr_report_listed_all(r) ? VMR_LVL_CRITICAL :
			   VMR_LVL_WARNING;
		vmr_advise(&c->advice, x->level, "a card added or moved "
			   "renumbers the buses: find the device with "
			   "'vmreserve groups' or 'lspci -Dnn' and correct the "
			   "<hostdev> address", "%s: %s", h->addr, x->level ==
			   VMR_LVL_CRITICAL ? "no such PCI device on this host"
			   : "not among the PCI devices that could be read");
		return;
	}
	x->exists = true;
	if (!f->id_unread)
		snprintf(x->id, sizeof(x->id), "%04x:%04x", f->vendor, f->device);
	snprintf(x->driver, sizeof(x->driver), "%s", f->driver);
	x->group = f->group;
	x->boot_vga = f->boot_vga;
	if (!r->iommu.enabled) {
		x->level = VMR_LVL_CRITICAL; /* said once, in judge_hostdevs */
		return;
	}
	/* A hostdev is named by address: the storage rule does not apply. */
	facts.class = f->class;
	facts.bridge = f->bridge;
	facts.by_address = true;
	facts.group = f->group;
	facts.iommu = true;
	why = vmr_refusal(&facts);
	if (why == VMR_REFUSE_BRIDGE) {
		x->level = VMR_LVL_CRITICAL;
		vmr_advise(&c->advice, x->level, "pass through the device "
			   "behind the bridge instead", "%s is a PCI bridge or "
			   "port: vfio-pci never takes one", f->addr);
		return;
	}
	if (why == VMR_REFUSE_NO_GROUP) {
		x->level = VMR_LVL_CRITICAL;
		vmr_advise(&c->advice, x->level, vmr_igfx_off(r->cmdline) ?
			   "pass through another device; for an Intel iGPU, "
			   "remove intel_iommu=igfx_off" : "pass through "
			   "another device",
			   "%s " VMR_NO_GROUP_WHY, f->addr);
		return;
	}
	judge_driver(c, f, x);
	judge_group(c, r, d, f, x);
	if (x->viable == 0)
		x->level = VMR_LVL_CRITICAL;
	judge_fb(c, root, r, f, x);
	if (f->boot_vga) {
		if (x->level < VMR_LVL_WARNING)
			x->level = VMR_LVL_WARNING;
		vmr_advise(&c->advice, VMR_LVL_WARNING, "give the host console "
			   "another GPU (the firmware's primary display) or a "
			   "serial console", "%s is the boot VGA device: the "
			   "host console loses it", f->addr);
	}
}

/* The expert notes (quirks.c) for the hostdevs the host has. */
static void quirk_notes(struct vmr_dcheck *c, const struct vmr_report *r,
			const struct vmr_domain *d)
{
	size_t *idx = malloc((d->n_hostdev + 1) * sizeof(*idx)), n = 0;

	if (!idx) {
		vmr_advise(&c->advice, VMR_LVL_WARNING, "run it again",
			   "out of memory: the expert notes are left out");
		return;
	}
	for (size_t i = 0; i < d->n_hostdev; i++) {
		const struct vmr_fn *f = vmr_report_fn(r, d->hostdev[i].addr);

		if (f)
			idx[n++] = (size_t)(f - r->fn);
	}
	vmr_quirks_advise(r, idx, n, &c->advice);
	free(idx);
}

static void judge_hostdevs(struct vmr_dcheck *c, const struct vmr_root *root,
			   const struct vmr_report *r,
			   const struct vmr_domain *d)
{
	/* A device that is missing is the more precise finding: first. */
	for (size_t i = 0; i < d->n_hostdev; i++)
		judge_dev(c, root, r, d, &d->hostdev[i]);
	if (d->n_hostdev && !r->iommu.enabled)
		vmr_advise(&c->advice, VMR_LVL_CRITICAL, vmr_iommu_hint(root),
			   "the IOMMU is off (no IOMMU groups): none of the "
			   "%zu PCI hostdev(s) can be passed through",
			   d->n_hostdev);
	quirk_notes(c, r, d);
}

/* ---- memory ----------------------------------------------------------------- */

/* The host's default hugepage size (<hugepages/> without <page>). */
static uint64_t default_page_kb(const struct vmr_root *root)
{
	char info[8192];
	uint64_t kb = 0;

	/*
	 * /proc/meminfo is about 1.5 KiB. On any error, -EFBIG too, vmr_readf
	 * leaves info empty: the size is unknown and the caller says so.
	 */
	if (vmr_readf(root, info, sizeof(info), "proc/meminfo") < 0)
		return 0;
	return vmr_meminfo_kb(info, "Hugepagesize:", &kb) == 0 ? kb : 0;
}

/* The page size backing guest cell id (0: not hugepage-backed). */
static uint64_t cell_page_kb(const struct vmr_domain *d, unsigned id,
			     uint64_t dflt)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];
	uint64_t any = 0;

	if (!d->n_page)
		return dflt;
	for (size_t i = 0; i < d->n_page; i++) {
		if (!d->page[i].has_nodeset) {
			any = d->page[i].size_kb;
			continue;
		}
		if (vmr_set_parse(d->page[i].nodeset, bits, VMR_DOM_MAX_BIT) >= 0 &&
		    id < VMR_DOM_MAX_BIT && vmr_bit(bits, id))
			return d->page[i].size_kb;
	}
	return any;
}

static const struct vmr_dom_numa *cell_numa(const struct vmr_domain *d,
					    unsigned id)
{
	for (size_t i = 0; i < d->n_memnode; i++)
		if (d->memnode[i].cellid == id)
			return &d->memnode[i].numa;
	return &d->numa;
}

static const char *mode_name(const struct vmr_dom_numa *n)
{
	static const char *const names[] = { "strict", "preferred",
					      "interleave", "restrictive" };

	if (!n->set || n->automatic)
		return "any";
	return names[n->mode];
}

/* The host nodes a cell's memory may come from ("" any), as a list. */
static void cell_nodes(const struct vmr_dom_numa *n, char *buf, size_t size)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];
	unsigned ids[NODE_BITS];
	size_t k = 0;

	buf[0] = '\0';
	if (!n->set || n->automatic ||
	    vmr_set_parse(n->nodeset, bits, VMR_DOM_MAX_BIT) < 0)
		return;
	for (unsigned i = 0; i < NODE_BITS; i++)
		if (vmr_bit(bits, i))
			ids[k++] = i;
	if (vmr_cpulist_format(buf, size, ids, k) < 0)
		snprintf(buf, size, "%s", n->nodeset);
}

static struct vmr_dc_mem *mem_row(struct vmr_dcheck *c, uint64_t page_kb,
				  const char *nodes, const char *mode)
{
	struct vmr_dc_mem *m;

	for (size_t i = 0; i < c->n_mem; i++)
		if (c->mem[i].page_kb == page_kb &&
		    strcmp(c->mem[i].nodes, nodes) == 0 &&
		    strcmp(c->mem[i].mode, mode) == 0)
			return &c->mem[i];
	m = &c->mem[c->n_mem++];
	memset(m, 0, sizeof(*m));
	m->page_kb = page_kb;
	snprintf(m->nodes, sizeof(m->nodes), "%s", nodes);
	m->mode = mode;
	return m;
}

/* Free pages of this size on the row's nodes (all nodes for ""). */
static void count_free(struct vmr_dcheck *c, const struct vmr_report *r,
		       struct vmr_dc_mem *m, bool everywhere)
{
	unsigned ids[NODE_BITS];
	int n = 0;

	m->free = 0;
	m->free_known = !r->nodes_unread && !r->n_node_dropped &&
			!r->n_hp_dropped;
	if (!everywhere && m->nodes[0])
		n = vmr_cpulist_parse(m->nodes, ids, NODE_BITS);
	for (size_t i = 0; i < r->n_node; i++) {
		const struct vmr_node *nd = &r->node[i];
		const struct vmr_hprow *h;
		bool want = everywhere || !m->nodes[0];

		for (int k = 0; k < n && !want; k++)
			want = ids[k] == nd->id;
		if (!want)
			continue;
		h = vmr_report_hp(r, nd->id, m->page_kb);
		if (nd->hp_unread || (h && h->unread))
			m->free_known = false;
		else if (h)
			m->free += h->free;
	}
	(void)c;
}

/* Nodes a numatune names that this host does not have. */
static void check_nodes_exist(struct vmr_dcheck *c, const struct vmr_report *r,
			      const struct vmr_dom_numa *n, const char *where)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];

	if (!n->set || n->automatic || r->nodes_unread || r->n_node_dropped ||
	    vmr_set_parse(n->nodeset, bits, VMR_DOM_MAX_BIT) < 0)
		return;
	for (unsigned i = 0; i < VMR_DOM_MAX_BIT; i++) {
		if (!vmr_bit(bits, i) || vmr_report_node(r, i))
			continue;
		vmr_advise(&c->advice, VMR_LVL_CRITICAL, "name a node this "
			   "host has (see 'vmreserve status', Nodes)", "%s "
			   "nodeset='%.128s%s': this host has no NUMA node %u",
			   where, n->nodeset, strlen(n->nodeset) > 128 ?
			   "..." : "", i);
		return;
	}
}

/* How to get the missing pages, naming the boot key when it would help. */
static void mem_fix(const struct vmr_report *r, const struct vmr_dc_mem *m,
		    char *buf, size_t size)
{
	char total[24], page[16];
	unsigned node = 0;
	const struct vmr_hprow *h;

	vmr_format_kb(total, sizeof(total), m->need * m->page_kb);
	vmr_format_kb(page, sizeof(page), m->page_kb);
	if (m->nodes[0])
		node = (unsigned)atoi(m->nodes);
	h = vmr_report_hp(r, node, m->page_kb);
	if (h && h->asked && h->total < h->target)
		snprintf(buf, size, "the boot-time reservation on node %u fell "
			 "short (see 'vmreserve status'); or give the domain "
			 "less <memory>", node);
	else if (h && h->total > h->free)
		snprintf(buf, size, "%llu of node %u's %s pages are in use "
			 "(another guest?); reserve more at boot "
			 "(rd.vmreserve.hugepages=%u:...%s%s) or give the domain "
			 "less <memory>", (unsigned long long)(h->total - h->free),
			 node, page, node, m->page_kb == 2048 ? "" : ":",
			 m->page_kb == 2048 ? "" : page);
	else
		snprintf(buf, size, "reserve them at boot: "
			 "rd.vmreserve.hugepages=%u:%s%s%s%s (then reboot; "
			 "'vmreserve suggest' writes the keys), or give the "
			 "domain less <memory>", node, total,
			 m->page_kb == 2048 ? "" : ":",
			 m->page_kb == 2048 ? "" : page,
			 m->nodes[0] && strchr(m->nodes, ',') ?
			 " on one of its nodes" : "");
}

static void judge_mem_row(struct vmr_dcheck *c, const struct vmr_report *r,
			  struct vmr_dc_mem *m)
{
	char page[16], need[24], fix[VMR_ADVICE_LEN], where[VMR_DOM_SET_LEN + 16];
	bool preferred = strcmp(m->mode, "preferred") == 0;

	vmr_format_kb(page, sizeof(page), m->page_kb);
	vmr_format_kb(need, sizeof(need), m->need * m->page_kb);
	snprintf(where, sizeof(where), !m->nodes[0] ? "the host%s" :
		 strpbrk(m->nodes, ",-") ? "nodes %s together" : "node %s",
		 m->nodes);
	count_free(c, r, m, false);
	if (!m->free_known) {
		m->level = VMR_LVL_WARNING;
		vmr_advise(&c->advice, m->level, "run vmreserve as root on the "
			   "host itself", "cannot tell whether %s has %llu "
			   "free %s hugepages (%s): a hugepage file is "
			   "unreadable", where, (unsigned long long)m->need,
			   page, need);
		return;
	}
	if (m->free >= m->need)
		return;
	mem_fix(r, m, fix, sizeof(fix));
	if (preferred) {
		struct vmr_dc_mem all = *m;

		count_free(c, r, &all, true);
		if (all.free_known && all.free >= m->need) {
			m->level = VMR_LVL_WARNING;
			vmr_advise(&c->advice, m->level, fix, "%s has %llu "
				   "free %s hugepages of the %llu (%s) the "
				   "domain asks: the rest comes from other "
				   "nodes (mode 'preferred')", where,
				   (unsigned long long)m->free, page,
				   (unsigned long long)m->need, need);
			return;
		}
	}
	m->level = VMR_LVL_CRITICAL;
	vmr_advise(&c->advice, m->level, fix, "%s has %llu free %s hugepages; "
		   "the domain needs %llu (%s)%s", where,
		   (unsigned long long)m->free, page,
		   (unsigned long long)m->need, need, strcmp(m->mode, "any") &&
		   !preferred ? ", from these nodes only" : "");
}

static void judge_memory(struct vmr_dcheck *c, const struct vmr_root *root,
			 const struct vmr_report *r, const struct vmr_domain *d)
{
	uint64_t dflt = 0;
	size_t n = d->n_cell ? d->n_cell : 1;

	check_nodes_exist(c, r, &d->numa, "<numatune><memory>");
	for (size_t i = 0; i < d->n_memnode; i++)
		check_nodes_exist(c, r, &d->memnode[i].numa, "<memnode>");
	c->hugepages = d->hugepages;
	if (!d->hugepages)
		return;
	if (!d->n_page && !(dflt = default_page_kb(root))) {
		vmr_advise(&c->advice, VMR_LVL_WARNING, "name the size: <page "
			   "size='2048' unit='KiB'/>", "the host's default "
			   "hugepage size is unknown (/proc/meminfo): the "
			   "domain's hugepages are not judged");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned id = d->n_cell ? d->cell[i].id : 0;
		uint64_t kb = d->n_cell ? d->cell[i].mem_kb : d->mem_kb;
		uint64_t page = cell_page_kb(d, id, dflt);
		const struct vmr_dom_numa *nm = cell_numa(d, id);
		char nodes[VMR_DOM_SET_LEN];
		struct vmr_dc_mem *m;

		if (!page)
			continue; /* this cell is not hugepage-backed */
		cell_nodes(nm, nodes, sizeof(nodes));
		m = mem_row(c, page, nodes, mode_name(nm));
		m->need += kb / page + (kb % page != 0);
	}
	for (size_t i = 0; i < c->n_mem; i++)
		judge_mem_row(c, r, &c->mem[i]);
}

/* ---- vCPU pins ---------------------------------------------------------------- */

/*
 * A domain may have 16384 vCPUs, 64 cells and sets over 65536 CPUs, and
 * the hook runs this while `virsh start` waits: every set is parsed once,
 * not once per vCPU. What a pin comes to depends only on its CPUs and the
 * cell holding the vCPU, so the vCPUs <vcpu cpuset=> pins are judged once
 * per cell.
 */
struct cpus {
	uint8_t host[VMR_DOM_MAX_BIT / 8];   /* every CPU of every node */
	uint8_t pin[VMR_DOM_MAX_BIT / 8];
	uint8_t want[VMR_DOM_MAX_BIT / 8];   /* CPUs of the memory's nodes */
	const struct vmr_dom_numa *want_of;  /* the numatune want is for */
	uint8_t pinned[VMR_DOM_MAX_VCPU / 8]; /* vCPUs with a <vcpupin> */
	uint8_t cell[VMR_DOM_MAX_VCPU];      /* 1 + its index in d->cell, 0 none */
};

_Static_assert(VMR_DOM_MAX_CELL < 256, "struct cpus: a cell index in a byte");

static int add_cpulist(uint8_t *bits, const char *list)
{
	unsigned cpu[VMR_TOPO_MAX_CPUS];
	int n = vmr_cpulist_parse(list, cpu, VMR_TOPO_MAX_CPUS);

	for (int k = 0; k < n; k++)
		if (cpu[k] < VMR_DOM_MAX_BIT)
			bits[cpu[k] / 8] |= (uint8_t)(1u << (cpu[k] % 8));
	return n < 0 ? n : 0;
}

/* Which cell holds each vCPU (the last one naming it, as before). */
static void map_cells(const struct vmr_domain *d, struct cpus *s)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];

	for (size_t i = 0; i < d->n_cell; i++) {
		if (!d->cell[i].cpus || !d->cell[i].cpus[0] ||
		    vmr_set_parse(d->cell[i].cpus, bits, VMR_DOM_MAX_BIT) < 0)
			continue;
		for (unsigned v = 0; v < VMR_DOM_MAX_VCPU; v++)
			if (vmr_bit(bits, v))
				s->cell[v] = (uint8_t)(i + 1);
	}
}

/* Where the memory of a vCPU's cell (or of the domain) is bound. */
static const struct vmr_dom_numa *vcpu_numa(const struct vmr_domain *d,
					    const struct cpus *s, unsigned vcpu)
{
	unsigned k = vcpu < VMR_DOM_MAX_VCPU ? s->cell[vcpu] : 0;

	return k ? cell_numa(d, d->cell[k - 1].id) : &d->numa;
}

/* The CPUs of the nodes nm binds memory to, in s->want (false: unbound). */
static bool want_cpus(const struct vmr_report *r,
		      const struct vmr_dom_numa *nm, struct cpus *s)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];

	if (!nm->set || nm->automatic || nm->mode == VMR_NUMA_PREFERRED)
		return false;
	if (s->want_of == nm)
		return true;
	s->want_of = NULL;
	memset(s->want, 0, sizeof(s->want));
	if (vmr_set_parse(nm->nodeset, bits, VMR_DOM_MAX_BIT) < 0)
		return false;
	for (size_t i = 0; i < r->n_node; i++)
		if (r->node[i].id < VMR_DOM_MAX_BIT && vmr_bit(bits, r->node[i].id) &&
		    !r->node[i].cpulist_unread)
			add_cpulist(s->want, r->node[i].cpulist);
	s->want_of = nm;
	return true;
}

/* First CPU of pin not in bits, or -1 (a byte at a time). */
static int first_outside(const uint8_t *pin, const uint8_t *bits)
{
	for (unsigned b = 0; b < VMR_DOM_MAX_BIT / 8; b++) {
		unsigned x = pin[b] & ~bits[b] & 0xffu;

		if (x)
			return (int)(b * 8 + (unsigned)__builtin_ctz(x));
	}
	return -1;
}

/* What pinning to s->pin comes to for memory bound by nm. */
struct pin_verdict {
	int missing;                   /* first CPU this host lacks, or -1 */
	int off;                       /* else first CPU off nm's nodes, or -1 */
	const struct vmr_dom_numa *nm;
};

static void judge_set(const struct vmr_report *r,
		      const struct vmr_dom_numa *nm, struct cpus *s,
		      struct pin_verdict *v)
{
	v->nm = nm;
	v->off = -1;
	v->missing = first_outside(s->pin, s->host);
	if (v->missing < 0 && want_cpus(r, nm, s))
		v->off = first_outside(s->pin, s->want);
}

struct pin_tally {
	size_t off, missing;      /* pins off their nodes, pins to no CPU */
	unsigned first_vcpu, miss_vcpu;
	int first_cpu, miss_cpu;
	char nodes[VMR_DOM_SET_LEN];
};

static void tally(struct vmr_dcheck *c, struct pin_tally *t, unsigned vcpu,
		  const struct pin_verdict *v)
{
	c->n_pin++;
	if (v->missing >= 0) {
		if (!t->missing++) {
			t->miss_vcpu = vcpu;
			t->miss_cpu = v->missing;
		}
	} else if (v->off >= 0 && !t->off++) {
		t->first_vcpu = vcpu;
		t->first_cpu = v->off;
		cell_nodes(v->nm, t->nodes, sizeof(t->nodes));
	}
}

/* <vcpu cpuset=> pins the vCPUs without a <vcpupin> of their own. */
static void judge_cpuset(struct vmr_dcheck *c, const struct vmr_report *r,
			 const struct vmr_domain *d, struct cpus *s,
			 struct pin_tally *t)
{
	struct pin_verdict v[VMR_DOM_MAX_CELL + 1];
	bool done[VMR_DOM_MAX_CELL + 1] = { false };

	if (!d->vcpu_cpuset || !d->vcpu_cpuset[0] ||
	    vmr_set_parse(d->vcpu_cpuset, s->pin, VMR_DOM_MAX_BIT) < 0)
		return;
	for (unsigned i = 0; i < d->vcpus && i < VMR_DOM_MAX_VCPU; i++) {
		unsigned k = s->cell[i];

		if (vmr_bit(s->pinned, i))
			continue;
		if (!done[k]) {
			judge_set(r, vcpu_numa(d, s, i), s, &v[k]);
			done[k] = true;
		}
		tally(c, t, i, &v[k]);
	}
}

static void judge_pins(struct vmr_dcheck *c, const struct vmr_report *r,
		       const struct vmr_domain *d)
{
	static struct cpus s;
	struct pin_tally t = { 0, 0, 0, 0, -1, -1, "" };
	struct pin_verdict v;
	char fix[VMR_ADVICE_LEN];

	memset(&s, 0, sizeof(s));
	if (r->nodes_unread || r->n_node_dropped || !r->n_node)
		return; /* no CPU list to judge against */
	for (size_t i = 0; i < r->n_node; i++)
		if (r->node[i].cpulist_unread ||
		    add_cpulist(s.host, r->node[i].cpulist) < 0)
			return;
	map_cells(d, &s);
	for (size_t i = 0; i < d->n_pin; i++) {
		unsigned vcpu = d->pin[i].vcpu;

		s.pinned[vcpu / 8] |= (uint8_t)(1u << (vcpu % 8));
		if (vmr_set_parse(d->pin[i].cpuset, s.pin, VMR_DOM_MAX_BIT) < 0)
			continue;
		judge_set(r, vcpu_numa(d, &s, vcpu), &s, &v);
		tally(c, &t, vcpu, &v);
	}
	judge_cpuset(c, r, d, &s, &t);
	c->n_pin_off = t.off;
	/* One finding each, counting the pins and naming the first. */
	if (t.missing)
		vmr_advise(&c->advice, VMR_LVL_CRITICAL, "pin the vCPUs to "
			   "CPUs this host has (lscpu; 'vmreserve libvirt' "
			   "writes pins for this host)", "%zu of %zu vCPU pins "
			   "name CPUs this host does not have (vCPU %u on CPU "
			   "%d): libvirt cannot apply them", t.missing,
			   c->n_pin, t.miss_vcpu, t.miss_cpu);
	if (!t.off)
		return;
	snprintf(fix, sizeof(fix), "pin the vCPUs to CPUs of node(s) %.64s "
		 "('vmreserve libvirt --node %u' writes such pins), or move "
		 "the memory with <numatune>", t.nodes, (unsigned)atoi(t.nodes));
	vmr_advise(&c->advice, VMR_LVL_WARNING, fix, "%zu of %zu vCPU pins are "
		   "on CPUs outside node(s) %s, which hold the guest's memory "
		   "(vCPU %u on CPU %d): every memory access crosses sockets",
		   t.off, c->n_pin, t.nodes, t.first_vcpu, t.first_cpu);
}

/* ---- hostdevs against the domain's nodes ---------------------------------------- */

/*
 * The host nodes a domain runs on: its memory's (<numatune> <memory> and
 * <memnode>, whatever the mode: each names where the guest is meant to
 * be) and its vCPUs' (the nodes holding a pinned CPU). A device on another
 * node does its DMA and takes its interrupts across the interconnect.
 */
struct dom_nodes {
	uint8_t mem[NODE_BYTES], cpu[NODE_BYTES];
	bool any_mem, any_cpu;
};

static void add_numa(struct dom_nodes *dn, const struct vmr_dom_numa *nm)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];

	if (!nm->set || nm->automatic ||
	    vmr_set_parse(nm->nodeset, bits, VMR_DOM_MAX_BIT) < 0)
		return;
	for (unsigned i = 0; i < NODE_BITS; i++)
		if (vmr_bit(bits, i)) {
			dn->mem[i / 8] |= (uint8_t)(1u << (i % 8));
			dn->any_mem = true;
		}
}

/* Every CPU some pin names (libvirt syntax), into pinned. */
static void add_pins(uint8_t *pinned, const char *set)
{
	static uint8_t pin[VMR_DOM_MAX_BIT / 8];

	if (!set || !set[0] || vmr_set_parse(set, pin, VMR_DOM_MAX_BIT) < 0)
		return;
	for (size_t b = 0; b < sizeof(pin); b++)
		pinned[b] |= pin[b];
}

/* The nodes holding a pinned CPU. */
static void pinned_nodes(const struct vmr_report *r, struct dom_nodes *dn,
			 const uint8_t *pinned)
{
	static uint8_t node[VMR_DOM_MAX_BIT / 8];

	for (size_t i = 0; i < r->n_node; i++) {
		unsigned id = r->node[i].id;
		bool hit = false;

		memset(node, 0, sizeof(node));
		if (id >= NODE_BITS || r->node[i].cpulist_unread ||
		    add_cpulist(node, r->node[i].cpulist) < 0)
			continue;
		for (size_t b = 0; b < sizeof(node) && !hit; b++)
			hit = (node[b] & pinned[b]) != 0;
		if (!hit)
			continue;
		dn->cpu[id / 8] |= (uint8_t)(1u << (id % 8));
		dn->any_cpu = true;
	}
}

static void nodes_text(const uint8_t *bits, char *buf, size_t size)
{
	unsigned ids[NODE_BITS];
	size_t n = 0;

	for (unsigned i = 0; i < NODE_BITS; i++)
		if (vmr_bit(bits, i))
			ids[n++] = i;
	if (vmr_cpulist_format(buf, size, ids, n) < 0)
		snprintf(buf, size, "(many)");
}

static bool dom_on(unsigned node, const void *ctx)
{
	const struct dom_nodes *dn = ctx;

	return node >= NODE_BITS || (dn->any_mem && vmr_bit(dn->mem, node)) ||
	       (dn->any_cpu && vmr_bit(dn->cpu, node));
}

static void judge_dev_node(struct vmr_dcheck *c, const struct vmr_report *r,
			   const struct dom_nodes *dn, struct vmr_dc_dev *x)
{
	const struct vmr_fn *f = vmr_report_fn(r, x->addr);
	char mem[64] = "", cpu[64] = "", fix[VMR_ADVICE_LEN], where[192];
	char text[VMR_ADVICE_LEN];
	int nn = vmr_dev_node_far(f, dom_on, dn);

	if (nn < 0)
		return;
	nodes_text(dn->mem, mem, sizeof(mem));
	nodes_text(dn->cpu, cpu, sizeof(cpu));
	snprintf(fix, sizeof(fix), "run the guest on node %d (vCPU pins and "
		 "<numatune>: 'vmreserve libvirt --node %d' writes them), or "
		 "move the card to a slot of node %s", nn, nn,
		 dn->any_mem ? mem : cpu);
	if (x->level < VMR_LVL_WARNING)
		x->level = VMR_LVL_WARNING;
	if (!dn->any_mem || !dn->any_cpu)
		snprintf(where, sizeof(where), "%s on node %s", dn->any_cpu ?
			 "vCPUs" : "memory", dn->any_cpu ? cpu : mem);
	else if (strcmp(cpu, mem) == 0)
		snprintf(where, sizeof(where), "vCPUs and memory on node %s",
			 cpu);
	else
		snprintf(where, sizeof(where), "vCPUs on node %s and memory "
			 "on node %s", cpu, mem);
	vmr_dev_node_text(text, sizeof(text), f, nn, where);
	vmr_advise(&c->advice, VMR_LVL_WARNING, fix, "%s", text);
}

/*
 * libvirt applies <vcpu cpuset=> only to the vCPUs without a <vcpupin>:
 * when every vCPU has one, the cpuset places nothing.
 */
static bool cpuset_applies(const struct vmr_domain *d)
{
	static uint8_t seen[VMR_DOM_MAX_VCPU / 8];
	unsigned n = 0;

	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < d->n_pin; i++) {
		unsigned v = d->pin[i].vcpu;

		if (v < d->vcpus && v < VMR_DOM_MAX_VCPU && !vmr_bit(seen, v)) {
			seen[v / 8] |= (uint8_t)(1u << (v % 8));
			n++;
		}
	}
	return n < d->vcpus;
}

static void judge_dev_nodes(struct vmr_dcheck *c, const struct vmr_report *r,
			    const struct vmr_domain *d)
{
	static struct dom_nodes dn;
	static uint8_t pinned[VMR_DOM_MAX_BIT / 8];

	memset(&dn, 0, sizeof(dn));
	memset(pinned, 0, sizeof(pinned));
	for (size_t i = 0; i < d->n_pin; i++)
		add_pins(pinned, d->pin[i].cpuset);
	if (cpuset_applies(d))
		add_pins(pinned, d->vcpu_cpuset);
	pinned_nodes(r, &dn, pinned);
	add_numa(&dn, &d->numa);
	for (size_t i = 0; i < d->n_memnode; i++)
		add_numa(&dn, &d->memnode[i].numa);
	if (!dn.any_mem && !dn.any_cpu)
		return; /* not placed: the scheduler decides, nothing to say */
	for (size_t i = 0; i < c->n_dev; i++)
		if (c->dev[i].exists)
			judge_dev_node(c, r, &dn, &c->dev[i]);
}

/* ---- the verdict -------------------------------------------------------------- */

int vmr_check_domain(const struct vmr_root *root, const struct vmr_report *r,
		     const struct vmr_domain *d, struct vmr_dcheck *c)
{
	memset(c, 0, sizeof(*c));
	c->dev = calloc(d->n_hostdev + 1, sizeof(*c->dev));
	if (!c->dev)
		return -ENOMEM;
	snprintf(c->name, sizeof(c->name), "%s", d->name);
	judge_hostdevs(c, root, r, d);
	judge_memory(c, root, r, d);
	judge_pins(c, r, d);
	judge_dev_nodes(c, r, d);
	c->exit = c->advice.worst == VMR_LVL_CRITICAL ? VMR_EXIT_CRITICAL :
		  c->advice.worst == VMR_LVL_WARNING ? VMR_EXIT_WARNING :
		  VMR_EXIT_OK;
	return 0;
}

/* ---- reading the input ----------------------------------------------------------- */

/*
 * The whole input, at most VMR_DOM_MAX_XML + 1 bytes (one more tells the
 * parser it is too large). A directory opens for reading but fails at the
 * first read with EISDIR, which stdio turns into a bare error flag: said
 * as such.
 */
static int read_all(const char *file, char **buf, size_t *len)
{
	FILE *in = file && strcmp(file, "-") ? fopen(file, "re") : stdin;
	size_t cap = VMR_DOM_MAX_XML + 1;
	struct stat st;
	int err = 0;

	if (!in)
		return -errno;
	if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode))
		err = -EISDIR;
	else if (!(*buf = malloc(cap)))
		err = -ENOMEM;
	else
		*len = fread(*buf, 1, cap, in);
	if (!err && ferror(in))
		err = -EIO;
	if (in != stdin)
		fclose(in);
	return err;
}

/* One line on stderr: the XML's values are the domain author's, and
 * vmr_log escapes the whole line (a "&#10;" forges no second line). */
static void say_unread(const char *name, const char *why)
{
	vmr_log(LOG_ERR, "check-domain: %s: %s", name, why);
}

int vmr_check_domain_file(const struct vmr_root *root,
			  const struct vmr_report *r, const char *file,
			  struct vmr_dcheck *c)
{
	static struct vmr_domain d;
	const char *name = file && strcmp(file, "-") ? file : "standard input";
	char *buf = NULL, err[256];
	size_t len = 0;
	int e = read_all(file, &buf, &len);

	if (e == -EISDIR)
		snprintf(err, sizeof(err), "is a directory, not a domain XML");
	else if (e < 0)
		snprintf(err, sizeof(err), "%s", strerror(-e));
	else
		e = vmr_domain_parse(buf, len, &d, err, sizeof(err));
	free(buf);
	if (e == 0 && vmr_check_domain(root, r, &d, c) < 0) {
		snprintf(err, sizeof(err), "out of memory");
		e = -ENOMEM;
	}
	vmr_domain_free(&d);
	if (e < 0) {
		say_unread(name, err);
		return VMR_EXIT_USAGE;
	}
	return 0;
}
