/* SPDX-License-Identifier: MIT */
/*
 * Prometheus text exposition (node_exporter's textfile collector) over the
 * report. node_exporter has no per-node, per-size hugepage metric; these
 * gauges carry node and page size as labels. Names follow the Prometheus
 * rules promtool checks: gauges only, none ending in _total (that suffix
 * means a counter), base units as suffixes (_bytes), no colons. A value
 * the tool could not read has no sample (absent, not 0); how many files
 * were unreadable is vmreserve_read_errors.
 */
#include <inttypes.h>
#include <stdio.h>

#include "report_print.h"
#include "str.h"

static void label(FILE *out, const char *name, const char *value, bool more)
{
	fprintf(out, "%s=\"", name);
	vmr_put_str(out, value, VMR_STR_PROM);
	fputs(more ? "\"," : "\"", out);
}

static void head(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP vmreserve_%s %s\n# TYPE vmreserve_%s gauge\n", name,
		help, name);
}

enum hp_field { HP_RESERVED, HP_FREE, HP_REQUESTED };

static void hp_metric(FILE *out, const struct vmr_report *r, const char *name,
		      const char *help, enum hp_field field)
{
	head(out, name, help);
	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];
		uint64_t v = field == HP_RESERVED ? h->total :
			     field == HP_FREE ? h->free : h->requested;

		if (field == HP_REQUESTED ? !h->asked : h->unread != 0)
			continue;
		fprintf(out, "vmreserve_%s{node=\"%u\",page_size_kb=\"%" PRIu64
			"\"} %" PRIu64 "\n", name, h->node, h->page_kb, v);
	}
}

static void dev_metric(FILE *out, const struct vmr_report *r, bool viable)
{
	head(out, viable ? "device_group_viable" : "device_bound",
	     viable ? "1 when every device of the selected device's IOMMU "
		      "group leaves it usable for VFIO" :
		      "1 when the selected PCI device is bound to vfio-pci");
	for (size_t i = 0; i < r->n_selected; i++) {
		const struct vmr_fn *f = &r->fn[r->selected[i]];
		const struct vmr_group *g = vmr_report_group(r, f->group);
		char id[16];

		/* Unknown: no sample rather than a made-up 0. */
		if (viable ? g && g->viable && g->unread : f->driver_unread)
			continue;
		snprintf(id, sizeof(id), "%04x:%04x", f->vendor, f->device);
		fprintf(out, "vmreserve_%s{", viable ? "device_group_viable" :
			"device_bound");
		label(out, "address", f->addr, true);
		label(out, "id", f->id_unread ? "" : id, false);
		fprintf(out, "} %d\n", viable ? g && g->viable : f->in_effect);
	}
}

/* The driver changes over time: an info metric, not a label of the gauges. */
static void dev_info(FILE *out, const struct vmr_report *r)
{
	head(out, "device_info", "selected PCI device with its current driver "
	     "and IOMMU group (always 1)");
	for (size_t i = 0; i < r->n_selected; i++) {
		const struct vmr_fn *f = &r->fn[r->selected[i]];
		char id[16], group[16];

		snprintf(id, sizeof(id), "%04x:%04x", f->vendor, f->device);
		snprintf(group, sizeof(group), "%d", f->group);
		fputs("vmreserve_device_info{", out);
		label(out, "address", f->addr, true);
		label(out, "id", f->id_unread ? "" : id, true);
		label(out, "driver", f->driver_unread ? "" : f->driver, true);
		label(out, "iommu_group", f->group >= 0 ? group : "", false);
		fputs("} 1\n", out);
	}
}

/* What the report could not hold or show: never silent. */
static void losses(FILE *out, const struct vmr_report *r)
{
	static const char *const kinds[] = { "functions", "groups", "nodes",
					     "hugepage_rows" };
	size_t n[] = { r->n_fn_dropped, r->n_group_dropped, r->n_node_dropped,
		       r->n_hp_dropped };

	head(out, "read_errors", "files vmreserve could not read (their "
	     "values are unknown and have no sample)");
	fprintf(out, "vmreserve_read_errors %zu\n",
		r->n_unread + r->n_unread_dropped);
	head(out, "dropped_items", "items not held for lack of memory, so not "
	     "judged, by kind");
	for (size_t i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		fprintf(out, "vmreserve_dropped_items{kind=\"%s\"} %zu\n",
			kinds[i], n[i]);
	head(out, "advice_lost", "advice items past the report's limit, not "
	     "shown (they still count in the status)");
	fprintf(out, "vmreserve_advice_lost %zu\n", r->advice.lost);
}

/* 1 when the host's file differs from the initramfs' copy; none: unknown. */
static void print_conf(FILE *out, const struct vmr_report *r)
{
	const struct vmr_conf_check *c = &r->conf;

	fputs("# HELP vmreserve_conf_changed 1 when /etc/vmreserve.conf "
	      "differs from the copy in the booted initramfs (rebuild it)\n"
	      "# TYPE vmreserve_conf_changed gauge\n", out);
	if (c->drift != VMR_CONF_UNKNOWN)
		fprintf(out, "vmreserve_conf_changed %d\n",
			c->drift != VMR_CONF_SAME);
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
	head(out, "early_record_unwritten", "1 when vmreserve-early ran "
	     "(kernel log) but left no state record; no sample when the "
	     "log is unreadable");
	if (r->early.klog != VMR_KLOG_UNKNOWN)
		fprintf(out, "vmreserve_early_record_unwritten %d\n",
			r->early.klog == VMR_KLOG_RAN);
	head(out, "iommu_enabled", "1 when the kernel has IOMMU groups");
	if (r->iommu.enabled || !r->iommu.groups_unread)
		fprintf(out, "vmreserve_iommu_enabled %d\n", r->iommu.enabled);
	hp_metric(out, r, "hugepages_reserved", "hugepages reserved "
		  "(nr_hugepages) per NUMA node and page size", HP_RESERVED);
	hp_metric(out, r, "hugepages_free", "hugepages free per NUMA node "
		  "and page size", HP_FREE);
	hp_metric(out, r, "hugepages_requested", "hugepages the kernel "
		  "command line asks per NUMA node and page size",
		  HP_REQUESTED);
	head(out, "node_memory_free_bytes", "free memory per NUMA node");
	for (size_t i = 0; i < r->n_node; i++)
		if (!r->node[i].meminfo_unread)
			fprintf(out, "vmreserve_node_memory_free_bytes{node=\"%u\"} "
				"%" PRIu64 "\n", r->node[i].id,
				r->node[i].mem_free_kb * 1024);
	dev_metric(out, r, false);
	dev_metric(out, r, true);
	dev_info(out, r);
	print_conf(out, r);
	losses(out, r);
}
