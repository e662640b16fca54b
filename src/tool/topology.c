/* SPDX-License-Identifier: MIT */
#include "topology.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODE_CPULIST "sys/devices/system/node/node%u/cpulist"
#define CPU_TOPO     "sys/devices/system/cpu/cpu%u/topology/%s"
#define CPU_CACHE    "sys/devices/system/cpu/cpu%u/cache/index%u/%s"

static int parse_num(const char **p, unsigned *v)
{
	const char *s = *p;
	unsigned long n = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		n = n * 10 + (unsigned long)(*s - '0');
		if (n > VMR_CPU_ID_MAX)
			return -EINVAL;
	}
	*v = (unsigned)n;
	*p = s;
	return 0;
}

int vmr_cpulist_parse(const char *s, unsigned *cpus, size_t max)
{
	const char *p = s;
	size_t n = 0;

	if (max > INT32_MAX)
		max = INT32_MAX;
	if (*p == '\0')
		return 0;
	for (;;) {
		unsigned lo, hi;

		if (parse_num(&p, &lo) < 0)
			return -EINVAL;
		hi = lo;
		if (*p == '-') {
			p++;
			if (parse_num(&p, &hi) < 0 || hi < lo)
				return -EINVAL;
		}
		for (unsigned c = lo;; c++) {
			if (n == max)
				return -E2BIG;
			cpus[n++] = c;
			if (c == hi)
				break;
		}
		if (*p != ',')
			break;
		p++;
	}
	/* vmr_read strips the newline; a raw buffer may still hold one. */
	if (*p == '\n')
		p++;
	return *p == '\0' ? (int)n : -EINVAL;
}

int vmr_cpulist_format(char *buf, size_t size, const unsigned *cpus,
		       size_t n)
{
	size_t len = 0;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	for (size_t i = 0; i < n;) {
		size_t j = i;
		int w;

		while (j + 1 < n && cpus[j + 1] == cpus[j] + 1)
			j++;
		if (j == i)
			w = snprintf(buf + len, size - len, "%s%u",
				     len ? "," : "", cpus[i]);
		else
			w = snprintf(buf + len, size - len, "%s%u-%u",
				     len ? "," : "", cpus[i], cpus[j]);
		if (w < 0 || (size_t)w >= size - len) {
			buf[len] = '\0';
			return -ENOSPC;
		}
		len += (size_t)w;
		i = j + 1;
	}
	return (int)len;
}

static int fail(char *err, size_t errlen, int r, const char *what,
		const char *path)
{
	if (err && errlen)
		snprintf(err, errlen, "%s %s: %s", what, path, strerror(-r));
	return r;
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

/* Sorted and without repeats, whatever order the file used. */
static size_t sort_unique(unsigned *v, size_t n)
{
	size_t out = 0;

	qsort(v, n, sizeof(*v), cmp_unsigned);
	for (size_t i = 0; i < n; i++)
		if (out == 0 || v[out - 1] != v[i])
			v[out++] = v[i];
	return out;
}

static int read_list(const struct vmr_root *root, const char *path,
		     unsigned *cpus, size_t max, char *err, size_t errlen)
{
	char text[VMR_CPULIST_TEXT];
	int r = vmr_read(root, path, text, sizeof(text));

	if (r < 0)
		return fail(err, errlen, r, "cannot read", path);
	r = vmr_cpulist_parse(text, cpus, max);
	if (r < 0)
		return fail(err, errlen, r, "cannot parse the CPU list in",
			    path);
	return r;
}

static int topo_int(const struct vmr_root *root, unsigned cpu,
		    const char *file)
{
	uint64_t v;

	if (vmr_readf_u64(root, &v, CPU_TOPO, cpu, file) < 0 || v > INT32_MAX)
		return -1;
	return (int)v;
}

/* Position of cpu in the node's sorted CPUs, or -1. */
static long node_index(const struct vmr_topo *t, unsigned cpu)
{
	size_t lo = 0, hi = t->n_cpu;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->cpu[mid] == cpu)
			return (long)mid;
		if (t->cpu[mid] < cpu)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct group_ctx {
	const struct vmr_root *root;
	struct vmr_topo *t;
	bool taken[VMR_TOPO_MAX_CPUS]; /* by node index */
	unsigned sib[VMR_TOPO_MAX_CPUS];
	char *err;
	size_t errlen;
};

static int core_add(struct group_ctx *g, struct vmr_core *c, unsigned cpu)
{
	long i = node_index(g->t, cpu);

	/* Another node's thread, or one an inconsistent list gave twice. */
	if (i < 0 || g->taken[i])
		return 0;
	if (c->n_cpu == VMR_TOPO_MAX_THREADS) {
		if (g->err && g->errlen)
			snprintf(g->err, g->errlen,
				 "CPU %u: more than %d threads in one core",
				 c->cpu[0], VMR_TOPO_MAX_THREADS);
		return -E2BIG;
	}
	g->taken[i] = true;
	c->cpu[c->n_cpu++] = cpu;
	return 0;
}

/*
 * The L3 domain of cpu (index into t->l3), added when new; -1 when no
 * cache directory of cpu says level 3 (older kernels, some VMs). A
 * domain is named by its lowest CPU, so two cores reading one list agree.
 */
static int l3_of(const struct vmr_root *root, struct vmr_topo *t, unsigned cpu,
		 unsigned *scratch)
{
	char text[sizeof(t->l3[0].cpus)];
	uint64_t level;
	int n;

	for (unsigned i = 0; i < VMR_TOPO_MAX_INDEX; i++) {
		if (vmr_readf_u64(root, &level, CPU_CACHE, cpu, i, "level") < 0)
			continue;
		if (level != 3 || vmr_readf(root, text, sizeof(text), CPU_CACHE,
					    cpu, i, "shared_cpu_list") <= 0)
			continue;
		n = vmr_cpulist_parse(text, scratch, VMR_TOPO_MAX_CPUS);
		if (n <= 0)
			return -1;
		sort_unique(scratch, (size_t)n);
		for (size_t d = 0; d < t->n_l3; d++)
			if (t->l3[d].first == scratch[0])
				return (int)d;
		if (t->n_l3 == VMR_TOPO_MAX_L3)
			return -1;
		t->l3[t->n_l3].first = scratch[0];
		snprintf(t->l3[t->n_l3].cpus, sizeof(t->l3[0].cpus), "%s", text);
		t->l3[t->n_l3].n_core = 0;
		return (int)t->n_l3++;
	}
	return -1;
}

/* The core of cpu, the lowest CPU of the node not yet in a core. */
static int make_core(struct group_ctx *g, unsigned cpu)
{
	struct vmr_topo *t = g->t;
	struct vmr_core *c = &t->core[t->n_core];
	char path[VMR_PATH_MAX];
	int n, r;

	r = vmr_path(path, CPU_TOPO, cpu, "thread_siblings_list");
	if (r < 0)
		return fail(g->err, g->errlen, r, "cannot name", "a path");
	n = read_list(g->root, path, g->sib, VMR_TOPO_MAX_CPUS, g->err,
		      g->errlen);
	if (n < 0)
		return n;
	memset(c, 0, sizeof(*c));
	c->package = topo_int(g->root, cpu, "physical_package_id");
	c->core_id = topo_int(g->root, cpu, "core_id");
	/* The CPU itself first, even if its list forgot it. */
	r = core_add(g, c, cpu);
	for (int i = 0; r == 0 && i < n; i++)
		r = core_add(g, c, g->sib[i]);
	if (r < 0)
		return r;
	qsort(c->cpu, c->n_cpu, sizeof(c->cpu[0]), cmp_unsigned);
	if (c->n_cpu > t->max_threads)
		t->max_threads = c->n_cpu;
	c->l3 = l3_of(g->root, t, cpu, g->sib);
	if (c->l3 >= 0)
		t->l3[c->l3].n_core++;
	t->n_core++;
	return 0;
}

int vmr_topo_read(const struct vmr_root *root, unsigned node,
		  struct vmr_topo *t, char *err, size_t errlen)
{
	struct group_ctx g;
	char path[VMR_PATH_MAX];
	int n, r;

	memset(t, 0, sizeof(*t));
	t->node = node;
	r = vmr_path(path, NODE_CPULIST, node);
	if (r < 0)
		return fail(err, errlen, r, "cannot name", "the node's cpulist");
	n = read_list(root, path, t->cpu, VMR_TOPO_MAX_CPUS, err, errlen);
	if (n < 0)
		return n;
	t->n_cpu = sort_unique(t->cpu, (size_t)n);
	memset(&g, 0, sizeof(g));
	g.root = root;
	g.t = t;
	g.err = err;
	g.errlen = errlen;
	for (size_t i = 0; i < t->n_cpu; i++) {
		if (g.taken[i])
			continue;
		r = make_core(&g, t->cpu[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

int vmr_topo_core_of(const struct vmr_topo *t, unsigned cpu)
{
	for (size_t c = 0; c < t->n_core; c++)
		for (size_t i = 0; i < t->core[c].n_cpu; i++)
			if (t->core[c].cpu[i] == cpu)
				return (int)c;
	return -1;
}
