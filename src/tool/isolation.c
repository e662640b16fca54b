/* SPDX-License-Identifier: MIT */
/*
 * Isolation of each IOMMU group, apart from whether it can be claimed now
 * (viability, the core's rule): does the group hold the endpoints of one
 * slot only, or of several, and at which ports do the paths of two slots'
 * devices meet without ACS between them. People read the groups listing to
 * judge the board (ACS), not only what a driver holds this minute: a group
 * of one GPU whose audio function is on snd_hda_intel is not viable but
 * isolated; the chipset group of a consumer AMD board that holds SATA, USB,
 * the NIC and the slots behind the chipset is shared.
 *
 * Inferred from the membership the kernel made (it put functions in one
 * group because it found no ACS between them), not from config space: an
 * unprivileged read of sysfs config returns 64 bytes, and the extended
 * capabilities where ACS lives start at 0x100.
 */
#include "isolation.h"

#include <stdio.h>
#include <string.h>

#include "pci.h"

#define DEVICES "sys/bus/pci/devices"

struct children {
	struct vmr_report *r;
	const char *bridge;
};

/* sysfs nests a device's directory in its bridge's: each BDF entry of a
 * bridge's directory is a function behind it. */
static int child(const char *name, void *ctx)
{
	struct children *c = ctx;
	uint32_t dom;
	unsigned bus, slot, func;
	struct vmr_fn *f;

	if (vmr_parse_bdf(name, &dom, &bus, &slot, &func) < 0)
		return 0;
	f = vmr_report_fn(c->r, name);
	if (f)
		snprintf(f->parent, sizeof(f->parent), "%s", c->bridge);
	return 0;
}

void vmr_read_topology(const struct vmr_root *root, struct vmr_report *r)
{
	char path[VMR_PATH_MAX];

	for (size_t i = 0; i < r->n_fn; i++) {
		struct vmr_fn *f = &r->fn[i];
		struct children c = { r, f->addr };

		/* The revision: the chipset quirks name it (quirks.c). */
		f->rev_known = vmr_path(path, DEVICES "/%s/config",
					f->addr) >= 0 &&
			       vmr_pread(root, path, &f->revision, 1, 0x08) == 0;
		if (f->bridge && vmr_path(path, DEVICES "/%s", f->addr) >= 0)
			vmr_foreach_dir(root, path, child, &c);
	}
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

#define MAX_DEPTH 16 /* bridges above one device; deeper is cut */

/* The bridges above f, the root bus's first: depth, or 0 on a root bus. */
static size_t path_of(const struct vmr_report *r, const struct vmr_fn *f,
		      const struct vmr_fn *up[MAX_DEPTH])
{
	const struct vmr_fn *chain[MAX_DEPTH];
	size_t n = 0;

	for (const struct vmr_fn *p = f->parent[0] ?
	     vmr_report_fn(r, f->parent) : NULL; p && n < MAX_DEPTH;
	     p = p->parent[0] ? vmr_report_fn(r, p->parent) : NULL)
		chain[n++] = p;
	for (size_t i = 0; i < n; i++)
		up[i] = chain[n - 1 - i];
	return n;
}

/*
 * Two endpoints of different slots in one group: a transfer between them
 * can turn where their paths meet without reaching the IOMMU. The kernel
 * put them together because a port on the way down from that point, on
 * one side or the other, has no ACS isolation (the root port above the
 * meeting point has it, or the group would reach further): name them all.
 */
static void meet(struct vmr_report *r, struct vmr_group *g,
		 const struct vmr_fn *a, const struct vmr_fn *b)
{
	const struct vmr_fn *pa[MAX_DEPTH], *pb[MAX_DEPTH];
	size_t na = path_of(r, a, pa), nb = path_of(r, b, pb), k = 0;

	while (k < na && k < nb && pa[k] == pb[k])
		k++;
	for (size_t i = k; i < na; i++)
		add_once(g->port, &g->n_port, pa[i]->addr);
	for (size_t i = k; i < nb; i++)
		add_once(g->port, &g->n_port, pb[i]->addr);
}

static void judge_group(struct vmr_report *r, struct vmr_group *g)
{
	char sa[VMR_BDF_LEN], sb[VMR_BDF_LEN];

	g->n_slot = g->n_port = 0;
	for (size_t i = g->first; i < g->first + g->count; i++) {
		const struct vmr_fn *a = &r->fn[i];

		if (a->bridge)
			continue;
		slot_of(a->addr, sa);
		add_once(g->slot, &g->n_slot, sa);
		for (size_t k = g->first; k < i; k++) {
			const struct vmr_fn *b = &r->fn[k];

			slot_of(b->addr, sb);
			if (!b->bridge && strcmp(sa, sb) != 0)
				meet(r, g, b, a);
		}
	}
}

void vmr_judge_isolation(struct vmr_report *r)
{
	for (size_t i = 0; i < r->n_group; i++)
		judge_group(r, &r->group[i]);
}
