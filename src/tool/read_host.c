/* SPDX-License-Identifier: MIT */
/*
 * Reading the host into the report (read.h): the command line (and which
 * plan is judged), the IOMMU, the PCI functions and their groups, their
 * host drivers (libkmod), the NUMA nodes and their hugepage rows. The
 * kernel is the truth; the record (read_record.c) only explains it. A
 * file that cannot be read becomes an unknown value naming it.
 */
#include "read.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline_src.h"
#include "hp_plan.h"
#include "isolation.h"
#include "kmod.h"
#include "text.h"

#define DEVICES "sys/bus/pci/devices"
#define NODES   "sys/devices/system/node"

/* ---- command line ---------------------------------------------------------- */

/* false: val did not fit whole; dst then takes the whole entries that
 * fit, never a cut one (binders.c judges them, and keeps the list). */
static bool append_list(char *dst, size_t size, const char *val)
{
	while (val && *val) {
		size_t len = strlen(dst), n = strcspn(val, ",");

		if (n && len + (len ? 1 : 0) + n >= size)
			return false;
		if (n)
			snprintf(dst + len, size - len, "%s%.*s",
				 len ? "," : "", (int)n, val);
		val += n + (val[n] == ',');
	}
	return true;
}

static int foreign_key(const char *key, const char *val, bool truncated,
		       void *ctx)
{
	struct vmr_foreign *f = ctx;

	/* The blacklist keys are read as written by binders.c. */
	if (vmr_key_eq(key, "vfio-pci.ids") &&
	    (truncated || !append_list(f->vfio_ids, sizeof(f->vfio_ids), val)))
		f->vfio_ids_cut = true;
	else if (vmr_key_eq(key, "hugepages") && val)
		snprintf(f->hugepages, sizeof(f->hugepages), "%s", val);
	return 0;
}

/*
 * The kernel's own keys (modprobe.blacklist=, ...) always come from
 * /proc/cmdline (or --cmdline). The plan status judges is what was asked at
 * this boot: the record's, which vmreserve-early built by walking the
 * core's table of plan sources (vmr_plan_srcs) inside the initramfs. With
 * no record, the command line alone: what the initramfs' copy of
 * /etc/vmreserve.conf asked cannot be seen from here, and the host's file
 * now need not be that copy (conf_drift.c says so instead of judging it).
 * The host's plan for a new configuration (suggest) walks the table
 * itself: vmr_report_host_plan().
 */
static int read_cmdline(const struct vmr_root *root,
			const struct vmr_report_opts *o, struct vmr_report *r)
{
	char *lost = NULL;
	int n = 0;

	if (o->cmdline)
		snprintf(r->cmdline, sizeof(r->cmdline), "%s", o->cmdline);
	else if ((n = vmr_read_params(root, "proc/cmdline", r->cmdline,
				      sizeof(r->cmdline), &lost)) < 0)
		r->cmdline[0] = '\0';
	if (lost) {
		vmr_advise(&r->advice, VMR_LVL_WARNING, NULL, "/proc/cmdline "
			   "is longer than %d bytes: judged without the "
			   "parameters from '%.40s' on", VMR_CMDLINE_MAX - 1,
			   lost);
		*lost = '\0';
	}
	vmr_cmdline_foreach(r->cmdline, foreign_key, &r->foreign);
	if (o->plan) {
		vmr_cmdline_parse(o->plan, &r->plan);
		r->plan_from = VMR_PLAN_SUGGEST;
	} else if (!o->cmdline && r->boot_plan_ok) {
		r->plan = r->boot_plan;
		r->plan_from = VMR_PLAN_RECORD;
	} else {
		vmr_cmdline_parse(r->cmdline, &r->plan);
		r->plan_from = o->cmdline ? VMR_PLAN_ARG : VMR_PLAN_PROC;
	}
	return n < 0 ? n : 0;
}

/* ---- growing arrays and unknown values ------------------------------------ */

/*
 * Make room for one more element of *arr (n used, *cap held). false when
 * the heap is exhausted: the caller counts what it could not hold.
 */
static bool grow(void **arr, size_t n, size_t *cap, size_t elem)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *p;

	if (n < *cap)
		return true;
	if (want > SIZE_MAX / elem)
		return false;
	p = realloc(*arr, want * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = want;
	return true;
}

#define GROW(r, name) \
	grow((void **)&(r)->name, (r)->n_##name, &(r)->cap_##name, \
	     sizeof((r)->name[0]))

/* Remember an unreadable path; the index + 1 a *_unread field holds. */
static unsigned unread(struct vmr_report *r, const char *path, int err)
{
	struct vmr_unread *u;

	if (!GROW(r, unread)) {
		r->n_unread_dropped++;
		return UINT_MAX; /* unknown all the same, the path not kept */
	}
	u = &r->unread[r->n_unread++];
	snprintf(u->path, sizeof(u->path), "%s", path);
	u->err = err;
	return (unsigned)r->n_unread;
}

/* How a file's absence reads: a fact (no driver link) or unknown. */
enum absent { ABSENT_UNKNOWN, ABSENT_IS_FACT };

enum rd_kind { RD_TEXT, RD_U64, RD_HEX, RD_LINK, RD_DIR, RD_EXISTS };

struct rd {
	const struct vmr_root *root;
	struct vmr_report *r;
};

/*
 * Format a path and read one fact in one call (the core's vmr_atv, which
 * hands the path back); an error other than a meaningful absence sets *u
 * (the value is unknown, and says why). Returns what the core returned,
 * but RD_EXISTS: 1, 0 or -errno.
 */
static int rd_v(const struct rd *c, unsigned *u, enum absent absent,
		enum rd_kind kind, void *dst, size_t size, vmr_dir_fn fn,
		const char *fmt, va_list ap)
{
	static const enum vmr_at_op op[] = {
		[RD_TEXT] = VMR_AT_READ, [RD_U64] = VMR_AT_U64,
		[RD_HEX] = VMR_AT_HEX, [RD_LINK] = VMR_AT_LINK,
		[RD_DIR] = VMR_AT_DIR, [RD_EXISTS] = VMR_AT_EXISTS,
	};
	struct vmr_dir_cb cb = { fn, dst };
	char path[VMR_PATH_MAX];
	int err = vmr_atv(c->root, op[kind], kind == RD_DIR ? &cb : dst, size,
			  path, fmt, ap);

	if (kind == RD_EXISTS && (err == 0 || err == -ENOENT))
		return err == 0;
	if (err < 0 && !(err == -ENOENT && absent == ABSENT_IS_FACT))
		*u = unread(c->r, path, err);
	return err;
}

#define RD_FN(name, kind, type) \
static int name(const struct rd *c, unsigned *u, enum absent a, type dst, \
		size_t size, const char *fmt, ...) \
	__attribute__((format(printf, 6, 7))); \
static int name(const struct rd *c, unsigned *u, enum absent a, type dst, \
		size_t size, const char *fmt, ...) \
{ \
	va_list ap; \
	int err; \
\
	va_start(ap, fmt); \
	err = rd_v(c, u, a, kind, dst, size, NULL, fmt, ap); \
	va_end(ap); \
	return err; \
}
RD_FN(rd_text, RD_TEXT, char *)
RD_FN(rd_link, RD_LINK, char *)
RD_FN(rd_u64, RD_U64, uint64_t *)
RD_FN(rd_hex, RD_HEX, uint32_t *)

static int rd_dir(const struct rd *c, unsigned *u, enum absent a,
		  vmr_dir_fn fn, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static int rd_dir(const struct rd *c, unsigned *u, enum absent a,
		  vmr_dir_fn fn, void *ctx, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = rd_v(c, u, a, RD_DIR, ctx, 0, fn, fmt, ap);
	va_end(ap);
	return err;
}

static bool rd_exists(const struct rd *c, unsigned *u, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static bool rd_exists(const struct rd *c, unsigned *u, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rd_v(c, u, ABSENT_IS_FACT, RD_EXISTS, NULL, 0, NULL, fmt, ap);
	va_end(ap);
	return r > 0;
}

/* ---- IOMMU ---------------------------------------------------------------- */

/* A module parameter: absent is a fact (module not loaded: not set). */
static bool param_yes(const struct rd *c, unsigned *u, const char *module)
{
	char v[8];

	return rd_text(c, u, ABSENT_IS_FACT, v, sizeof(v), "sys/module/%s/"
		       "parameters/allow_unsafe_interrupts", module) > 0 &&
	       (v[0] == 'Y' || v[0] == 'y' || v[0] == '1');
}

static void read_iommu(const struct rd *c, struct vmr_iommu *io)
{
	int ir, n;

	io->dmar = rd_exists(c, &io->acpi_unread,
			     "sys/firmware/acpi/tables/DMAR");
	io->ivrs = rd_exists(c, &io->acpi_unread,
			     "sys/firmware/acpi/tables/IVRS");
	/* The core's rule: on when the kernel made groups. No iommu_groups
	 * directory is a fact (a kernel without IOMMU support). */
	n = vmr_iommu_groups(c->root);
	if (n < 0 && n != -ENOENT)
		io->groups_unread = unread(c->r, "sys/kernel/iommu_groups", n);
	io->groups = n > 0 ? (unsigned)n : 0;
	io->enabled = n > 0;
	/*
	 * The kernel names remapped interrupt chips IR-IO-APIC, IR-PCI-MSI
	 * (Intel and AMD alike): the one place that says remapping is in use.
	 * Every kernel has /proc/interrupts: missing is unreadable too.
	 */
	ir = vmr_file_contains(c->root, "proc/interrupts", "IR-");
	if (ir < 0)
		io->irq_unread = unread(c->r, "proc/interrupts", ir);
	io->irq_remap = ir < 0 ? -1 : ir;
	io->unsafe_type1 = param_yes(c, &io->unsafe_unread,
				     "vfio_iommu_type1");
	io->unsafe_iommufd = param_yes(c, &io->unsafe_unread, "iommufd");
}

/* ---- PCI functions and groups --------------------------------------------- */

struct fn_ctx {
	const struct rd *c;
	struct vmr_report *r;
};

static void match_selectors(const struct vmr_root *root, struct vmr_report *r,
			    struct vmr_fn *f, const struct vmr_pci_id *id)
{
	f->sel = vmr_plan_match(root, &r->plan, id, r->sel_hits, r->sel_found,
				&f->sel_by_address);
}

static int read_fn(const char *name, void *ctx)
{
	struct fn_ctx *fc = ctx;
	const struct rd *c = fc->c;
	struct vmr_report *r = fc->r;
	struct vmr_pci_id id;
	uint32_t v;
	struct vmr_fn *f;
	char buf[16];

	if (vmr_parse_bdf(name, &id.domain, &id.bus, &id.slot, &id.func) < 0)
		return 0;
	if (!GROW(r, fn)) {
		r->n_fn_dropped++;
		return 0;
	}
	f = &r->fn[r->n_fn++];
	memset(f, 0, sizeof(*f));
	snprintf(f->addr, sizeof(f->addr), "%s", name);
	if (rd_hex(c, &f->id_unread, ABSENT_UNKNOWN, &v, 0, DEVICES "/%s/vendor",
		   name) == 0)
		f->vendor = (uint16_t)v;
	if (rd_hex(c, &f->id_unread, ABSENT_UNKNOWN, &v, 0, DEVICES "/%s/device",
		   name) == 0)
		f->device = (uint16_t)v;
	rd_hex(c, &f->id_unread, ABSENT_UNKNOWN, &f->class, 0,
	       DEVICES "/%s/class", name);
	/* No driver link: no driver. No override file: kernels before 3.16. */
	rd_link(c, &f->driver_unread, ABSENT_IS_FACT, f->driver,
		sizeof(f->driver), DEVICES "/%s/driver", name);
	rd_text(c, &f->override_unread, ABSENT_IS_FACT, f->override,
		sizeof(f->override), DEVICES "/%s/driver_override", name);
	if (strcmp(f->override, "(null)") == 0)
		f->override[0] = '\0';
	/* No iommu_group link: no group (IOMMU off, or the igfx quirk). */
	f->group = rd_link(c, &f->group_unread, ABSENT_IS_FACT, buf,
			   sizeof(buf), DEVICES "/%s/iommu_group", name) > 0 ?
		   atoi(buf) : -1;
	/* No numa_node file: a kernel without NUMA. */
	f->numa_node = rd_text(c, &f->numa_unread, ABSENT_IS_FACT, buf,
			       sizeof(buf), DEVICES "/%s/numa_node", name) > 0 ?
		       atoi(buf) : -1;
	/* boot_vga exists for VGA class devices only. */
	f->boot_vga = rd_text(c, &f->id_unread, ABSENT_IS_FACT, buf,
			      sizeof(buf), DEVICES "/%s/boot_vga", name) > 0 &&
		      buf[0] == '1';
	f->bridge = vmr_pci_is_bridge(c->root, name, f->class);
	/* rd.vmreserve=0: the keys select nothing, as at boot. */
	f->sel = -1;
	id.vendor = f->vendor;
	id.device = f->device;
	id.class = f->class;
	/* Unknown ids would match as 0000:0000: not judged, said once. */
	if (f->id_unread && !r->ids_unread)
		r->ids_unread = f->id_unread;
	if (!r->plan.disabled && !f->id_unread)
		match_selectors(c->root, r, f, &id);
	return 0;
}

/* Group order, then bus order; functions without a group go last. */
static int fn_cmp(const void *a, const void *b)
{
	const struct vmr_fn *x = a, *y = b;
	unsigned gx = (unsigned)x->group, gy = (unsigned)y->group;
	uint64_t kx = vmr_bdf_key(x->addr), ky = vmr_bdf_key(y->addr);

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return kx < ky ? -1 : kx > ky;
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
			if (!GROW(r, group)) {
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
		/* After boot no driver is left to come: driver-less is fine. */
		f->blocks = vmr_member_blocks(f->driver, f->bridge, false);
		g->viable &= !f->blocks;
		g->selected |= f->sel >= 0;
	}
}

/* A member whose driver is unknown leaves its group's viability unknown. */
static void groups_unread(struct vmr_report *r)
{
	for (size_t i = 0; i < r->n_group; i++) {
		struct vmr_group *g = &r->group[i];

		g->unread = 0;
		for (size_t k = g->first; k < g->first + g->count; k++)
			if (r->fn[k].driver_unread && !g->unread)
				g->unread = r->fn[k].driver_unread;
	}
}

/* The selected functions in bus order (fn[] is in group order). */
static void list_selected(struct vmr_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_fn; i++)
		n += r->fn[i].sel >= 0;
	if (!n)
		return;
	r->selected = calloc(n, sizeof(*r->selected));
	if (!r->selected) {
		r->n_fn_dropped += n; /* not listed: said in the advice */
		return;
	}
	for (size_t i = 0; i < r->n_fn; i++)
		if (r->fn[i].sel >= 0)
			r->selected[r->n_selected++] = i;
	vmr_fn_sort_by_addr(r->fn, r->selected, r->n_selected);
}

static void read_pci(const struct rd *c, struct vmr_report *r)
{
	struct fn_ctx fc = { c, r };

	/* No sys/bus/pci at all: a machine without PCI. */
	rd_dir(c, &r->devices_unread, ABSENT_IS_FACT, read_fn, &fc, DEVICES);
	if (r->n_fn)
		qsort(r->fn, r->n_fn, sizeof(r->fn[0]), fn_cmp);
	build_groups(r);
	groups_unread(r);
	vmr_read_topology(c->root, r);
	vmr_judge_isolation(r);
	list_selected(r);
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

		/* Every function: a blacklist's other devices (binders.c) and
		 * the free members of a selected function's group
		 * (group_truth.c takes only those udev would leave alone). */
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

struct node_ctx {
	const struct rd *c;
	struct vmr_report *r;
	struct vmr_node *n;
	unsigned node;
};

static int read_size(const char *name, void *ctx)
{
	struct node_ctx *nc = ctx;
	struct vmr_report *r = nc->r;
	struct vmr_hprow *h;
	unsigned long long kb;
	char tail[4];

	if (sscanf(name, "hugepages-%llukB%3s", &kb, tail) != 1)
		return 0;
	if (!GROW(r, hp)) {
		r->n_hp_dropped++;
		return 0;
	}
	h = &r->hp[r->n_hp++];
	memset(h, 0, sizeof(*h));
	h->node = nc->node;
	h->page_kb = kb;
	rd_u64(nc->c, &h->unread, ABSENT_UNKNOWN, &h->total, 0,
	       NODES "/node%u/hugepages/%s/nr_hugepages", nc->node, name);
	rd_u64(nc->c, &h->unread, ABSENT_UNKNOWN, &h->free, 0,
	       NODES "/node%u/hugepages/%s/free_hugepages", nc->node, name);
	rd_u64(nc->c, &h->unread, ABSENT_UNKNOWN, &h->surplus, 0,
	       NODES "/node%u/hugepages/%s/surplus_hugepages", nc->node, name);
	return 0;
}

static int read_node(const char *name, void *ctx)
{
	struct node_ctx *nc = ctx;
	struct vmr_report *r = nc->r;
	struct vmr_node *n;
	char info[4096];
	unsigned id;
	char tail[2];

	if (sscanf(name, "node%u%1s", &id, tail) != 1)
		return 0;
	if (!GROW(r, node)) {
		r->n_node_dropped++;
		return 0;
	}
	n = &r->node[r->n_node++];
	memset(n, 0, sizeof(*n));
	n->id = id;
	if (rd_text(nc->c, &n->meminfo_unread, ABSENT_UNKNOWN, info,
		    sizeof(info), NODES "/%s/meminfo", name) >= 0) {
		char path[VMR_PATH_MAX];
		int err = vmr_meminfo_kb(info, "MemTotal:", &n->mem_total_kb);

		if (err == 0)
			err = vmr_meminfo_kb(info, "MemFree:", &n->mem_free_kb);
		/* Read, but not in the kernel's format: unknown, not 0. */
		if (err < 0 && vmr_path(path, NODES "/%s/meminfo", name) == 0)
			n->meminfo_unread = unread(nc->r, path, err);
	}
	rd_text(nc->c, &n->cpulist_unread, ABSENT_UNKNOWN, n->cpulist,
		sizeof(n->cpulist), NODES "/%s/cpulist", name);
	nc->node = id;
	/* A node without the directory has no hugepage sizes at all. */
	rd_dir(nc->c, &n->hp_unread, ABSENT_IS_FACT, read_size, nc,
	       NODES "/%s/hugepages", name);
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

static void read_nodes(const struct rd *c, struct vmr_report *r)
{
	struct node_ctx nc = { c, r, NULL, 0 };

	/* No node directory: a kernel without NUMA. */
	rd_dir(c, &r->nodes_unread, ABSENT_IS_FACT, read_node, &nc, NODES);
	if (r->n_node)
		qsort(r->node, r->n_node, sizeof(r->node[0]), node_cmp);
	if (r->n_hp)
		qsort(r->hp, r->n_hp, sizeof(r->hp[0]), hp_cmp);
}


/* No DMI (not x86, a VM without SMBIOS): a fact, no chassis type. */
static void read_chassis(const struct rd *c, struct vmr_report *r)
{
	uint64_t v = 0;

	if (rd_u64(c, &r->chassis_unread, ABSENT_IS_FACT, &v, 0,
		   "sys/class/dmi/id/chassis_type") == 0 && v < 256)
		r->chassis_type = (unsigned)v;
}

int vmr_status_read(const struct vmr_root *root,
		    const struct vmr_report_opts *opts, struct vmr_report *r)
{
	struct rd c = { root, r };
	int err;

	memset(r, 0, sizeof(*r));
	if (!vmr_exists(root, "sys") || !vmr_exists(root, "proc"))
		return -ENOTDIR;
	vmr_read_record(root, r); /* first: it may hold the plan */
	err = read_cmdline(root, opts, r);
	if (err < 0) {
		r->cmdline_unread = unread(r, "proc/cmdline", err);
		vmr_advise(&r->advice, VMR_LVL_WARNING, NULL, "cannot read "
			   "/proc/cmdline: %s%s", strerror(-err),
			   r->plan_from != VMR_PLAN_PROC ? "" : "; judged as "
			   "if no key were given");
	}
	read_iommu(&c, &r->iommu);
	read_chassis(&c, r);
	read_pci(&c, r);
	lookup_host_drivers(root, opts, r);
	read_nodes(&c, r);
	vmr_read_hp_other(root, r);
	return 0;
}
