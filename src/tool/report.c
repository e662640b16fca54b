/* SPDX-License-Identifier: MIT */
/*
 * Filling the status report. Three sources, read in this order: what the
 * command line asks (the early binary's own parser), what the early binary
 * recorded (/run/vmreserve/state), and what the kernel shows now (sysfs).
 * The kernel is the truth; the record only explains it (clamped, refused).
 */
#include "report.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline_src.h"
#include "hp_plan.h"
#include "kmod.h"
#include "record.h"

#define DEVICES "sys/bus/pci/devices"
#define NODES   "sys/devices/system/node"

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

/* ---- the early binary's record -------------------------------------------- */

static struct vmr_record record; /* VMR_STATE_SIZE and more: not on the stack */

/* A value as written, "" when the record does not have it. */
static const char *rec_str(enum vmr_rk k, size_t idx)
{
	const struct vmr_rval *v = vmr_rec(&record, k, idx);

	return v->seen ? v->str : "";
}

/* Loaded once; the judging below reads the struct, never the text. */
static void read_record(const struct vmr_root *root, struct vmr_report *r)
{
	struct vmr_early_rec *e = &r->early;
	const struct vmr_rval *v;
	int err = vmr_record_load(root, &record);

	if (err == -ENOENT)
		return;
	e->present = true;
	e->read_error = err;
	if (err < 0)
		return;
	v = vmr_rec(&record, VMR_K_VERSION, 0);
	e->version = v->known && v->u <= UINT32_MAX ? (unsigned)v->u : 0;
	snprintf(e->writer, sizeof(e->writer), "%s", rec_str(VMR_K_WRITER, 0));
	snprintf(e->result, sizeof(e->result), "%s", rec_str(VMR_K_RESULT, 0));
	v = vmr_rec(&record, VMR_K_EXIT, 0);
	e->exit_known = v->known && v->s >= 0 && v->s <= 255;
	e->exit = e->exit_known ? (int)v->s : -1;
	v = vmr_rec(&record, VMR_K_TIME_TOTAL, 0);
	e->total_known = v->known;
	e->total_us = v->u;
	e->truncated = vmr_rec(&record, VMR_K_TRUNCATED, 0)->u == 1;
	e->cut = record.cut;
	e->n_bad = record.n_bad;
	e->bad_line = record.bad_line;
	snprintf(e->bad, sizeof(e->bad), "%s", record.bad);
	snprintf(e->conf, sizeof(e->conf), "%s", rec_str(VMR_K_CONF, 0));
}

/* Index of the record's entry for this node and page size, or -1. */
static long record_hp(unsigned node, uint64_t page_kb)
{
	uint64_t n = vmr_rec(&record, VMR_K_HP_COUNT, 0)->u;

	for (size_t i = 0; i < n && i < VMR_MAX_HP; i++) {
		const struct vmr_rval *nd = vmr_rec(&record, VMR_K_HP_NODE, i);
		const struct vmr_rval *pk = vmr_rec(&record, VMR_K_HP_PAGE_KB, i);

		if (nd->known && nd->u == node && pk->known && pk->u == page_kb)
			return (long)i;
	}
	return -1;
}

bool vmr_report_boot_free(const struct vmr_report *r, unsigned node,
			  uint64_t page_kb, uint64_t *free_kb, uint64_t *before)
{
	const struct vmr_rval *fk, *bf;
	long i;

	if (!r->early.present || r->early.read_error < 0 ||
	    (i = record_hp(node, page_kb)) < 0)
		return false;
	fk = vmr_rec(&record, VMR_K_HP_FREE_KB, (size_t)i);
	bf = vmr_rec(&record, VMR_K_HP_BEFORE, (size_t)i);
	if (!fk->known || !bf->known)
		return false;
	*free_kb = fk->u;
	*before = bf->u;
	return true;
}

/* The record's status and reason for the device at addr ("" when none). */
static void record_dev(struct vmr_fn *f)
{
	uint64_t n = vmr_rec(&record, VMR_K_DEV_COUNT, 0)->u;

	f->early[0] = f->why[0] = f->before[0] = '\0';
	for (size_t i = 0; i < n && i < VMR_MAX_DEV; i++) {
		if (strcmp(rec_str(VMR_K_DEV_ADDR, i), f->addr) != 0)
			continue;
		snprintf(f->early, sizeof(f->early), "%s",
			 rec_str(VMR_K_DEV_STATUS, i));
		snprintf(f->why, sizeof(f->why), "%s",
			 rec_str(VMR_K_DEV_WHY, i));
		snprintf(f->before, sizeof(f->before), "%s",
			 rec_str(VMR_K_DEV_DRIVER_BEFORE, i));
		return;
	}
}

/*
 * A recorded parameter back into the plan, with the parser that read it:
 * a line of the config file ("/etc/vmreserve.conf:LINE") as one, anything
 * else ("/etc/cmdline.d", ..., or what this tool does not know) as
 * command-line text.
 */
static void record_arg(struct vmr_plan *plan, const char *text,
		       const char *source)
{
	struct vmr_from from = { VMR_SRC_PROC, 0 };

	vmr_from_parse(source, &from);
	if (from.src == VMR_SRC_CONF)
		vmr_plan_add_conf(plan, text, from.line);
	else
		vmr_plan_add(plan, text, from.src);
}

/*
 * What was asked at boot is in the record: the parameters the early binary
 * read (from the initramfs' own files too), rebuilt into a plan with the
 * same parser. False when the record does not hold them all (an older
 * writer, a bad or missing arg.N line): then /proc/cmdline.
 */
static bool plan_from_record(const struct vmr_report *r, struct vmr_plan *plan)
{
	const struct vmr_rval *c = vmr_rec(&record, VMR_K_ARG_COUNT, 0);

	/* Another format's keys may mean other things: not trusted. */
	if (!r->early.present || r->early.read_error < 0 || !c->known ||
	    c->u > VMR_MAX_ARGS || r->early.version != VMR_STATE_VERSION)
		return false;
	for (size_t i = 0; i < c->u; i++)
		if (!vmr_rec(&record, VMR_K_ARG, i)->seen)
			return false;
	vmr_plan_init(plan);
	for (size_t i = 0; i < c->u; i++)
		record_arg(plan, rec_str(VMR_K_ARG, i),
			   rec_str(VMR_K_ARG_SOURCE, i));
	plan->n_args_lost += vmr_rec(&record, VMR_K_ARG_LOST, 0)->u;
	return true;
}

const char *vmr_report_host_plan(const struct vmr_root *root,
				 const struct vmr_report *r, bool use_record,
				 struct vmr_plan *plan)
{
	static char buf[VMR_CONF_MAX + 1];
	char fp[VMR_CONF_FP_LEN];

	if (use_record && plan_from_record(r, plan))
		return "/" VMR_STATE_PATH;
	vmr_plan_init(plan);
	/* The host's file (a link: its target, as dracut copies it), read
	 * first like the initramfs' copy; then the command line. */
	if (vmr_conf_read(root, true, buf, fp) >= 0)
		vmr_plan_add_conf(plan, buf, 1);
	vmr_plan_add(plan, r->cmdline, VMR_SRC_PROC);
	return "/etc/vmreserve.conf and the command line";
}

/*
 * The kernel's own keys (modprobe.blacklist=, ...) always come from
 * /proc/cmdline (or --cmdline); the plan from the record when it holds one.
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
		r->plan_from = "suggest";
	} else if (!o->cmdline && plan_from_record(r, &r->plan)) {
		r->plan_from = "/" VMR_STATE_PATH;
	} else {
		vmr_cmdline_parse(r->cmdline, &r->plan);
		r->plan_from = o->cmdline ? "--cmdline" : "/proc/cmdline";
	}
	return n < 0 ? n : 0;
}

/* ---- IOMMU ---------------------------------------------------------------- */

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

void vmr_unread_text(const struct vmr_report *r, unsigned k, char *buf,
		     size_t size)
{
	if (k == 0 || k > r->n_unread)
		snprintf(buf, size, "cannot read it (out of memory to say why)");
	else
		snprintf(buf, size, "cannot read /%s: %s", r->unread[k - 1].path,
			 strerror(-r->unread[k - 1].err));
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

static const struct vmr_fn *sort_fn; /* addr_cmp's array (qsort has no ctx) */

static int addr_cmp(const void *a, const void *b)
{
	const struct vmr_fn *fn = sort_fn;
	uint64_t x = vmr_bdf_key(fn[*(const size_t *)a].addr);
	uint64_t y = vmr_bdf_key(fn[*(const size_t *)b].addr);

	return x < y ? -1 : x > y;
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
	sort_fn = r->fn;
	qsort(r->selected, r->n_selected, sizeof(size_t), addr_cmp);
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
	list_selected(r);
}

bool vmr_report_listed_all(const struct vmr_report *r)
{
	return !r->devices_unread && !r->ids_unread && !r->n_fn_dropped;
}

const struct vmr_group *vmr_report_group(const struct vmr_report *r, int id)
{
	for (size_t i = 0; i < r->n_group; i++)
		if (r->group[i].id == id)
			return &r->group[i];
	return NULL;
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

static struct vmr_hprow *hp_row(struct vmr_report *r, unsigned node,
				uint64_t page_kb)
{
	for (size_t i = 0; i < r->n_hp; i++)
		if (r->hp[i].node == node && r->hp[i].page_kb == page_kb)
			return &r->hp[i];
	return NULL;
}

static const struct vmr_node *find_node(const struct vmr_report *r,
					unsigned id)
{
	for (size_t i = 0; i < r->n_node; i++)
		if (r->node[i].id == id)
			return &r->node[i];
	return NULL;
}

/* ---- judging ----------------------------------------------------------------- */

struct tally {
	size_t met, partly;
	size_t unknown; /* asked items that cannot be judged */
};

/* An asked item whose state is unknown: neither met nor a finding. */
static void cannot_judge(struct vmr_report *r, struct tally *t, unsigned u,
			 const char *what)
{
	char why[VMR_PATH_MAX + 64];

	vmr_unread_text(r, u, why, sizeof(why));
	t->unknown++;
	vmr_advise(&r->advice, VMR_LVL_WARNING, "check the permissions and the "
		   "kernel (run vmreserve as root, on the host itself)",
		   "cannot judge %s: %s", what, why);
}

static void judge_hp_row(struct vmr_report *r, const struct vmr_hp_req *q,
			 struct vmr_hprow *h, struct tally *t)
{
	char size[16];
	long ri = r->early.present ? record_hp(h->node, h->page_kb) : -1;

	vmr_format_kb(size, sizeof(size), h->page_kb);
	h->asked = true;
	h->requested = vmr_hp_pages(q);
	h->target = h->requested;
	h->target_known = true;
	if (ri >= 0) {
		const struct vmr_rval *t = vmr_rec(&record, VMR_K_HP_TARGET,
						   (size_t)ri);

		/* seen but not a number: unknown, not the request */
		h->target_known = t->known || !t->seen;
		if (t->known)
			h->target = t->u;
		snprintf(h->early, sizeof(h->early), "%s",
			 rec_str(VMR_K_HP_STATUS, (size_t)ri));
	}
	if (h->unread) {
		char what[64];

		snprintf(what, sizeof(what), "node %u's %s hugepages", h->node,
			 size);
		h->level = VMR_LVL_WARNING;
		cannot_judge(r, t, h->unread, what);
		return;
	}
	if (h->requested == 0) {
		h->level = h->total == 0 ? VMR_LVL_OK : VMR_LVL_WARNING;
		t->partly += h->total != 0;
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

		vmr_advise(&r->advice, h->level, fix, "node %u: %llu of %llu "
			   "%s hugepages reserved%s", h->node,
			   (unsigned long long)h->total,
			   (unsigned long long)h->requested, size,
			   strcmp(h->early, "clamped") == 0 ? " (clamped at "
			   "boot to keep memory free)" : "");
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

		const struct vmr_node *n = find_node(r, q->node);
		unsigned u = r->nodes_unread ? r->nodes_unread :
			     n ? n->hp_unread : 0;

		r->asked++;
		if (h) {
			judge_hp_row(r, q, h, t);
			continue;
		}
		vmr_format_kb(size, sizeof(size), q->page_kb);
		/* Not seen is no proof of absence when a listing failed. */
		if (u || r->n_node_dropped || r->n_hp_dropped) {
			char what[64];

			snprintf(what, sizeof(what), "rd.vmreserve.hugepages "
				 "'%s'", q->text);
			cannot_judge(r, t, u, what);
			continue;
		}
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "use a node listed "
			   "under Nodes and a page size it offers (2M; 1G "
			   "needs the CPU flag pdpe1gb)",
			   "rd.vmreserve.hugepages: '%s': node %u has no %s "
			   "hugepages", q->text, q->node, size);
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
	if (!r->early.present)
		return "vmreserve-early did not run: add it to the initramfs "
		       "(dracut -f) and reboot";
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

static void judge_fn(struct vmr_report *r, struct vmr_fn *f, struct tally *t)
{
	const char *sel = r->plan.sel[f->sel].text;
	char fix[VMR_ADVICE_LEN];

	r->asked++;
	if (r->early.present)
		record_dev(f);
	if (f->driver_unread) {
		char what[64];

		snprintf(what, sizeof(what), "whether %s is on " VMR_VFIO_DRIVER,
			 f->addr);
		cannot_judge(r, t, f->driver_unread, what);
		return;
	}
	f->in_effect = on_vfio(f);
	t->met += f->in_effect;
	if (f->in_effect)
		return;
	if (f->bridge)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "select the device "
			   "behind the bridge instead", "%s (selected by '%s') "
			   "is a PCI bridge or port: bridges are never taken",
			   f->addr, sel);
	else if (!r->iommu.enabled)
		return; /* said once, for all devices */
	else if (f->group < 0)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "do not select it; "
			   "for an Intel iGPU, remove intel_iommu=igfx_off",
			   "%s (selected by '%s') " VMR_NO_GROUP_WHY, f->addr,
			   sel);
	else if (strcmp(f->early, "refused") == 0)
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

static void advise_group(struct vmr_report *r, const struct vmr_group *g,
			 const struct vmr_fn *sel)
{
	for (size_t k = g->first; k < g->first + g->count; k++) {
		const struct vmr_fn *m = &r->fn[k];
		char fix[VMR_ADVICE_LEN];

		/* A selected member blocks too until it is on vfio-pci. */
		if (!m->blocks || (m->sel >= 0 && m->in_effect))
			continue;
		if (m->sel >= 0)
			snprintf(fix, sizeof(fix), "it is selected: see why it is "
				 "not on " VMR_VFIO_DRIVER " in its own item");
		else
			snprintf(fix, sizeof(fix), "select it too "
				 "(rd.vmreserve.pci=%s), or put the card in a "
				 "slot with an IOMMU group of its own", m->addr);
		vmr_advise(&r->advice, VMR_LVL_WARNING, fix, "IOMMU group %d "
			   "of %s is not viable: %s (%04x:%04x) is on %s",
			   g->id, sel->addr, m->addr, m->vendor, m->device,
			   m->driver);
	}
}

/* A risk whose cause cannot be read: a warning naming the file. */
static void advise_unread(struct vmr_report *r, unsigned u, const char *fmt,
			  ...) __attribute__((format(printf, 3, 4)));

static void advise_unread(struct vmr_report *r, unsigned u, const char *fmt,
			  ...)
{
	char what[VMR_ADVICE_LEN], why[VMR_PATH_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	vmr_unread_text(r, u, why, sizeof(why));
	vmr_advise(&r->advice, VMR_LVL_WARNING, "check the permissions and the "
		   "kernel (run vmreserve as root, on the host itself)", "%s "
		   "(%s)", what, why);
}

static void advise_group_unknown(struct vmr_report *r,
				 const struct vmr_group *g,
				 const struct vmr_fn *sel)
{
	advise_unread(r, g->unread, "IOMMU group %d of %s may not be viable: "
		      "a member's driver is unknown", g->id, sel->addr);
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
		if (f->group < 0 && f->group_unread)
			advise_unread(r, f->group_unread, "%s: its IOMMU group "
				      "is unknown", f->addr);
	}
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		if (r->sel_hits[i] || r->sel_found[i]) /* see judge_pins */
			continue;
		r->asked++;
		/* Not seen is no proof of absence when the listing failed. */
		if (!vmr_report_listed_all(r)) {
			char what[64];

			snprintf(what, sizeof(what), "rd.vmreserve.pci '%s'",
				 r->plan.sel[i].text);
			cannot_judge(r, t, r->devices_unread ?
				     r->devices_unread : r->ids_unread, what);
			continue;
		}
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, "check the address or "
			   "id with 'vmreserve groups' or 'lspci -Dnn'",
			   "rd.vmreserve.pci: '%s' matched no device",
			   r->plan.sel[i].text);
	}
	if (n_sel && !r->iommu.enabled && r->iommu.groups_unread)
		advise_unread(r, r->iommu.groups_unread, "whether the IOMMU is "
			      "on is unknown: %zu selected device(s) cannot be "
			      "judged for it", n_sel);
	else if (n_sel && !r->iommu.enabled)
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, vmr_iommu_hint(root),
			   "IOMMU is off (no IOMMU groups): %zu selected "
			   "device(s) cannot be bound to " VMR_VFIO_DRIVER,
			   n_sel);
}

static const struct vmr_fn *fn_at(const struct vmr_report *r,
				  const char *addr)
{
	for (size_t i = 0; i < r->n_fn; i++)
		if (strcmp(r->fn[i].addr, addr) == 0)
			return &r->fn[i];
	return NULL;
}

/*
 * Address selectors. A pinned one whose address holds another card took
 * nothing there: never in effect, and the advice names both ids. One
 * without a pin that took something is worth pinning to the card it found
 * (function 0's ids for a slot): a card added or moved, or renumbered
 * buses, then cannot hand another device to vfio-pci.
 */
static void judge_pins(struct vmr_report *r)
{
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		const struct vmr_pci_sel *s = &r->plan.sel[i];
		unsigned found = r->sel_found[i];
		char at[VMR_BDF_LEN], fix[VMR_ADVICE_LEN];
		const struct vmr_fn *f;

		if (s->kind == VMR_SEL_ID)
			continue;
		vmr_sel_pin_addr(s, at);
		if (found && !r->sel_hits[i]) {
			r->asked++;
			snprintf(fix, sizeof(fix), "if the card moved, find "
				 "%04x:%04x with 'vmreserve groups' or 'lspci "
				 "-Dnn' and select its new address; if %s is "
				 "the card you mean, pin %04x:%04x", s->vendor,
				 s->device, at, found >> 16, found & 0xffff);
			vmr_advise(&r->advice, VMR_LVL_CRITICAL, fix,
				   "rd.vmreserve.pci: '%s': %s is %04x:%04x, "
				   "not %04x:%04x: nothing taken there",
				   s->text, at, found >> 16, found & 0xffff,
				   s->vendor, s->device);
		} else if (!s->pinned && r->sel_hits[i] &&
			   (f = fn_at(r, at)) != NULL && f->in_effect) {
			/* Only for a device that is taken: pinning one that
			 * is refused or not bound helps nobody yet. */
			snprintf(fix, sizeof(fix), "pin it to the card: "
				 "rd.vmreserve.pci=%s@%04x:%04x", s->text,
				 f->vendor, f->device);
			vmr_advise(&r->advice, VMR_LVL_NOTE, fix,
				   "rd.vmreserve.pci: '%s' selects by address "
				   "alone: if another card ever sits at %s, it "
				   "goes to " VMR_VFIO_DRIVER, s->text, at);
		}
	}
}

static void judge_iommu(struct vmr_report *r, bool devices)
{
	const struct vmr_iommu *io = &r->iommu;

	if (io->unsafe_type1 || io->unsafe_iommufd)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "unless every guest is "
			   "trusted, drop allow_unsafe_interrupts=1 (kernel "
			   "command line or /etc/modprobe.d) and use a "
			   "platform with interrupt remapping",
			   "allow_unsafe_interrupts is set on %s: a guest can "
			   "send interrupts (MSI) to the host and to other "
			   "guests", io->unsafe_type1 ? "vfio_iommu_type1" :
			   "iommufd");
	else if (devices && io->enabled && io->irq_remap < 0) {
		char why[VMR_PATH_MAX + 64];

		/* Unknown is not off: worth knowing, no finding. */
		vmr_unread_text(r, io->irq_unread, why, sizeof(why));
		vmr_advise(&r->advice, VMR_LVL_NOTE, "if VFIO refuses to "
			   "attach a device, look for IR-PCI-MSI in "
			   "/proc/interrupts", "whether interrupt remapping is "
			   "on is unknown: %s", why);
	} else if (devices && io->enabled && io->irq_remap == 0)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "enable interrupt "
			   "remapping (x2APIC, VT-d / AMD-Vi) in the firmware; "
			   "if the kernel disables it for a chipset erratum "
			   "(Intel 5500/5520), only "
			   "vfio_iommu_type1.allow_unsafe_interrupts=1 works, "
			   "unsafe between untrusted guests", "interrupt "
			   "remapping is off: VFIO refuses to attach the "
			   "devices to a VM");
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
		vmr_advise(&r->advice, VMR_LVL_WARNING, fix,
			   "modprobe.blacklist=%s keeps %s off every device, "
			   "not only the selected ones", m, m);
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

/*
 * Does some node hold hugepages nobody asked rd.vmreserve.hugepages for?
 * After the kernel's hugepages=N split, rd.vmreserve.hugepages=OTHER:0
 * empties the other nodes (the migration path): then the split is only
 * redundant, a note; pages left where no VM was planned are a risk.
 */
static bool unasked_pages(const struct vmr_report *r)
{
	if (r->plan.disabled)
		return true;
	for (size_t i = 0; i < r->n_hp; i++)
		if (!r->hp[i].asked && (r->hp[i].total || r->hp[i].unread))
			return true;
	return false;
}

static void judge_foreign(struct vmr_report *r)
{
	const struct vmr_foreign *f = &r->foreign;
	const char *addr = NULL;

	judge_blacklist(r);
	if (f->vfio_ids[0] && ids_overlap(r, &addr))
		vmr_advise(&r->advice, VMR_LVL_WARNING, "remove vfio-pci.ids=: "
			   "rd.vmreserve.pci= already selects the devices, and "
			   "by slot if you like", "vfio-pci.ids=%s duplicates "
			   "rd.vmreserve.pci (it covers %s) and takes every "
			   "device with those ids", f->vfio_ids, addr);
	if (f->hugepages[0] && !strchr(f->hugepages, ':') && r->n_node > 1)
		vmr_advise(&r->advice, r->plan.n_hp && unasked_pages(r) ?
			   VMR_LVL_WARNING : VMR_LVL_NOTE, "remove hugepages=: "
			   "rd.vmreserve.hugepages=NODE:AMOUNT reserves on the "
			   "node the VM runs on", "hugepages=%s splits its "
			   "pages over all %zu nodes", f->hugepages, r->n_node);
}

/*
 * The keep margin is what stands between a big reservation and an
 * unbootable machine: a node whose hugepage pool leaves less than the
 * margin of its memory outside the pool (the kernel's own hugepages=, or
 * pages reserved by hand) is a risk, whoever reserved them. The early
 * binary clamps against the node's free memory at boot, a stricter bound,
 * so a pool it made never trips this.
 */
static void judge_keep(struct vmr_report *r)
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
		keep_kb = vmr_keep_bytes(&r->plan.keep,
					 n->mem_total_kb * 1024) / 1024;
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

/* What the report could not hold or read: named, never silent. */
static void judge_limits(struct vmr_report *r)
{
	static const char *const what[] = { "PCI functions", "IOMMU groups",
					    "NUMA nodes", "hugepage sizes" };
	size_t lost[] = { r->n_fn_dropped, r->n_group_dropped,
			  r->n_node_dropped, r->n_hp_dropped };

	for (size_t i = 0; i < sizeof(lost) / sizeof(lost[0]); i++)
		if (lost[i])
			vmr_advise(&r->advice, VMR_LVL_WARNING, "free some "
				   "memory and run vmreserve again", "out of "
				   "memory: %zu %s not read, so not judged",
				   lost[i], what[i]);
	if (r->n_unread_dropped)
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "out of memory: %zu "
			   "more unreadable files not named",
			   r->n_unread_dropped);
}

static void judge_plan(struct vmr_report *r)
{
	const struct vmr_plan *p = &r->plan;

	/* A malformed entry asked for something that is not in effect. */
	r->asked += p->n_errors;
	for (size_t i = 0; i < p->n_diag; i++) {
		bool err = p->diag[i].level == VMR_DIAG_ERROR;

		/* The config file's messages start with its path. */
		bool conf = strncmp(p->diag[i].msg, "/" VMR_CONF_PATH ":",
				    sizeof(VMR_CONF_PATH) + 1) == 0;

		vmr_advise(&r->advice, err ? VMR_LVL_CRITICAL : VMR_LVL_NOTE,
			   !err ? NULL : conf ? "fix the line in /"
			   VMR_CONF_PATH ", then rebuild the initramfs (see "
			   "vmreserve.conf(5))" : "fix the key on the kernel "
			   "command line (see vmreserve(8), KERNEL COMMAND "
			   "LINE)", "%s", p->diag[i].msg);
	}
	if (p->n_diag_lost)
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "%zu more "
			   "command-line problems not shown", p->n_diag_lost);
}

/* A record that is there but cannot be trusted whole is named. */
static void judge_record_lines(struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;

	if (e->n_bad)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "the record is written "
			   "by vmreserve-early only: check what else writes to "
			   "/run/vmreserve, and the boot's 'vmreserve:' log "
			   "lines", "/" VMR_STATE_PATH " line %zu: %s (%zu "
			   "line(s) not trusted)", e->bad_line, e->bad,
			   e->n_bad);
	if (e->truncated || e->cut)
		vmr_advise(&r->advice, VMR_LVL_NOTE, "what is not in the "
			   "record is shown as unknown; the kernel's view "
			   "below is complete", "the state record is %s: it "
			   "ends before all items", e->cut ? "larger than this "
			   "tool reads" : "truncated (truncated=1)");
	if (r->plan.n_args_lost && strcmp(r->plan_from, "/proc/cmdline"))
		vmr_advise(&r->advice, VMR_LVL_WARNING, "use fewer, shorter "
			   "rd.vmreserve parameters (lists take many entries)",
			   "%zu rd.vmreserve parameter(s) did not fit the "
			   "plan's list: what they ask is not judged",
			   r->plan.n_args_lost);
}

static void judge_record(struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;

	if (e->present && e->read_error == 0)
		judge_record_lines(r);
	if (!r->plan.any_key || r->plan.disabled)
		return;
	if (!e->present)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "put the dracut module "
			   "in the initramfs (dracut -f; 'lsinitrd | grep "
			   "vmreserve' shows it) and reboot", "no /"
			   VMR_STATE_PATH ": vmreserve-early did not run in "
			   "this boot");
	else if (e->read_error < 0)
		vmr_advise(&r->advice, VMR_LVL_WARNING, NULL, "cannot read /"
			   VMR_STATE_PATH ": %s", strerror(-e->read_error));
	else if (e->version > VMR_STATE_VERSION)
		vmr_advise(&r->advice, VMR_LVL_NOTE, "install the same version "
			   "of vmreserve and its dracut module", "the state "
			   "record has format %u, newer than this tool's %d",
			   e->version, VMR_STATE_VERSION);
}

static void judge(const struct vmr_root *root, struct vmr_report *r)
{
	struct tally t = { 0, 0, 0 };
	size_t n_sel = 0;

	/* suggest judges a plan nothing has applied yet: only what the
	 * host's own keys and interrupt setup do to it (suggest.c adds the
	 * rest); "not on vfio-pci" would be no news. */
	if (strcmp(r->plan_from, "suggest") == 0) {
		judge_iommu(r, true);
		judge_foreign(r);
		judge_limits(r);
		return;
	}
	judge_record(r); /* a bad record is named even when disabled */
	if (r->plan.disabled) {
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "rd.vmreserve=0: "
			   "vmreserve did nothing at boot");
	} else {
		judge_plan(r);
		judge_hugepages(r, &t);
		judge_devices(root, r, &t);
		judge_pins(r);
		for (size_t i = 0; i < r->n_fn; i++)
			n_sel += r->fn[i].sel >= 0;
	}
	judge_iommu(r, n_sel > 0);
	judge_foreign(r);
	judge_keep(r);
	if (!r->plan.disabled)
		vmr_checks_status(root, r); /* checks.c */
	judge_limits(r);
	vmr_report_conf(root, r);
	r->in_effect = t.met;
	/* Unknown is not "not in effect": at worst a warning. */
	if (r->asked && !t.met && !t.partly && !t.unknown)
		r->exit = VMR_EXIT_CRITICAL;
	else if (t.met < r->asked || r->advice.worst >= VMR_LVL_WARNING)
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
	struct rd c = { root, r };
	int err;

	memset(r, 0, sizeof(*r));
	if (!vmr_exists(root, "sys") || !vmr_exists(root, "proc"))
		return -ENOTDIR;
	read_record(root, r); /* first: it may hold the plan */
	err = read_cmdline(root, opts, r);
	if (err < 0) {
		r->cmdline_unread = unread(r, "proc/cmdline", err);
		vmr_advise(&r->advice, VMR_LVL_WARNING, NULL, "cannot read "
			   "/proc/cmdline: %s%s", strerror(-err),
			   strcmp(r->plan_from, "/proc/cmdline") ? "" : "; "
			   "judged as if no key were given");
	}
	read_iommu(&c, &r->iommu);
	read_pci(&c, r);
	lookup_host_drivers(root, opts, r);
	read_nodes(&c, r);
	judge(root, r);
	return 0;
}

void vmr_report_free(struct vmr_report *r)
{
	free(r->fn);
	free(r->group);
	free(r->selected);
	free(r->node);
	free(r->hp);
	free(r->unread);
	r->fn = NULL;
	r->group = NULL;
	r->selected = NULL;
	r->node = NULL;
	r->hp = NULL;
	r->unread = NULL;
	r->n_fn = r->n_group = r->n_selected = r->n_node = r->n_hp = 0;
	r->n_unread = 0;
}
