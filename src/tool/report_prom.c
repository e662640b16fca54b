/* SPDX-License-Identifier: MIT */
/*
 * Prometheus text exposition (node_exporter's textfile collector) over the
 * report. node_exporter has no per-node, per-size hugepage metric; these
 * gauges carry node and page size as labels. Label values are sysfs names
 * and numbers, escaped anyway.
 */
#include <inttypes.h>
#include <stdio.h>

#include "report.h"

static void label(FILE *out, const char *name, const char *value, bool more)
{
	fprintf(out, "%s=\"", name);
	for (const char *p = value; *p; p++) {
		if (*p == '\\' || *p == '"')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else
			fputc(*p, out);
	}
	fputs(more ? "\"," : "\"", out);
}

static void head(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP vmreserve_%s %s\n# TYPE vmreserve_%s gauge\n", name,
		help, name);
}

static void hp_metric(FILE *out, const struct vmr_report *r, const char *name,
		      const char *help, size_t field, bool asked_only)
{
	head(out, name, help);
	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];
		uint64_t v = field == 0 ? h->total : field == 1 ? h->free :
			     h->requested;

		if (asked_only && !h->asked)
			continue;
		fprintf(out, "vmreserve_%s{node=\"%u\",page_size_kb=\"%" PRIu64
			"\"} %" PRIu64 "\n", name, h->node, h->page_kb, v);
	}
}

static void dev_metric(FILE *out, const struct vmr_report *r, bool viable)
{
	size_t idx[VMR_MAX_FN], n = vmr_report_selected(r, idx, VMR_MAX_FN);

	head(out, viable ? "device_group_viable" : "device_bound",
	     viable ? "1 when every device of the selected device's IOMMU "
		      "group leaves it usable for VFIO" :
		      "1 when the selected PCI device is bound to vfio-pci");
	for (size_t i = 0; i < n; i++) {
		const struct vmr_fn *f = &r->fn[idx[i]];
		const struct vmr_group *g = vmr_report_group(r, f->group);
		char id[16];

		snprintf(id, sizeof(id), "%04x:%04x", f->vendor, f->device);
		fprintf(out, "vmreserve_%s{", viable ? "device_group_viable" :
			"device_bound");
		label(out, "address", f->addr, true);
		label(out, "id", id, false);
		fprintf(out, "} %d\n", viable ? g && g->viable : f->in_effect);
	}
}

/* The driver changes over time: an info metric, not a label of the gauges. */
static void dev_info(FILE *out, const struct vmr_report *r)
{
	size_t idx[VMR_MAX_FN], n = vmr_report_selected(r, idx, VMR_MAX_FN);

	head(out, "device_info", "selected PCI device with its current driver "
	     "and IOMMU group (always 1)");
	for (size_t i = 0; i < n; i++) {
		const struct vmr_fn *f = &r->fn[idx[i]];
		char id[16], group[16];

		snprintf(id, sizeof(id), "%04x:%04x", f->vendor, f->device);
		snprintf(group, sizeof(group), "%d", f->group);
		fputs("vmreserve_device_info{", out);
		label(out, "address", f->addr, true);
		label(out, "id", id, true);
		label(out, "driver", f->driver, true);
		label(out, "iommu_group", f->group >= 0 ? group : "", false);
		fputs("} 1\n", out);
	}
}

void vmr_print_prometheus(FILE *out, const struct vmr_report *r)
{
	head(out, "status", "0 everything asked is in effect, 1 partly, "
	     "2 not in effect (the exit status of vmreserve status)");
	fprintf(out, "vmreserve_status %d\n", r->exit);
	head(out, "asked_items", "items the rd.vmreserve keys ask for");
	fprintf(out, "vmreserve_asked_items %zu\n", r->asked);
	head(out, "in_effect_items", "asked items in effect now");
	fprintf(out, "vmreserve_in_effect_items %zu\n", r->in_effect);
	head(out, "early_ran", "1 when vmreserve-early left its state record");
	fprintf(out, "vmreserve_early_ran %d\n", r->early.present);
	head(out, "iommu_enabled", "1 when the kernel has IOMMU groups");
	fprintf(out, "vmreserve_iommu_enabled %d\n", r->iommu.enabled);
	hp_metric(out, r, "hugepages_total", "hugepages reserved "
		  "(nr_hugepages) per NUMA node and page size", 0, false);
	hp_metric(out, r, "hugepages_free", "hugepages free per NUMA node "
		  "and page size", 1, false);
	hp_metric(out, r, "hugepages_requested", "hugepages the kernel "
		  "command line asks per NUMA node and page size", 2, true);
	head(out, "node_memory_free_bytes", "free memory per NUMA node");
	for (size_t i = 0; i < r->n_node; i++)
		fprintf(out, "vmreserve_node_memory_free_bytes{node=\"%u\"} %"
			PRIu64 "\n", r->node[i].id, r->node[i].mem_free_kb * 1024);
	dev_metric(out, r, false);
	dev_metric(out, r, true);
	dev_info(out, r);
}
