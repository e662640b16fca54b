/* SPDX-License-Identifier: MIT */
/*
 * Isolation of each IOMMU group, apart from whether it can be claimed now
 * (viability, the core's rule): does the group hold the endpoints of one
 * slot only, or of several, and which ports lack ACS isolation. People
 * read the groups listing to judge the board (ACS), not only what a driver
 * holds this minute: a group of one GPU whose audio function is on
 * snd_hda_intel is not viable but isolated; the chipset group of a
 * consumer AMD board that holds SATA, USB, the NIC and the slots behind
 * the chipset is shared.
 *
 * Inferred from the membership the kernel made (it put functions in one
 * group because it found no ACS between them), not from config space: an
 * unprivileged read of sysfs config returns 64 bytes, and the extended
 * capabilities where ACS lives start at 0x100.
 */
#include "isolation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci.h"

#define DEVICES "sys/bus/pci/devices"
#define MAX_DEPTH 16 /* bridges above one device; deeper is cut */

/* fn[] by bus address, to find a function by name in log time: a machine
 * may have thousands of functions. */
struct addr_key {
	uint64_t key;
	size_t idx;
};

struct addr_index {
	size_t n;
	struct addr_key *k;
};

static int by_key(const void *a, const void *b)
{
	uint64_t x = ((const struct addr_key *)a)->key;
	uint64_t y = ((const struct addr_key *)b)->key;

	return x < y ? -1 : x > y;
}

static int index_build(struct addr_index *ix, const struct vmr_report *r)
{
	ix->n = r->n_fn;
	ix->k = calloc(r->n_fn ? r->n_fn : 1, sizeof(*ix->k));
	if (!ix->k)
		return -1;
	for (size_t i = 0; i < r->n_fn; i++)
		ix->k[i] = (struct addr_key){ vmr_bdf_key(r->fn[i].addr), i };
	qsort(ix->k, r->n_fn, sizeof(*ix->k), by_key);
	return 0;
}

static long index_find(const struct addr_index *ix, const char *addr)
{
	uint64_t k = vmr_bdf_key(addr);
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->k[mid].key < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && ix->k[lo].key == k ? (long)ix->k[lo].idx : -1;
}

struct children {
	struct vmr_report *r;
	const struct addr_index *ix;
	long bridge;
};

/* sysfs nests a device's directory in its bridge's: each BDF entry of a
 * bridge's directory is a function behind it. */
static int child(const char *name, void *ctx)
{
	struct children *c = ctx;
	uint32_t dom;
	unsigned bus, slot, func;
	long k;

	if (vmr_parse_bdf(name, &dom, &bus, &slot, &func) < 0)
		return 0;
	k = index_find(c->ix, name);
	if (k >= 0 && k != c->bridge)
		c->r->fn[k].up = c->bridge;
	return 0;
}

void vmr_read_topology(const struct vmr_root *root, struct vmr_report *r)
{
	char path[VMR_PATH_MAX];
	struct addr_index ix;
	bool indexed = index_build(&ix, r) == 0;

	for (size_t i = 0; i < r->n_fn; i++)
		r->fn[i].up = -1;
	for (size_t i = 0; i < r->n_fn; i++) {
		struct vmr_fn *f = &r->fn[i];
		struct children c = { r, &ix, (long)i };

		/* The revision: the chipset quirks name it (quirks.c). */
		f->rev_known = vmr_path(path, DEVICES "/%s/config",
					f->addr) >= 0 &&
			       vmr_pread(root, path, &f->revision, 1, 0x08) == 0;
		/* Out of memory: no parents, so no port is named. */
		if (indexed && f->bridge)
			vmr_at(root, VMR_AT_DIR, &(struct vmr_dir_cb){ child, &c },
			       0, DEVICES "/%s", f->addr);
	}
	free(ix.k);
}

/* "0000:01:00.2" -> "0000:01:00": the slot, i.e. the device. */
static void slot_of(const char *addr, char slot[VMR_BDF_LEN])
{
	const char *dot = strrchr(addr, '.');
	size_t n = dot ? (size_t)(dot - addr) : strlen(addr);

	snprintf(slot, VMR_BDF_LEN, "%.*s", (int)n, addr);
}

/* Add s to a bounded list once; the count goes on past what is held. */
static void add_once(char list[][VMR_BDF_LEN], size_t *n, const char *s)
{
	size_t held = *n < VMR_ISO_MAX ? *n : VMR_ISO_MAX;

	for (size_t i = 0; i < held; i++)
		if (strcmp(list[i], s) == 0)
			return;
	if (*n < VMR_ISO_MAX)
		snprintf(list[*n], VMR_BDF_LEN, "%s", s);
	(*n)++;
}

/* The bridges above f, the root bus's first: how many (at most
 * MAX_DEPTH, the nearest kept). */
static size_t path_of(const struct vmr_report *r, const struct vmr_fn *f,
		      long up[MAX_DEPTH])
{
	long chain[MAX_DEPTH];
	size_t n = 0;

	for (long p = f->up; p >= 0 && n < MAX_DEPTH; p = r->fn[p].up)
		chain[n++] = p;
	for (size_t i = 0; i < n; i++)
		up[i] = chain[n - 1 - i];
	return n;
}

/*
 * Two endpoints of different slots in one group can reach each other where
 * their paths meet without passing the IOMMU; the kernel put them together
 * because a port on the way down from that point lacks ACS isolation (the
 * bridge above the meeting point has it, or the group would reach
 * further). A bridge is on such a way down exactly when some of the
 * group's endpoints are below it and some are not (an endpoint of the same
 * slot as one below it is below it too): name those, each endpoint's path
 * from the top, in bus order.
 */
static void name_ports(struct vmr_report *r, struct vmr_group *g,
		       size_t *below, size_t endpoints)
{
	long up[MAX_DEPTH];

	for (size_t i = g->first; i < g->first + g->count; i++)
		if (!r->fn[i].bridge)
			for (size_t k = 0, n = path_of(r, &r->fn[i], up);
			     k < n; k++)
				below[up[k]]++;
	for (size_t i = g->first; i < g->first + g->count; i++) {
		if (r->fn[i].bridge)
			continue;
		for (size_t k = 0, n = path_of(r, &r->fn[i], up); k < n; k++)
			if (below[up[k]] < endpoints)
				add_once(g->port, &g->n_port,
					 r->fn[up[k]].addr);
	}
	/* Leave the counts at 0 for the next group. */
	for (size_t i = g->first; i < g->first + g->count; i++)
		if (!r->fn[i].bridge)
			for (size_t k = 0, n = path_of(r, &r->fn[i], up);
			     k < n; k++)
				below[up[k]] = 0;
}

static void judge_group(struct vmr_report *r, struct vmr_group *g,
			size_t *below)
{
	char slot[VMR_BDF_LEN];
	size_t endpoints = 0;

	g->n_slot = g->n_port = 0;
	for (size_t i = g->first; i < g->first + g->count; i++) {
		if (r->fn[i].bridge)
			continue;
		slot_of(r->fn[i].addr, slot);
		add_once(g->slot, &g->n_slot, slot);
		endpoints++;
	}
	if (g->n_slot > 1 && below)
		name_ports(r, g, below, endpoints);
}

void vmr_judge_isolation(struct vmr_report *r)
{
	/* Per function: the group's endpoints below it (out of memory: the
	 * slots are still judged, no port is named). */
	size_t *below = calloc(r->n_fn ? r->n_fn : 1, sizeof(*below));

	for (size_t i = 0; i < r->n_group; i++)
		judge_group(r, &r->group[i], below);
	free(below);
}
