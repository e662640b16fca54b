/* SPDX-License-Identifier: MIT */
#include "libvirt.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dev_node.h"
#include "hp_plan.h"
#include "pci.h"
#include "str.h"
#include "topology.h"

#define LIST_TEXT 8192 /* a list of up to VMR_TOPO_MAX_CPUS numbers */

/* Everything decided before the first byte is printed. */
struct lv_plan {
	unsigned node;
	struct vmr_topo topo;
	size_t threads;                        /* T: CPUs of a vCPU core */
	size_t vcpus;                          /* K */
	size_t n_vcore;
	size_t vcore[VMR_TOPO_MAX_CPUS];       /* index into topo.core */
	size_t n_pool;
	unsigned pool[VMR_TOPO_MAX_CPUS];      /* emulator and I/O threads */
	char pool_text[LIST_TEXT];
	unsigned iothreads;
	uint64_t page_kb, pages, mem_kb;       /* page_kb 0: none reserved */
	bool planned;                          /* pages to reserve (suggest) */
	size_t n_dev;
	size_t *dev;                           /* vfio-pci functions, r->fn */
};

static int fail(int code, char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(int code, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

#define usage(err, errlen, ...) fail(-EINVAL, err, errlen, __VA_ARGS__)

/* ---- choosing the node ------------------------------------------------ */

static bool node_known(const struct vmr_root *root, const struct vmr_report *r,
		       unsigned node)
{
	if (vmr_report_node(r, node))
		return true;
	/* A report without nodes (non-NUMA kernel): ask sysfs directly. */
	return r->n_node == 0 &&
	       vmr_existsf(root, "sys/devices/system/node/node%u", node);
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

static void online_nodes(const struct vmr_root *root,
			 const struct vmr_report *r, char *buf, size_t size)
{
	unsigned *ids = r->n_node ? calloc(r->n_node, sizeof(*ids)) : NULL;
	size_t n = 0;

	for (size_t i = 0; ids && i < r->n_node; i++)
		ids[n++] = r->node[i].id;
	if (n)
		qsort(ids, n, sizeof(ids[0]), cmp_unsigned);
	if (n > 0 && vmr_cpulist_format(buf, size, ids, n) > 0) {
		free(ids);
		return;
	}
	free(ids);
	if (vmr_read(root, "sys/devices/system/node/online", buf, size) <= 0)
		snprintf(buf, size, "none");
}

static uint64_t row_kb(const struct vmr_hprow *h)
{
	return h->total * h->page_kb;
}

/* The row of node with the most reserved memory, or NULL (any node: -1). */
static const struct vmr_hprow *biggest_row(const struct vmr_report *r,
					   long node)
{
	const struct vmr_hprow *best = NULL;

	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];

		if ((node >= 0 && h->node != (unsigned long)node) || h->total == 0)
			continue;
		if (!best || row_kb(h) > row_kb(best))
			best = h;
	}
	return best;
}

static bool on_vfio(const struct vmr_fn *f)
{
	return strcmp(f->driver, VMR_VFIO_DRIVER) == 0;
}

/* Numeric address order: the report sorts by IOMMU group first. */
static int fn_cmp(const struct vmr_fn *a, const struct vmr_fn *b)
{
	uint32_t da = 0, db = 0;
	unsigned ba = 0, sa = 0, fa = 0, bb = 0, sb = 0, fb = 0;

	vmr_parse_bdf(a->addr, &da, &ba, &sa, &fa);
	vmr_parse_bdf(b->addr, &db, &bb, &sb, &fb);
	if (da != db)
		return da < db ? -1 : 1;
	if (ba != bb)
		return ba < bb ? -1 : 1;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (fa != fb)
		return fa < fb ? -1 : 1;
	return strcmp(a->addr, b->addr);
}

static void collect_devs(const struct vmr_report *r,
			 const struct vmr_lv_opts *o, struct lv_plan *p)
{
	if (o->devs) {
		for (size_t i = 0; i < o->n_devs && i < r->n_fn; i++)
			p->dev[p->n_dev++] = o->devs[i];
		return;
	}
	for (size_t i = 0; i < r->n_fn; i++) {
		size_t j;

		if (!on_vfio(&r->fn[i]))
			continue;
		/* Insertion sort: a handful of functions. */
		for (j = p->n_dev; j > 0 && fn_cmp(&r->fn[p->dev[j - 1]],
						   &r->fn[i]) > 0; j--)
			p->dev[j] = p->dev[j - 1];
		p->dev[j] = i;
		p->n_dev++;
	}
}

static unsigned default_node(const struct vmr_report *r,
			     const struct lv_plan *p)
{
	uint64_t best_kb = 0;
	unsigned best = 0;

	/* Rows are sorted by node: sum each node's sizes. */
	for (size_t i = 0; i < r->n_hp;) {
		unsigned node = r->hp[i].node;
		uint64_t kb = 0;

		for (; i < r->n_hp && r->hp[i].node == node; i++)
			kb += row_kb(&r->hp[i]);
		if (kb > best_kb) {
			best_kb = kb;
			best = node;
		}
	}
	if (best_kb)
		return best;
	for (size_t i = 0; i < p->n_dev; i++)
		if (r->fn[p->dev[i]].numa_node >= 0)
			return (unsigned)r->fn[p->dev[i]].numa_node;
	return 0;
}

static int pick_node(const struct vmr_root *root, const struct vmr_report *r,
		     const struct vmr_lv_opts *o, struct lv_plan *p,
		     char *err, size_t errlen)
{
	char nodes[LIST_TEXT];

	if (o->node >= 0)
		p->node = (unsigned)o->node;
	else
		p->node = default_node(r, p);
	if (o->node >= -1 && node_known(root, r, p->node))
		return 0;
	online_nodes(root, r, nodes, sizeof(nodes));
	if (o->node == -1)
		return usage(err, errlen,
			     "node %u (the default) does not exist; online nodes: %s; choose one with --node",
			     p->node, nodes);
	return usage(err, errlen,
		     "--node %d: no such NUMA node; online nodes: %s; use --node with one of them",
		     o->node, nodes);
}

/* ---- choosing the CPUs ------------------------------------------------ */

/*
 * The cores vCPUs may use, in order: after the first, with T threads (a
 * hybrid node's single-thread cores go to the emulator).
 */
static size_t eligible_cores(struct lv_plan *p)
{
	size_t n = 0;

	for (size_t c = 1; c < p->topo.n_core; c++)
		if (p->topo.core[c].n_cpu == p->threads)
			p->vcore[n++] = c;
	return n;
}

static int bad_multiple(const struct lv_plan *p, unsigned k, size_t most,
			char *err, size_t errlen)
{
	size_t t = p->threads, lo = k / t * t, hi = lo + t;
	char fix[96];

	if (lo == 0)
		snprintf(fix, sizeof(fix), "use %zu", hi);
	else if (hi <= most)
		snprintf(fix, sizeof(fix), "use %zu or %zu", lo, hi);
	else if (lo <= most)
		snprintf(fix, sizeof(fix), "use %zu", lo);
	else
		snprintf(fix, sizeof(fix), "use a multiple of %zu up to %zu",
			 t, most);
	return usage(err, errlen,
		     "--vcpus %u is not a multiple of %zu, the threads per core of node %u (QEMU makes consecutive vCPUs SMT siblings); %s",
		     k, t, p->node, fix);
}

static bool uniform(const struct lv_plan *p)
{
	for (size_t c = 0; c < p->topo.n_core; c++)
		if (p->topo.core[c].n_cpu != p->threads)
			return false;
	return true;
}

static int check_vcpus(const struct lv_plan *p, unsigned k, size_t n_elig,
		       char *err, size_t errlen)
{
	size_t most = n_elig * p->threads;

	if (k % p->threads)
		return bad_multiple(p, k, most, err, errlen);
	if (k > p->topo.n_cpu)
		return usage(err, errlen,
			     "--vcpus %u: node %u has only %zu CPUs; use at most %zu (one core stays for the emulator and I/O threads)",
			     k, p->node, p->topo.n_cpu, most);
	if (k <= most)
		return 0;
	if (uniform(p))
		return usage(err, errlen,
			     "--vcpus %u leaves no CPU of node %u for the emulator and I/O threads; use at most %zu",
			     k, p->node, most);
	return usage(err, errlen,
		     "--vcpus %u needs %zu cores with %zu threads on node %u besides its first core (kept for the emulator and I/O threads), it has %zu; use at most %zu",
		     k, k / p->threads, p->threads, p->node, n_elig, most);
}

/* ---- L3 cache domains ------------------------------------------------- */

/* Eligible cores (p->vcore[0..n_elig)) of domain d not yet taken. */
static size_t l3_free(const struct lv_plan *p, size_t n_elig, int d,
		      const bool *taken)
{
	size_t n = 0;

	for (size_t i = 0; i < n_elig; i++)
		n += p->topo.core[p->vcore[i]].l3 == d && !taken[i];
	return n;
}

/*
 * The next domain to fill: one that holds all the cores still needed,
 * else the largest; of those that fit, one without the node's first core
 * (the emulator's and the host's housekeeping core: vCPUs beside it share
 * its L3) when another fits, then the smallest; on a tie a domain whole
 * for the guest, then the highest-numbered one (the host's first CPUs
 * take most of its interrupts and housekeeping).
 */
static bool l3_better(const struct lv_plan *p, size_t need, int d, size_t n,
		      int best, size_t best_n)
{
	int host = p->topo.core[0].l3;
	bool whole = n == p->topo.l3[d].n_core;
	bool best_whole = best_n == p->topo.l3[best].n_core;

	if ((n >= need) != (best_n >= need))
		return n >= need;
	if ((d == host) != (best == host))
		return best == host;
	if (n != best_n)
		return n >= need ? n < best_n : n > best_n;
	if (whole != best_whole)
		return whole;
	return p->topo.l3[d].first > p->topo.l3[best].first;
}

static int l3_next(const struct lv_plan *p, size_t n_elig, const bool *taken,
		   size_t need)
{
	int best = -1;
	size_t best_n = 0;

	for (size_t d = 0; d < p->topo.n_l3; d++) {
		size_t n = l3_free(p, n_elig, (int)d, taken);

		if (n && (best < 0 ||
			  l3_better(p, need, (int)d, n, best, best_n))) {
			best = (int)d;
			best_n = n;
		}
	}
	return best;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/*
 * Put the cores for the vCPUs first in p->vcore, filling whole L3 cache
 * domains (a 12-core Ryzen: one CCD, not cores spread over both); the
 * rest keep their order. Nothing changes when the node's cores all share
 * one L3, or when one core's domain is unknown.
 */
static void prefer_l3(struct lv_plan *p, size_t n_elig)
{
	bool taken[VMR_TOPO_MAX_CPUS] = { false };
	size_t pick[VMR_TOPO_MAX_CPUS], n = 0;

	if (p->topo.n_l3 < 2 || p->n_vcore >= n_elig)
		return;
	for (size_t i = 0; i < n_elig; i++)
		if (p->topo.core[p->vcore[i]].l3 < 0)
			return;
	while (n < p->n_vcore) {
		int d = l3_next(p, n_elig, taken, p->n_vcore - n);

		for (size_t i = 0; i < n_elig && n < p->n_vcore; i++)
			if (p->topo.core[p->vcore[i]].l3 == d && !taken[i]) {
				taken[i] = true;
				pick[n++] = p->vcore[i];
			}
	}
	qsort(pick, n, sizeof(pick[0]), cmp_size);
	for (size_t i = 0; i < n; i++)
		p->vcore[i] = pick[i];
}

static int pick_cpus(struct lv_plan *p, unsigned want, char *err,
		     size_t errlen)
{
	char cpus[96];
	size_t n_elig;
	int r;

	if (p->topo.n_cpu == 0)
		return usage(err, errlen,
			     "node %u has no CPUs (memory only); choose a node with CPUs with --node",
			     p->node);
	p->threads = p->topo.max_threads;
	n_elig = eligible_cores(p);
	if (n_elig == 0) {
		vmr_cpulist_format(cpus, sizeof(cpus), p->topo.core[0].cpu,
				   p->topo.core[0].n_cpu);
		return usage(err, errlen,
			     "node %u has no core for vCPUs besides its first (CPUs %s), which the emulator and I/O threads need; choose another node with --node",
			     p->node, cpus);
	}
	if (want && (r = check_vcpus(p, want, n_elig, err, errlen)) < 0)
		return r;
	p->vcpus = want ? want : n_elig * p->threads;
	p->n_vcore = p->vcpus / p->threads;
	prefer_l3(p, n_elig);
	return 0;
}

static bool in_vcore(const struct lv_plan *p, size_t core)
{
	for (size_t i = 0; i < p->n_vcore; i++)
		if (p->vcore[i] == core)
			return true;
	return false;
}

/* Every CPU of the node that no vCPU uses. */
static int make_pool(struct lv_plan *p, char *err, size_t errlen)
{
	for (size_t i = 0; i < p->topo.n_cpu; i++) {
		int c = vmr_topo_core_of(&p->topo, p->topo.cpu[i]);

		if (c < 0 || !in_vcore(p, (size_t)c))
			p->pool[p->n_pool++] = p->topo.cpu[i];
	}
	if (vmr_cpulist_format(p->pool_text, sizeof(p->pool_text), p->pool,
			       p->n_pool) < 0)
		return fail(-ENOSPC, err, errlen,
			    "the emulator's CPU list is too long");
	return 0;
}

static void pick_pages(const struct vmr_report *r, struct lv_plan *p)
{
	const struct vmr_hprow *h = biggest_row(r, p->node);

	if (!h) {
		p->mem_kb = VMR_LV_DEFAULT_MEM_KB;
		return;
	}
	p->page_kb = h->page_kb;
	p->pages = h->total;
	p->mem_kb = row_kb(h);
}

static int make_plan(const struct vmr_root *root, const struct vmr_report *r,
		     const struct vmr_lv_opts *o, struct lv_plan *p,
		     char *err, size_t errlen)
{
	int ret;

	if (o->iothreads > VMR_LV_MAX_IOTHREADS)
		return usage(err, errlen,
			     "--iothreads %u: use at most %d (they share the emulator's CPUs)",
			     o->iothreads, VMR_LV_MAX_IOTHREADS);
	p->iothreads = o->iothreads;
	collect_devs(r, o, p);
	ret = pick_node(root, r, o, p, err, errlen);
	if (ret == 0)
		ret = vmr_topo_read(root, p->node, &p->topo, err, errlen);
	if (ret == 0)
		ret = pick_cpus(p, o->vcpus, err, errlen);
	if (ret == 0)
		ret = make_pool(p, err, errlen);
	if (ret == 0 && o->page_kb && o->pages) {
		p->page_kb = o->page_kb;
		p->pages = o->pages;
		p->mem_kb = o->page_kb * o->pages;
		p->planned = true;
	} else if (ret == 0) {
		pick_pages(r, p);
	}
	return ret;
}

/* ---- printing --------------------------------------------------------- */

/* Attribute values and text: the only way a string reaches the XML. */
static void xml_esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':  fputs("&amp;", out); break;
		case '<':  fputs("&lt;", out); break;
		case '>':  fputs("&gt;", out); break;
		case '\'': fputs("&apos;", out); break;
		case '"':  fputs("&quot;", out); break;
		default:   fputc(*s, out);
		}
	}
}

/*
 * "--" may not appear inside a comment: break it up. Then the escaper, as
 * for every text a person reads: a comment may quote what sysfs said.
 */
static void comment_text(FILE *out, const char *text)
{
	char spaced[2 * (LIST_TEXT + 128)];
	size_t n = 0;

	for (const char *s = text; *s && n + 2 < sizeof(spaced); s++) {
		if (*s == '-' && s > text && s[-1] == '-')
			spaced[n++] = ' ';
		spaced[n++] = *s;
	}
	spaced[n] = '\0';
	vmr_put_str(out, spaced, VMR_STR_TEXT);
}

/* One line of text: inside an open comment, or a whole comment. */
static void comment_line(FILE *out, int ind, bool whole, const char *fmt,
			 ...) __attribute__((format(printf, 4, 5)));

static void comment_line(FILE *out, int ind, bool whole, const char *fmt,
			 ...)
{
	char line[LIST_TEXT + 128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(out, "%*s%s", ind, "", whole ? "<!-- " : "     ");
	comment_text(out, line);
	fputs(whole ? " -->\n" : "\n", out);
}

static void cpus_text(char *buf, size_t size, const unsigned *cpus, size_t n)
{
	if (vmr_cpulist_format(buf, size, cpus, n) < 0)
		snprintf(buf, size, "(too many to list)");
}

static void core_name(char *buf, size_t size, const struct vmr_core *c)
{
	if (c->package >= 0 && c->core_id >= 0)
		snprintf(buf, size, " (package %d, core %d)", c->package,
			 c->core_id);
	else
		buf[0] = '\0';
}

static void header_vcores(FILE *out, int ind, const struct lv_plan *p)
{
	for (size_t i = 0; i < p->n_vcore; i++) {
		const struct vmr_core *c = &p->topo.core[p->vcore[i]];
		char cpus[96], name[64];
		size_t first = i * p->threads;

		cpus_text(cpus, sizeof(cpus), c->cpu, c->n_cpu);
		core_name(name, sizeof(name), c);
		if (p->threads == 1)
			comment_line(out, ind, false, "vCPU %zu: CPU %s%s", first,
				     cpus, name);
		else
			comment_line(out, ind, false, "vCPUs %zu-%zu: CPUs %s%s",
				     first, first + p->threads - 1, cpus, name);
	}
}

/* The L3 domains the vCPUs use, and how much of each. */
static void header_l3(FILE *out, int ind, const struct lv_plan *p)
{
	for (size_t d = 0; d < p->topo.n_l3; d++) {
		size_t used = 0;

		for (size_t i = 0; i < p->n_vcore; i++)
			used += p->topo.core[p->vcore[i]].l3 == (int)d;
		if (used)
			comment_line(out, ind, false, "L3 domain CPUs %s: %zu "
				     "of its %zu cores for vCPUs%s",
				     p->topo.l3[d].cpus, used,
				     p->topo.l3[d].n_core,
				     used == p->topo.l3[d].n_core ?
				     " (whole)" : "");
	}
}

static void header_memory(FILE *out, int ind, const struct lv_plan *p)
{
	char page[16], mem[24];

	if (!p->page_kb) {
		comment_line(out, ind, false, "memory: no hugepages reserved on node %u",
			     p->node);
		return;
	}
	vmr_format_kb(page, sizeof(page), p->page_kb);
	vmr_format_kb(mem, sizeof(mem), p->mem_kb);
	comment_line(out, ind, false, "memory: %s in %llu pages of %s %s on node %u",
		     mem, (unsigned long long)p->pages, page,
		     p->planned ? "to reserve" : "reserved", p->node);
}

static void print_header(FILE *out, int ind, const struct lv_plan *p)
{
	char cpus[LIST_TEXT];

	cpus_text(cpus, sizeof(cpus), p->topo.cpu, p->topo.n_cpu);
	fprintf(out, "%*s<!-- vmreserve libvirt: host NUMA node %u\n", ind, "",
		p->node);
	comment_line(out, ind, false, "CPUs %s: %zu cores, %s%zu threads each",
		     cpus, p->topo.n_core, uniform(p) ? "" : "up to ",
		     p->threads);
	header_vcores(out, ind, p);
	header_l3(out, ind, p);
	if (p->iothreads > 1)
		comment_line(out, ind, false,
			     "emulator and I/O threads 1-%u: CPUs %s",
			     p->iothreads, p->pool_text);
	else
		comment_line(out, ind, false, "emulator%s: CPUs %s",
			     p->iothreads ? " and I/O thread 1" : "",
			     p->pool_text);
	header_memory(out, ind, p);
	fprintf(out, "%*s-->\n", ind, "");
}

static void print_memory_backing(FILE *out, int ind, const struct lv_plan *p)
{
	if (!p->page_kb) {
		comment_line(out, ind, true,
			     "node %u has no hugepages reserved: the memory size is a 1 GiB placeholder and the guest will not start without hugepages. Reserve them at boot with rd.vmreserve.hugepages=%u:SIZE (e.g. %u:16G, or %u:16G:1G for 1 GiB pages), reboot and run this again",
			     p->node, p->node, p->node, p->node);
		fprintf(out, "%*s<memoryBacking>\n%*s  <hugepages/>\n%*s</memoryBacking>\n",
			ind, "", ind, "", ind, "");
		return;
	}
	fprintf(out, "%*s<memoryBacking>\n", ind, "");
	fprintf(out, "%*s  <hugepages>\n", ind, "");
	fprintf(out, "%*s    <page size='%llu' unit='KiB' nodeset='0'/>\n", ind,
		"", (unsigned long long)p->page_kb);
	fprintf(out, "%*s  </hugepages>\n", ind, "");
	fprintf(out, "%*s</memoryBacking>\n", ind, "");
}

static void print_cputune(FILE *out, int ind, const struct lv_plan *p)
{
	fprintf(out, "%*s<cputune>\n", ind, "");
	for (size_t i = 0; i < p->n_vcore; i++) {
		const struct vmr_core *c = &p->topo.core[p->vcore[i]];

		for (size_t t = 0; t < p->threads; t++)
			fprintf(out, "%*s  <vcpupin vcpu='%zu' cpuset='%u'/>\n",
				ind, "", i * p->threads + t, c->cpu[t]);
	}
	fprintf(out, "%*s  <emulatorpin cpuset='", ind, "");
	xml_esc(out, p->pool_text);
	fputs("'/>\n", out);
	for (unsigned t = 1; t <= p->iothreads; t++) {
		fprintf(out, "%*s  <iothreadpin iothread='%u' cpuset='", ind, "",
			t);
		xml_esc(out, p->pool_text);
		fputs("'/>\n", out);
	}
	fprintf(out, "%*s</cputune>\n", ind, "");
}

static void print_vcpus(FILE *out, int ind, const struct lv_plan *p)
{
	fprintf(out, "%*s<vcpu placement='static'>%zu</vcpu>\n", ind, "",
		p->vcpus);
	if (p->iothreads)
		fprintf(out, "%*s<iothreads>%u</iothreads>\n", ind, "",
			p->iothreads);
	print_cputune(out, ind, p);
	fprintf(out, "%*s<numatune>\n", ind, "");
	fprintf(out, "%*s  <memory mode='strict' nodeset='%u'/>\n", ind, "",
		p->node);
	fprintf(out, "%*s</numatune>\n", ind, "");
}

static void print_cpu(FILE *out, int ind, const struct lv_plan *p)
{
	fprintf(out, "%*s<cpu mode='host-passthrough' check='none' migratable='off'>\n",
		ind, "");
	fprintf(out, "%*s  <topology sockets='1' dies='1' cores='%zu' threads='%zu'/>\n",
		ind, "", p->n_vcore, p->threads);
	fprintf(out, "%*s  <numa>\n", ind, "");
	fprintf(out, "%*s    <cell id='0' cpus='0-%zu' memory='%llu' unit='KiB'/>\n",
		ind, "", p->vcpus - 1, (unsigned long long)p->mem_kb);
	fprintf(out, "%*s  </numa>\n", ind, "");
	fprintf(out, "%*s</cpu>\n", ind, "");
}

static bool plan_on(unsigned node, const void *ctx)
{
	return node == *(const unsigned *)ctx;
}

static void print_hostdev(FILE *out, int ind, const struct vmr_fn *f,
			  unsigned node)
{
	uint32_t dom;
	unsigned bus, slot, fn;
	int far = vmr_dev_node_far(f, plan_on, &node);

	if (vmr_parse_bdf(f->addr, &dom, &bus, &slot, &fn) < 0) {
		comment_line(out, ind, true, "%s: not a PCI address, skipped",
			     f->addr);
		return;
	}
	if (far >= 0) {
		char where[64], text[VMR_ADVICE_LEN];

		snprintf(where, sizeof(where), "vCPUs and memory on node %u",
			 node);
		vmr_dev_node_text(text, sizeof(text), f, far, where);
		comment_line(out, ind, true, "%s", text);
	}
	fprintf(out, "%*s<hostdev mode='subsystem' type='pci' managed='yes'>\n",
		ind, "");
	fprintf(out, "%*s  <source>\n", ind, "");
	fprintf(out, "%*s    <address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
		ind, "", (unsigned)dom, bus, slot, fn);
	fprintf(out, "%*s  </source>\n", ind, "");
	fprintf(out, "%*s</hostdev>\n", ind, "");
}

static void print_devices(FILE *out, int ind, const struct vmr_report *r,
			  const struct lv_plan *p)
{
	fprintf(out, "%*s<devices>\n", ind, "");
	if (p->n_dev == 0)
		fprintf(out, "%*s  <!-- no PCI function is bound to %s -->\n",
			ind, "", VMR_VFIO_DRIVER);
	if (r->n_fn_dropped)
		fprintf(out, "%*s  <!-- %zu PCI functions could not be held (out of memory) and are not listed -->\n",
			ind, "", r->n_fn_dropped);
	for (size_t i = 0; i < p->n_dev; i++)
		print_hostdev(out, ind + 2, &r->fn[p->dev[i]], p->node);
	fprintf(out, "%*s</devices>\n", ind, "");
}

static void print_body(FILE *out, int ind, const struct vmr_report *r,
		       const struct lv_plan *p, bool full)
{
	if (full) {
		fprintf(out, "%*s<name>%s</name>\n", ind, "", VMR_LV_GUEST_NAME);
		fprintf(out, "%*s<memory unit='KiB'>%llu</memory>\n", ind, "",
			(unsigned long long)p->mem_kb);
	}
	print_memory_backing(out, ind, p);
	print_vcpus(out, ind, p);
	if (full) {
		fprintf(out, "%*s<os>\n", ind, "");
		fprintf(out, "%*s  <type arch='x86_64' machine='q35'>hvm</type>\n",
			ind, "");
		fprintf(out, "%*s</os>\n", ind, "");
		fprintf(out, "%*s<features>\n%*s  <acpi/>\n%*s</features>\n",
			ind, "", ind, "", ind, "");
	}
	print_cpu(out, ind, p);
	print_devices(out, ind, r, p);
}

static int flush_out(FILE *out, char *err, size_t errlen)
{
	int e = 0;

	if (fflush(out) != 0)
		e = errno;
	else if (ferror(out))
		e = EIO;
	if (e)
		return fail(-e, err, errlen, "cannot write the XML: %s",
			    strerror(e));
	return 0;
}

int vmr_libvirt_print(FILE *out, const struct vmr_root *root,
		      const struct vmr_report *r, const struct vmr_lv_opts *o,
		      char *err, size_t errlen)
{
	struct lv_plan *p = calloc(1, sizeof(*p));
	int ret;

	if (err && errlen)
		err[0] = '\0';
	if (p && r->n_fn && !(p->dev = calloc(r->n_fn, sizeof(*p->dev)))) {
		free(p);
		p = NULL;
	}
	if (!p)
		return fail(-ENOMEM, err, errlen, "out of memory");
	ret = make_plan(root, r, o, p, err, errlen);
	if (ret == 0) {
		print_header(out, 0, p);
		if (o->full)
			fputs("<domain type='kvm'>\n", out);
		print_body(out, o->full ? 2 : 0, r, p, o->full);
		if (o->full)
			fputs("</domain>\n", out);
		ret = flush_out(out, err, errlen);
	}
	free(p->dev);
	free(p);
	return ret;
}
