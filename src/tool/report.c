/* SPDX-License-Identifier: MIT */
/*
 * Filling the status report. Three sources, read in this order: what the
 * command line asks (the early binary's own parser), what the early binary
 * recorded (/run/vmreserve/state), and what the kernel shows now (sysfs).
 * The kernel is the truth; the record only explains it (clamped, refused).
 */
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hp_plan.h"
#include "kmod.h"
#include "record.h"

#define DEVICES "sys/bus/pci/devices"
#define NODES   "sys/devices/system/node"

const char *vmr_level_name(enum vmr_level l)
{
	switch (l) {
	case VMR_LVL_OK:       return "ok";
	case VMR_LVL_NOTE:     return "note";
	case VMR_LVL_WARNING:  return "warning";
	case VMR_LVL_CRITICAL: return "critical";
	}
	return "unknown";
}

/* lspci's names for the classes a passthrough host meets most. */
const char *vmr_class_name(uint32_t class)
{
	static const struct {
		uint32_t class; /* base << 8 | sub */
		const char *name;
	} names[] = {
		{ 0x0100, "SCSI storage controller" },
		{ 0x0101, "IDE interface" },
		{ 0x0104, "RAID bus controller" },
		{ 0x0106, "SATA controller" },
		{ 0x0107, "Serial Attached SCSI controller" },
		{ 0x0108, "Non-Volatile memory controller" },
		{ 0x0200, "Ethernet controller" },
		{ 0x0207, "Infiniband controller" },
		{ 0x0280, "Network controller" },
		{ 0x0300, "VGA compatible controller" },
		{ 0x0302, "3D controller" },
		{ 0x0380, "Display controller" },
		{ 0x0401, "Multimedia audio controller" },
		{ 0x0403, "Audio device" },
		{ 0x0500, "RAM memory" },
		{ 0x0600, "Host bridge" },
		{ 0x0601, "ISA bridge" },
		{ 0x0604, "PCI bridge" },
		{ 0x0680, "Bridge" },
		{ 0x0806, "IOMMU" },
		{ 0x0880, "System peripheral" },
		{ 0x0c03, "USB controller" },
		{ 0x0c05, "SMBus" },
		{ 0x0c80, "Serial bus controller" },
		{ 0x1180, "Signal processing controller" },
		{ 0x1200, "Processing accelerators" },
	};
	static const char *const bases[] = {
		"Unclassified device", "Mass storage controller",
		"Network controller", "Display controller",
		"Multimedia controller", "Memory controller", "Bridge",
		"Communication controller", "Generic system peripheral",
		"Input device controller", "Docking station", "Processor",
		"Serial bus controller", "Wireless controller",
		"Intelligent controller", "Satellite communications controller",
		"Encryption controller", "Signal processing controller",
		"Processing accelerators",
	};
	uint32_t sub = class >> 8, base = class >> 16;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].class == sub)
			return names[i].name;
	return base < sizeof(bases) / sizeof(bases[0]) ? bases[base] :
	       "Unknown class";
}

/* ---- advice --------------------------------------------------------------- */

static void advise(struct vmr_report *r, enum vmr_level level, const char *fix,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void advise(struct vmr_report *r, enum vmr_level level, const char *fix,
		   const char *fmt, ...)
{
	struct vmr_advice *a;
	va_list ap;

	if (level > r->level)
		r->level = level;
	if (r->n_advice == VMR_MAX_ADVICE) {
		r->n_advice_lost++;
		return;
	}
	a = &r->advice[r->n_advice++];
	a->level = level;
	va_start(ap, fmt);
	vsnprintf(a->problem, sizeof(a->problem), fmt, ap);
	va_end(ap);
	snprintf(a->fix, sizeof(a->fix), "%s", fix ? fix : "");
}

/* ---- command line ---------------------------------------------------------- */

static void append_list(char *dst, size_t size, const char *val)
{
	size_t len = strlen(dst);

	if (!val || !*val || len + 2 >= size)
		return;
	snprintf(dst + len, size - len, "%s%s", len ? "," : "", val);
}

static int foreign_key(const char *key, const char *val, bool truncated,
		       void *ctx)
{
	struct vmr_foreign *f = ctx;

	(void)truncated;
	if (vmr_key_eq(key, "modprobe.blacklist"))
		append_list(f->blacklist, sizeof(f->blacklist), val);
	else if (vmr_key_eq(key, "vfio-pci.ids"))
		append_list(f->vfio_ids, sizeof(f->vfio_ids), val);
	else if (vmr_key_eq(key, "hugepages") && val)
		snprintf(f->hugepages, sizeof(f->hugepages), "%s", val);
	return 0;
}

static int read_cmdline(const struct vmr_root *root,
			const struct vmr_report_opts *o, struct vmr_report *r)
{
	int n;

	if (o->cmdline) {
		snprintf(r->cmdline, sizeof(r->cmdline), "%s", o->cmdline);
	} else if ((n = vmr_read(root, "proc/cmdline", r->cmdline,
				 sizeof(r->cmdline))) < 0) {
		r->cmdline[0] = '\0';
		return n;
	}
	vmr_cmdline_parse(r->cmdline, &r->plan);
	vmr_cmdline_foreach(r->cmdline, foreign_key, &r->foreign);
	return 0;
}

/* ---- the early binary's record -------------------------------------------- */

static struct vmr_state record; /* 24 KiB: not on the stack */

static uint64_t rec_u64(const char *key, uint64_t def)
{
	char v[32], *end;
	unsigned long long x;

	if (!vmr_state_get(&record, key, v, sizeof(v)))
		return def;
	errno = 0;
	x = strtoull(v, &end, 10);
	return errno || end == v || *end ? def : x;
}

static void read_record(const struct vmr_root *root, struct vmr_report *r)
{
	struct vmr_early_rec *e = &r->early;
	int err = vmr_state_load(root, &record);
	char v[16];

	if (err == -ENOENT)
		return;
	e->present = true;
	e->read_error = err;
	if (err < 0)
		return;
	e->version = (unsigned)rec_u64("version", 0);
	vmr_state_get(&record, "writer", e->writer, sizeof(e->writer));
	vmr_state_get(&record, "result", e->result, sizeof(e->result));
	e->exit = vmr_state_get(&record, "exit", v, sizeof(v)) ? atoi(v) : -1;
	e->total_us = rec_u64("time.total_us", 0);
}

/* Index of the record's entry for this node and page size, or -1. */
static long record_hp(unsigned node, uint64_t page_kb)
{
	uint64_t n = rec_u64("hp.count", 0);
	char key[48];

	for (uint64_t i = 0; i < n && i < VMR_MAX_HP; i++) {
		snprintf(key, sizeof(key), "hp.%llu.node", (unsigned long long)i);
		if (rec_u64(key, ~0ULL) != node)
			continue;
		snprintf(key, sizeof(key), "hp.%llu.page_kb",
			 (unsigned long long)i);
		if (rec_u64(key, 0) == page_kb)
			return (long)i;
	}
	return -1;
}

/* The record's dev.N.FIELD of the device at addr ("" when none). */
static void record_dev(const char *addr, const char *field, char *status,
		       size_t size)
{
	uint64_t n = rec_u64("dev.count", 0);
	char key[48], v[VMR_BDF_LEN];

	status[0] = '\0';
	for (uint64_t i = 0; i < n && i < VMR_MAX_DEV; i++) {
		snprintf(key, sizeof(key), "dev.%llu.addr", (unsigned long long)i);
		if (!vmr_state_get(&record, key, v, sizeof(v)) ||
		    strcmp(v, addr) != 0)
			continue;
		snprintf(key, sizeof(key), "dev.%llu.%s",
			 (unsigned long long)i, field);
		vmr_state_get(&record, key, status, size);
		return;
	}
}

/* ---- IOMMU ---------------------------------------------------------------- */

static int count_entry(const char *name, void *ctx)
{
	(void)name;
	++*(unsigned *)ctx;
	return 0;
}

static bool param_yes(const struct vmr_root *root, const char *path)
{
	char v[8];

	return vmr_read(root, path, v, sizeof(v)) > 0 &&
	       (v[0] == 'Y' || v[0] == 'y' || v[0] == '1');
}

static void read_iommu(const struct vmr_root *root, struct vmr_iommu *io)
{
	int ir;

	io->dmar = vmr_exists(root, "sys/firmware/acpi/tables/DMAR");
	io->ivrs = vmr_exists(root, "sys/firmware/acpi/tables/IVRS");
	vmr_foreach_dir(root, "sys/kernel/iommu_groups", count_entry,
			&io->groups);
	io->enabled = io->groups > 0;
	/*
	 * The kernel names remapped interrupt chips IR-IO-APIC, IR-PCI-MSI
	 * (Intel and AMD alike): the one place that says remapping is in use.
	 */
	ir = vmr_file_contains(root, "proc/interrupts", "IR-");
	io->irq_remap = ir < 0 ? -1 : ir;
	io->unsafe_type1 = param_yes(root, "sys/module/vfio_iommu_type1/"
				     "parameters/allow_unsafe_interrupts");
	io->unsafe_iommufd = param_yes(root, "sys/module/iommufd/parameters/"
				       "allow_unsafe_interrupts");
}

/* ---- PCI functions and groups --------------------------------------------- */

static uint32_t dev_hex(const struct vmr_root *root, const char *addr,
			const char *attr)
{
	char path[VMR_PATH_MAX];
	uint32_t v = 0;

	if (vmr_path(path, DEVICES "/%s/%s", addr, attr) == 0)
		vmr_read_hex(root, path, &v);
	return v;
}

struct fn_ctx {
	const struct vmr_root *root;
	struct vmr_report *r;
};

static void match_selectors(struct vmr_report *r, struct vmr_fn *f,
			    uint32_t domain, unsigned bus, unsigned slot,
			    unsigned func)
{
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		const struct vmr_pci_sel *s = &r->plan.sel[i];

		if (!vmr_sel_matches(s, domain, bus, slot, func, f->vendor,
				     f->device))
			continue;
		r->sel_hits[i]++;
		if (f->sel < 0)
			f->sel = (int)i;
		f->sel_by_address |= s->kind != VMR_SEL_ID;
	}
}

static int read_fn(const char *name, void *ctx)
{
	struct fn_ctx *c = ctx;
	struct vmr_report *r = c->r;
	uint32_t domain;
	unsigned bus, slot, func;
	struct vmr_fn *f;
	char buf[16];
	int ht;

	if (vmr_parse_bdf(name, &domain, &bus, &slot, &func) < 0)
		return 0;
	if (r->n_fn == VMR_MAX_FN) {
		r->n_fn_dropped++;
		return 0;
	}
	f = &r->fn[r->n_fn++];
	memset(f, 0, sizeof(*f));
	snprintf(f->addr, sizeof(f->addr), "%s", name);
	f->vendor = (uint16_t)dev_hex(c->root, name, "vendor");
	f->device = (uint16_t)dev_hex(c->root, name, "device");
	f->class = dev_hex(c->root, name, "class");
	vmr_pci_dev_link(c->root, name, "driver", f->driver,
			 sizeof(f->driver));
	vmr_pci_dev_read(c->root, name, "driver_override", f->override,
			 sizeof(f->override));
	if (strcmp(f->override, "(null)") == 0)
		f->override[0] = '\0';
	f->group = vmr_pci_dev_link(c->root, name, "iommu_group", buf,
				    sizeof(buf)) > 0 ? atoi(buf) : -1;
	f->numa_node = vmr_pci_dev_read(c->root, name, "numa_node", buf,
					sizeof(buf)) > 0 ? atoi(buf) : -1;
	f->boot_vga = vmr_pci_dev_read(c->root, name, "boot_vga", buf,
				       sizeof(buf)) > 0 && buf[0] == '1';
	ht = vmr_pci_header_type(c->root, name);
	f->bridge = vmr_class_is_bridge(f->class) || ht > 0;
	/* rd.vmreserve=0: the keys select nothing, as at boot. */
	f->sel = -1;
	if (!r->plan.disabled)
		match_selectors(r, f, domain, bus, slot, func);
	return 0;
}

static uint64_t bus_key(const char *addr)
{
	uint32_t d;
	unsigned b, s, f;

	if (vmr_parse_bdf(addr, &d, &b, &s, &f) < 0)
		return UINT64_MAX;
	return (uint64_t)d << 16 | b << 8 | s << 3 | f;
}

/* Group order, then bus order; functions without a group go last. */
static int fn_cmp(const void *a, const void *b)
{
	const struct vmr_fn *x = a, *y = b;
	unsigned gx = (unsigned)x->group, gy = (unsigned)y->group;
	uint64_t kx = bus_key(x->addr), ky = bus_key(y->addr);

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return kx < ky ? -1 : kx > ky;
}

/*
 * After boot a member keeps its group usable when it has no driver, a vfio
 * driver, pci-stub, or is a bridge on its port driver.
 */
static bool member_blocks(const struct vmr_fn *f)
{
	if (vmr_group_safe_driver(f->driver))
		return false;
	return !(f->bridge && strcmp(f->driver, "shpchp") == 0);
}

static void build_groups(struct vmr_report *r)
{
	int dropped = -1;

	for (size_t i = 0; i < r->n_fn; i++) {
		struct vmr_fn *f = &r->fn[i];
		struct vmr_group *g;

		if (f->group < 0)
			break;
		if (r->n_group == 0 || r->group[r->n_group - 1].id != f->group) {
			if (r->n_group == VMR_MAX_GROUPS) {
				/* fn[] is by group: count each group once */
				r->n_group_dropped += f->group != dropped;
				dropped = f->group;
				continue;
			}
			g = &r->group[r->n_group++];
			g->id = f->group;
			g->first = i;
			g->count = 0;
			g->viable = true;
			g->selected = false;
		}
		g = &r->group[r->n_group - 1];
		if (g->id != f->group)
			continue;
		g->count++;
		f->blocks = member_blocks(f);
		g->viable &= !f->blocks;
		g->selected |= f->sel >= 0;
	}
}

static void read_pci(const struct vmr_root *root, struct vmr_report *r)
{
	struct fn_ctx c = { root, r };

	vmr_foreach_dir(root, DEVICES, read_fn, &c);
	qsort(r->fn, r->n_fn, sizeof(r->fn[0]), fn_cmp);
	build_groups(r);
}

const struct vmr_group *vmr_report_group(const struct vmr_report *r, int id)
{
	for (size_t i = 0; i < r->n_group; i++)
		if (r->group[i].id == id)
			return &r->group[i];
	return NULL;
}

size_t vmr_report_selected(const struct vmr_report *r, size_t idx[],
			   size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_fn; i++)
		if (r->fn[i].sel >= 0 && n < max)
			idx[n++] = i;
	/* Back to bus order: fn[] is in group order. */
	for (size_t i = 1; i < n; i++) {
		size_t t = idx[i], j = i;

		while (j > 0 && bus_key(r->fn[idx[j - 1]].addr) >
				bus_key(r->fn[t].addr)) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = t;
	}
	return n;
}

static void lookup_host_drivers(const struct vmr_root *root,
				const struct vmr_report_opts *o,
				struct vmr_report *r)
{
	struct vmr_kmod *k = NULL;
	int err = o->no_kmod ? -ENOTSUP : vmr_kmod_open(&k, root, o->sysroot);

	for (size_t i = 0; i < r->n_fn; i++) {
		struct vmr_fn *f = &r->fn[i];
		char alias[160];
		int n;

		if (f->sel < 0)
			continue;
		f->host_lookup = err;
		if (err < 0)
			continue;
		if (vmr_pci_dev_read(root, f->addr, "modalias", alias,
				     sizeof(alias)) <= 0) {
			f->host_lookup = -ENOENT;
			continue;
		}
		n = vmr_kmod_lookup(k, alias, f->host, VMR_MAX_HOSTDRV);
		f->host_lookup = n < 0 ? n : 0;
		f->n_host = n < 0 ? 0 : (size_t)n;
	}
	vmr_kmod_close(k);
}

/* ---- nodes and hugepages ----------------------------------------------------- */

/* "Node 0 MemFree:        123456 kB" */
static uint64_t meminfo_kb(const char *text, const char *field)
{
	const char *p = strstr(text, field);

	return p ? strtoull(p + strlen(field), NULL, 10) : 0;
}

struct node_ctx {
	const struct vmr_root *root;
	struct vmr_report *r;
	unsigned node;
};

static int read_size(const char *name, void *ctx)
{
	struct node_ctx *c = ctx;
	struct vmr_hprow *h;
	char path[VMR_PATH_MAX];
	unsigned long long kb;
	char tail[4];

	if (sscanf(name, "hugepages-%llukB%3s", &kb, tail) != 1 ||
	    c->r->n_hp == VMR_MAX_HPROW)
		return 0;
	h = &c->r->hp[c->r->n_hp++];
	memset(h, 0, sizeof(*h));
	h->node = c->node;
	h->page_kb = kb;
	static const char *const files[] = { "nr_hugepages", "free_hugepages",
					     "surplus_hugepages" };
	uint64_t *dst[] = { &h->total, &h->free, &h->surplus };

	for (size_t i = 0; i < 3; i++)
		if (vmr_path(path, NODES "/node%u/hugepages/%s/%s", c->node,
			     name, files[i]) == 0)
			vmr_read_u64(c->root, path, dst[i]);
	return 0;
}

static int read_node(const char *name, void *ctx)
{
	struct node_ctx *c = ctx;
	struct vmr_node *n;
	char path[VMR_PATH_MAX], info[2048];
	unsigned id;
	char tail[2];

	if (sscanf(name, "node%u%1s", &id, tail) != 1 ||
	    c->r->n_node == VMR_MAX_NODES)
		return 0;
	n = &c->r->node[c->r->n_node++];
	memset(n, 0, sizeof(*n));
	n->id = id;
	if (vmr_path(path, NODES "/%s/meminfo", name) == 0 &&
	    vmr_read(c->root, path, info, sizeof(info)) > 0) {
		n->mem_total_kb = meminfo_kb(info, "MemTotal:");
		n->mem_free_kb = meminfo_kb(info, "MemFree:");
	}
	if (vmr_path(path, NODES "/%s/cpulist", name) == 0)
		vmr_read(c->root, path, n->cpulist, sizeof(n->cpulist));
	c->node = id;
	if (vmr_path(path, NODES "/%s/hugepages", name) == 0)
		vmr_foreach_dir(c->root, path, read_size, c);
	return 0;
}

static int node_cmp(const void *a, const void *b)
{
	const struct vmr_node *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int hp_cmp(const void *a, const void *b)
{
	const struct vmr_hprow *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->page_kb < y->page_kb ? -1 : x->page_kb > y->page_kb;
}

static void read_nodes(const struct vmr_root *root, struct vmr_report *r)
{
	struct node_ctx c = { root, r, 0 };

	vmr_foreach_dir(root, NODES, read_node, &c);
	qsort(r->node, r->n_node, sizeof(r->node[0]), node_cmp);
	qsort(r->hp, r->n_hp, sizeof(r->hp[0]), hp_cmp);
}

static struct vmr_hprow *hp_row(struct vmr_report *r, unsigned node,
				uint64_t page_kb)
{
	for (size_t i = 0; i < r->n_hp; i++)
		if (r->hp[i].node == node && r->hp[i].page_kb == page_kb)
			return &r->hp[i];
	return NULL;
}

static uint64_t req_pages(const struct vmr_hp_req *q)
{
	uint64_t page = q->page_kb * 1024;

	return q->is_size ? q->amount / page + (q->amount % page != 0) :
	       q->amount;
}

/* ---- judging ----------------------------------------------------------------- */

struct tally {
	size_t met, partly;
};

static void judge_hp_row(struct vmr_report *r, const struct vmr_hp_req *q,
			 struct vmr_hprow *h, struct tally *t)
{
	char size[16];
	long ri = r->early.present ? record_hp(h->node, h->page_kb) : -1;
	char key[48];

	vmr_format_kb(size, sizeof(size), h->page_kb);
	h->asked = true;
	h->requested = req_pages(q);
	h->target = h->requested;
	if (ri >= 0) {
		snprintf(key, sizeof(key), "hp.%ld.target", ri);
		h->target = rec_u64(key, h->requested);
		snprintf(key, sizeof(key), "hp.%ld.status", ri);
		vmr_state_get(&record, key, h->early, sizeof(h->early));
	}
	if (h->requested == 0) {
		h->level = h->total == 0 ? VMR_LVL_OK : VMR_LVL_WARNING;
		t->partly += h->total != 0;
		if (h->total)
			advise(r, h->level, "pages a process still uses are "
			       "freed when it ends; write 0 to this node's "
			       "nr_hugepages again then",
			       "node %u: %llu %s hugepages remain, asked to "
			       "empty the node (%llu in use)", h->node,
			       (unsigned long long)h->total, size,
			       (unsigned long long)(h->total - h->free));
	} else if (h->total >= h->requested) {
		h->level = VMR_LVL_OK;
	} else {
		h->level = h->total ? VMR_LVL_WARNING : VMR_LVL_CRITICAL;
		t->partly += h->total != 0;
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

		advise(r, h->level, fix, "node %u: %llu of %llu %s hugepages "
		       "reserved%s", h->node, (unsigned long long)h->total,
		       (unsigned long long)h->requested, size,
		       strcmp(h->early, "clamped") == 0 ?
		       " (clamped at boot to keep memory free)" : "");
		return;
	}
	t->met += h->level == VMR_LVL_OK;
}

static void judge_hugepages(struct vmr_report *r, struct tally *t)
{
	for (size_t i = 0; i < r->plan.n_hp; i++) {
		const struct vmr_hp_req *q = &r->plan.hp[i];
		struct vmr_hprow *h = hp_row(r, q->node, q->page_kb);
		char size[16];

		r->asked++;
		if (h) {
			judge_hp_row(r, q, h, t);
			continue;
		}
		vmr_format_kb(size, sizeof(size), q->page_kb);
		advise(r, VMR_LVL_CRITICAL, "use a node listed under Nodes "
		       "and a page size it offers (2M; 1G needs the CPU flag "
		       "pdpe1gb)", "rd.vmreserve.hugepages: '%s': node %u has "
		       "no %s hugepages", q->text, q->node, size);
	}
}

static bool on_vfio(const struct vmr_fn *f)
{
	return strcmp(f->driver, VMR_VFIO_DRIVER) == 0;
}

/* What to do about a selected device that is not on vfio-pci. */
static const char *not_bound_fix(const struct vmr_report *r,
				 const struct vmr_fn *f, char *buf, size_t size)
{
	char why[VMR_MSG_LEN];

	if (!r->early.present)
		return "vmreserve-early did not run: add it to the initramfs "
		       "(dracut -f) and reboot";
	if (strcmp(f->early, "rolled-back") != 0)
		return "see 'dmesg | grep vmreserve:' for what happened at boot";
	record_dev(f->addr, "why", why, sizeof(why));
	snprintf(buf, size, "vmreserve-early gave it back to its host driver "
		 "at boot: %s; see 'dmesg | grep vmreserve:'", why);
	return buf;
}

static void judge_fn(struct vmr_report *r, struct vmr_fn *f, struct tally *t)
{
	const char *sel = r->plan.sel[f->sel].text;
	char fix[VMR_ADVICE_LEN];

	r->asked++;
	if (r->early.present)
		record_dev(f->addr, "status", f->early, sizeof(f->early));
	f->in_effect = on_vfio(f);
	t->met += f->in_effect;
	if (f->in_effect)
		return;
	if (f->bridge)
		advise(r, VMR_LVL_CRITICAL, "select the device behind the bridge "
		       "instead", "%s (selected by '%s') is a PCI bridge or "
		       "port: bridges are never taken", f->addr, sel);
	else if (!r->iommu.enabled)
		return; /* said once, for all devices */
	else if (f->group < 0)
		advise(r, VMR_LVL_CRITICAL, "do not select it; for an Intel "
		       "iGPU, remove intel_iommu=igfx_off", "%s (selected by "
		       "'%s') " VMR_NO_GROUP_WHY, f->addr, sel);
	else if (strcmp(f->early, "refused") == 0)
		advise(r, VMR_LVL_CRITICAL, "select it by address "
		       "(rd.vmreserve.pci=DDDD:BB:SS.F) if you mean to pass it "
		       "through", "%s (selected by id '%s') is a storage "
		       "controller: not taken by id", f->addr, sel);
	else
		advise(r, VMR_LVL_CRITICAL, not_bound_fix(r, f, fix, sizeof(fix)),
		       "%s (selected by '%s') is %s%s, not on " VMR_VFIO_DRIVER,
		       f->addr, sel, f->driver[0] ? "on " : "without a driver",
		       f->driver);
}

static size_t first_selected(const struct vmr_report *r,
			     const struct vmr_group *g)
{
	for (size_t k = g->first; k < g->first + g->count; k++)
		if (r->fn[k].sel >= 0)
			return k;
	return SIZE_MAX;
}

static void advise_group(struct vmr_report *r, const struct vmr_group *g,
			 const struct vmr_fn *sel)
{
	for (size_t k = g->first; k < g->first + g->count; k++) {
		const struct vmr_fn *m = &r->fn[k];
		char fix[VMR_ADVICE_LEN];

		if (!m->blocks || m->sel >= 0)
			continue;
		snprintf(fix, sizeof(fix), "select it too "
			 "(rd.vmreserve.pci=%s), or put the card in a slot "
			 "with an IOMMU group of its own", m->addr);
		advise(r, VMR_LVL_WARNING, fix, "IOMMU group %d of %s is not "
		       "viable: %s (%04x:%04x) is on %s", g->id, sel->addr,
		       m->addr, m->vendor, m->device, m->driver);
	}
}

static void judge_devices(const struct vmr_root *root, struct vmr_report *r,
			  struct tally *t)
{
	size_t n_sel = 0;

	for (size_t i = 0; i < r->n_fn; i++) {
		struct vmr_fn *f = &r->fn[i];
		const struct vmr_group *g;

		if (f->sel < 0)
			continue;
		n_sel++;
		judge_fn(r, f, t);
		/* Not for a device never taken: the host keeps it. */
		if (f->boot_vga && f->group >= 0 &&
		    strcmp(f->early, "refused") != 0)
			advise(r, VMR_LVL_NOTE, "if the kernel log says \"BAR N: "
			       "can't reserve\", add initcall_blacklist="
			       "sysfb_init (kernels 6.0+ release the firmware "
			       "framebuffer by themselves)", "%s is the boot "
			       "VGA device: the host console loses it",
			       f->addr);
		g = vmr_report_group(r, f->group);
		/* Once per group, at its first selected member. */
		if (g && !g->viable && first_selected(r, g) == i)
			advise_group(r, g, f);
	}
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		if (r->sel_hits[i])
			continue;
		r->asked++;
		advise(r, VMR_LVL_CRITICAL, "check the address or id with "
		       "'vmreserve groups' or 'lspci -Dnn'",
		       "rd.vmreserve.pci: '%s' matched no device",
		       r->plan.sel[i].text);
	}
	if (n_sel && !r->iommu.enabled)
		advise(r, VMR_LVL_CRITICAL, vmr_iommu_hint(root), "IOMMU is off "
		       "(no IOMMU groups): %zu selected device(s) cannot be "
		       "bound to " VMR_VFIO_DRIVER, n_sel);
}

static void judge_iommu(struct vmr_report *r, bool devices)
{
	const struct vmr_iommu *io = &r->iommu;

	if (io->unsafe_type1 || io->unsafe_iommufd)
		advise(r, VMR_LVL_WARNING, "unless every guest is trusted, drop "
		       "allow_unsafe_interrupts=1 (kernel command line or "
		       "/etc/modprobe.d) and use a platform with interrupt "
		       "remapping", "allow_unsafe_interrupts is set on %s: a "
		       "guest can send interrupts (MSI) to the host and to "
		       "other guests", io->unsafe_type1 ? "vfio_iommu_type1" :
		       "iommufd");
	else if (devices && io->enabled && io->irq_remap == 0)
		advise(r, VMR_LVL_WARNING, "enable interrupt remapping "
		       "(x2APIC, VT-d / AMD-Vi) in the firmware; if the kernel "
		       "disables it for a chipset erratum (Intel 5500/5520), "
		       "only vfio_iommu_type1.allow_unsafe_interrupts=1 works, "
		       "unsafe between untrusted guests",
		       "interrupt remapping is off: VFIO refuses to attach "
		       "the devices to a VM");
}

/* Does the blacklist name a driver some selected device would get? */
static void judge_blacklist(struct vmr_report *r)
{
	char list[sizeof(r->foreign.blacklist)], *save = NULL;

	snprintf(list, sizeof(list), "%s", r->foreign.blacklist);
	for (char *m = strtok_r(list, ",", &save); m;
	     m = strtok_r(NULL, ",", &save)) {
		const struct vmr_fn *hit = NULL;

		for (size_t i = 0; i < r->n_fn && !hit; i++)
			for (size_t k = 0; k < r->fn[i].n_host && !hit; k++)
				if (r->fn[i].sel >= 0 &&
				    vmr_key_eq(r->fn[i].host[k], m))
					hit = &r->fn[i];
		if (!hit)
			continue;
		char fix[VMR_ADVICE_LEN];

		snprintf(fix, sizeof(fix), "remove %s from modprobe.blacklist=: "
			 "rd.vmreserve.pci already keeps it off %s", m,
			 hit->addr);
		advise(r, VMR_LVL_WARNING, fix, "modprobe.blacklist=%s keeps %s "
		       "off every device, not only the selected ones", m, m);
	}
}

/* vfio-pci.ids entries are VVVV:DDDD[:subvendor[:subdevice...]]. */
static bool ids_list_has(const char *list, uint16_t vendor, uint16_t device)
{
	while (*list) {
		unsigned long v, d;
		char *end;

		v = strtoul(list, &end, 16);
		if (*end == ':') {
			d = strtoul(end + 1, &end, 16);
			if (v == vendor && d == device)
				return true;
		}
		list = strchr(list, ',');
		if (!list)
			break;
		list++;
	}
	return false;
}

static bool ids_overlap(const struct vmr_report *r, const char **which)
{
	for (size_t i = 0; i < r->n_fn; i++) {
		if (r->fn[i].sel >= 0 &&
		    ids_list_has(r->foreign.vfio_ids, r->fn[i].vendor,
				 r->fn[i].device)) {
			*which = r->fn[i].addr;
			return true;
		}
	}
	return false;
}

static void judge_foreign(struct vmr_report *r)
{
	const struct vmr_foreign *f = &r->foreign;
	const char *addr = NULL;

	judge_blacklist(r);
	if (f->vfio_ids[0] && ids_overlap(r, &addr))
		advise(r, VMR_LVL_WARNING, "remove vfio-pci.ids=: "
		       "rd.vmreserve.pci= already selects the devices, and by "
		       "slot if you like", "vfio-pci.ids=%s duplicates "
		       "rd.vmreserve.pci (it covers %s) and takes every device "
		       "with those ids", f->vfio_ids, addr);
	if (f->hugepages[0] && !strchr(f->hugepages, ':') && r->n_node > 1)
		advise(r, r->plan.n_hp ? VMR_LVL_WARNING : VMR_LVL_NOTE,
		       "remove hugepages=: rd.vmreserve.hugepages=NODE:AMOUNT "
		       "reserves on the node the VM runs on",
		       "hugepages=%s splits its pages over all %zu nodes",
		       f->hugepages, r->n_node);
}

static void judge_plan(struct vmr_report *r)
{
	const struct vmr_plan *p = &r->plan;

	/* A malformed entry asked for something that is not in effect. */
	r->asked += p->n_errors;
	for (size_t i = 0; i < p->n_diag; i++) {
		bool err = p->diag[i].level == VMR_DIAG_ERROR;

		advise(r, err ? VMR_LVL_CRITICAL : VMR_LVL_NOTE,
		       err ? "fix the key on the kernel command line (see "
		       "vmreserve(8), KERNEL COMMAND LINE)" : NULL, "%s",
		       p->diag[i].msg);
	}
	if (p->n_diag_lost)
		advise(r, VMR_LVL_NOTE, NULL, "%zu more command-line problems "
		       "not shown", p->n_diag_lost);
}

static void judge_record(struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;

	if (!r->plan.any_key || r->plan.disabled)
		return;
	if (!e->present)
		advise(r, VMR_LVL_WARNING, "put the dracut module in the "
		       "initramfs (dracut -f; 'lsinitrd | grep vmreserve' "
		       "shows it) and reboot", "no /" VMR_STATE_PATH ": "
		       "vmreserve-early did not run in this boot");
	else if (e->read_error < 0)
		advise(r, VMR_LVL_WARNING, NULL, "cannot read /" VMR_STATE_PATH
		       ": %s", strerror(-e->read_error));
	else if (e->version > VMR_STATE_VERSION)
		advise(r, VMR_LVL_NOTE, "install the same version of vmreserve "
		       "and its dracut module", "the state record has format "
		       "%u, newer than this tool's %d", e->version,
		       VMR_STATE_VERSION);
}

static void judge(const struct vmr_root *root, struct vmr_report *r)
{
	struct tally t = { 0, 0 };
	size_t n_sel = 0;

	if (r->plan.disabled) {
		advise(r, VMR_LVL_NOTE, NULL, "rd.vmreserve=0: vmreserve did "
		       "nothing at boot");
	} else {
		judge_plan(r);
		judge_record(r);
		judge_hugepages(r, &t);
		judge_devices(root, r, &t);
		for (size_t i = 0; i < r->n_fn; i++)
			n_sel += r->fn[i].sel >= 0;
	}
	judge_iommu(r, n_sel > 0);
	judge_foreign(r);
	r->in_effect = t.met;
	if (r->asked && !t.met && !t.partly)
		r->exit = VMR_EXIT_CRITICAL;
	else if (t.met < r->asked || r->level >= VMR_LVL_WARNING)
		r->exit = VMR_EXIT_WARNING;
	else
		r->exit = VMR_EXIT_OK;
	/* The verdict is the exit status; advice levels describe items. */
	r->level = r->exit == VMR_EXIT_CRITICAL ? VMR_LVL_CRITICAL :
		   r->exit == VMR_EXIT_WARNING ? VMR_LVL_WARNING : VMR_LVL_OK;
}

int vmr_report_build(const struct vmr_root *root,
		     const struct vmr_report_opts *opts, struct vmr_report *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	if (!vmr_exists(root, "sys") || !vmr_exists(root, "proc"))
		return -ENOTDIR;
	err = read_cmdline(root, opts, r);
	if (err < 0)
		advise(r, VMR_LVL_WARNING, NULL, "cannot read /proc/cmdline: %s; "
		       "judged as if no key were given", strerror(-err));
	read_record(root, r);
	read_iommu(root, &r->iommu);
	read_pci(root, r);
	lookup_host_drivers(root, opts, r);
	read_nodes(root, r);
	judge(root, r);
	return 0;
}
