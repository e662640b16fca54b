/* SPDX-License-Identifier: MIT */
/*
 * The report's own accessors (report.h): lookups by id, address and size,
 * the record's entries the read step copied, what an unknown value says,
 * and releasing the heap arrays. Nothing here reads a file or judges.
 */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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
		{ 0x0480, "Multimedia controller" },
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
		{ 0x1080, "Encryption controller" },
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

void vmr_unread_text(const struct vmr_report *r, unsigned k, char *buf,
		     size_t size)
{
	if (k == 0 || k > r->n_unread)
		snprintf(buf, size, "cannot read it (out of memory to say why)");
	else
		snprintf(buf, size, "cannot read /%s: %s", r->unread[k - 1].path,
			 strerror(-r->unread[k - 1].err));
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

struct vmr_hprow *vmr_report_hp(const struct vmr_report *r, unsigned node,
			       uint64_t page_kb)
{
	for (size_t i = 0; i < r->n_hp; i++)
		if (r->hp[i].node == node && r->hp[i].page_kb == page_kb)
			return &r->hp[i];
	return NULL;
}

struct vmr_node *vmr_report_node(const struct vmr_report *r, unsigned id)
{
	for (size_t i = 0; i < r->n_node; i++)
		if (r->node[i].id == id)
			return &r->node[i];
	return NULL;
}

struct vmr_fn *vmr_report_fn(const struct vmr_report *r, const char *addr)
{
	for (size_t i = 0; i < r->n_fn; i++)
		if (strcmp(r->fn[i].addr, addr) == 0)
			return &r->fn[i];
	return NULL;
}

/* An asked item whose state is unknown: neither met nor a finding. */
void vmr_cannot_judge(struct vmr_report *r, unsigned u, const char *what)
{
	char why[VMR_PATH_MAX + 64];

	vmr_unread_text(r, u, why, sizeof(why));
	r->unknown++;
	vmr_advise(&r->advice, VMR_LVL_WARNING, "check the permissions and the "
		   "kernel (run vmreserve as root, on the host itself)",
		   "cannot judge %s: %s", what, why);
}

/* A risk whose cause cannot be read: a warning naming the file. */
void vmr_advise_unread(struct vmr_report *r, unsigned u, const char *fmt,
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


static const char *const drift_names[] = {
	[VMR_CONF_UNKNOWN] = "unknown", [VMR_CONF_SAME] = "same",
	[VMR_CONF_CHANGED] = "changed", [VMR_CONF_ADDED] = "added",
	[VMR_CONF_REMOVED] = "removed",
};

const char *vmr_conf_drift_name(enum vmr_conf_drift d)
{
	return drift_names[d];
}

const char *vmr_plan_origin_name(enum vmr_plan_origin o)
{
	switch (o) {
	case VMR_PLAN_RECORD:  return "/" VMR_STATE_PATH;
	case VMR_PLAN_PROC:    return "/proc/cmdline";
	case VMR_PLAN_ARG:     return "--cmdline";
	case VMR_PLAN_SUGGEST: return "suggest";
	}
	return "unknown";
}

const struct vmr_rec_hp *vmr_report_rec_hp(const struct vmr_report *r,
					   unsigned node, uint64_t page_kb)
{
	for (size_t i = 0; i < r->early.n_hp; i++) {
		const struct vmr_rec_hp *e = &r->early.hp[i];

		if (e->known && e->node == node && e->page_kb == page_kb)
			return e;
	}
	return NULL;
}

void vmr_report_rec_dev(const struct vmr_report *r, struct vmr_fn *f)
{
	f->early[0] = f->why[0] = f->before[0] = '\0';
	for (size_t i = 0; i < r->early.n_dev; i++) {
		const struct vmr_rec_dev *d = &r->early.dev[i];

		if (strcmp(d->addr, f->addr) != 0)
			continue;
		snprintf(f->early, sizeof(f->early), "%s", d->status);
		snprintf(f->why, sizeof(f->why), "%s", d->why);
		snprintf(f->before, sizeof(f->before), "%s", d->before);
		return;
	}
}

bool vmr_report_boot_free(const struct vmr_report *r, unsigned node,
			  uint64_t page_kb, uint64_t *free_kb, uint64_t *before)
{
	const struct vmr_rec_hp *e = vmr_report_rec_hp(r, node, page_kb);

	if (!e || !e->measured)
		return false;
	*free_kb = e->free_kb;
	*before = e->before;
	return true;
}

/* Insertion sort: no allocation, and qsort would need the array as state. */
void vmr_fn_sort_by_addr(const struct vmr_fn *fn, size_t *idx, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t v = idx[i], k = i;
		uint64_t key = vmr_bdf_key(fn[v].addr);

		for (; k > 0 && vmr_bdf_key(fn[idx[k - 1]].addr) > key; k--)
			idx[k] = idx[k - 1];
		idx[k] = v;
	}
}
