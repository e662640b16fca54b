/* SPDX-License-Identifier: MIT */
/*
 * JSON printer over the report; schema in vmreserve(8), JSON OUTPUT.
 * Pretty-printed, two spaces, keys in a fixed order so diffs stay small.
 * Every string goes through vmr_put_str: always valid UTF-8. A value the
 * tool could not read is null, and the object's "unknown" map says why.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hp_plan.h"
#include "report_print.h"
#include "str.h"
#include "version.h"

static void jstr(FILE *out, const char *s)
{
	vmr_put_str(out, s, VMR_STR_JSON);
}

/* A string, or null when empty (no driver, no record). */
static void jstr_or_null(FILE *out, const char *s)
{
	if (s && *s)
		jstr(out, s);
	else
		fputs("null", out);
}

static const char *jbool(bool b)
{
	return b ? "true" : "false";
}

/*
 * , "unknown": {"KEY": "cannot read /PATH: reason", ...} for the keys whose
 * *_unread is set (keys[] ends at NULL); nothing when every value was
 * read, so the objects of a readable machine keep their old shape.
 */
static void print_unknown(FILE *out, const struct vmr_report *r,
			  const char *const keys[], const unsigned ks[])
{
	bool first = true;

	for (size_t i = 0; keys[i]; i++) {
		char why[VMR_PATH_MAX + 64];

		if (!ks[i])
			continue;
		vmr_unread_text(r, ks[i], why, sizeof(why));
		fprintf(out, "%s\"%s\": ", first ? ",\n     \"unknown\": {" :
			", ", keys[i]);
		jstr(out, why);
		first = false;
	}
	if (!first)
		fputs("}", out);
}

static void print_cmdline(FILE *out, const struct vmr_report *r)
{
	const struct vmr_plan *p = &r->plan;
	static const char *const keys[] = { "cmdline", NULL };
	unsigned ks[] = { r->cmdline_unread };
	char from[VMR_FROM_LEN];

	fputs("  \"cmdline\": {\n    \"from\": ", out);
	jstr(out, vmr_plan_origin_name(r->plan_from));
	fputs(",\n    \"args\": [", out);
	for (size_t i = 0; i < p->n_args; i++) {
		fputs(i ? ", {\"text\": " : "{\"text\": ", out);
		jstr(out, p->arg[i].text);
		fputs(", \"source\": ", out);
		jstr(out, vmr_from_text(p->arg[i].from, from));
		fputs("}", out);
	}
	fprintf(out, "],\n    \"args_lost\": %zu,\n    \"disabled\": %s,\n"
		"    \"pci\": [", p->n_args_lost, jbool(p->disabled));
	for (size_t i = 0; i < p->n_sel; i++) {
		fputs(i ? ", " : "", out);
		jstr(out, p->sel[i].text);
	}
	/* where each was asked: "/proc/cmdline", "/etc/vmreserve.conf:3" */
	fputs("],\n    \"pci_sources\": [", out);
	for (size_t i = 0; i < p->n_sel; i++) {
		fputs(i ? ", " : "", out);
		jstr(out, vmr_from_text(p->sel[i].from, from));
	}
	fputs("],\n    \"hugepages\": [", out);
	for (size_t i = 0; i < p->n_hp; i++) {
		const struct vmr_hp_req *q = &p->hp[i];

		fputs(i ? ",\n      {\"entry\": " : "\n      {\"entry\": ", out);
		jstr(out, q->text);
		fprintf(out, ", \"node\": %u, \"page_kb\": %" PRIu64 ", \"pages\": %"
			PRIu64 ", \"source\": ", q->node, q->page_kb,
			vmr_hp_pages(q));
		jstr(out, vmr_from_text(q->from, from));
		fputc('}', out);
	}
	fputs(p->n_hp ? "\n    ],\n    \"keep\": " : "],\n    \"keep\": ", out);
	if (p->keep.kind == VMR_KEEP_BYTES)
		fprintf(out, "\"%" PRIu64 "\"", p->keep.value);
	else if (p->keep.kind == VMR_KEEP_PERCENT)
		fprintf(out, "\"%" PRIu64 "%%\"", p->keep.value);
	else
		fputs("\"default\"", out);
	fputs(",\n    \"keep_source\": ", out);
	jstr_or_null(out, p->keep.kind == VMR_KEEP_DEFAULT ? NULL :
		     vmr_from_text(p->keep_from, from));
	for (int lvl = 0; lvl < 2; lvl++) {
		bool first = true;

		fputs(lvl ? ",\n    \"warnings\": [" : ",\n    \"errors\": [", out);
		for (size_t i = 0; i < p->n_diag; i++) {
			if ((p->diag[i].level == VMR_DIAG_ERROR) != (lvl == 0))
				continue;
			fputs(first ? "" : ", ", out);
			jstr(out, p->diag[i].msg);
			first = false;
		}
		fputs("]", out);
	}
	print_unknown(out, r, keys, ks);
	fputs("\n  },\n", out);
}

/*
 * No record: what the kernel log says (null when the record exists, and
 * the log is not read): ran (null: unknown), record_error (the logged
 * reason it was not written), unknown (why the log could not be read).
 */
static void print_klog(FILE *out, const struct vmr_early_rec *e)
{
	bool ran = e->klog == VMR_KLOG_RAN;
	char why[96];

	fputs(",\n    \"kernel_log\": ", out);
	if (e->klog == VMR_KLOG_NOT_READ) {
		fputs("null", out);
		return;
	}
	fprintf(out, "{\"ran\": %s, \"record_error\": ",
		e->klog == VMR_KLOG_UNKNOWN ? "null" : jbool(ran));
	jstr_or_null(out, ran && e->klog_reason[0] ? e->klog_reason : NULL);
	fputs(", \"unknown\": ", out);
	snprintf(why, sizeof(why), "cannot read /dev/kmsg: %s",
		 strerror(-e->klog_error));
	jstr_or_null(out, e->klog == VMR_KLOG_UNKNOWN ? why : NULL);
	fputc('}', out);
}

static void print_early(FILE *out, const struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;
	bool ok = e->present && e->read_error == 0;

	fprintf(out, "  \"early\": {\"ran\": %s, \"writer\": ", jbool(e->present));
	jstr_or_null(out, ok ? e->writer : NULL);
	fputs(", \"result\": ", out);
	jstr_or_null(out, ok ? e->result : NULL);
	/* null: no record, or a number that did not parse */
	if (ok && e->exit_known)
		fprintf(out, ", \"exit\": %d", e->exit);
	else
		fputs(", \"exit\": null", out);
	if (ok && e->total_known)
		fprintf(out, ", \"total_us\": %" PRIu64, e->total_us);
	else
		fputs(", \"total_us\": null", out);
	print_klog(out, e);
	fprintf(out, ",\n    \"truncated\": %s, \"bad_lines\": %zu, "
		"\"first_bad\": ", jbool(ok && (e->truncated || e->cut)),
		ok ? e->n_bad : 0);
	if (ok && e->n_bad) {
		fprintf(out, "{\"line\": %zu, \"problem\": ", e->bad_line);
		jstr(out, e->bad);
		fputs("}},\n", out);
	} else {
		fputs("null},\n", out);
	}
}

static void print_iommu(FILE *out, const struct vmr_report *r)
{
	const struct vmr_iommu *io = &r->iommu;
	bool en_unknown = !io->enabled && io->groups_unread;
	bool acpi_unknown = io->acpi_unread && !io->dmar && !io->ivrs;
	bool unsafe_unknown = io->unsafe_unread && !io->unsafe_type1 &&
			      !io->unsafe_iommufd;
	static const char *const keys[] = { "enabled", "acpi_table", "groups",
					    "interrupt_remapping",
					    "allow_unsafe_interrupts", NULL };
	unsigned ks[] = { en_unknown ? io->groups_unread : 0,
			  acpi_unknown ? io->acpi_unread : 0,
			  io->groups_unread, io->irq_unread,
			  unsafe_unknown ? io->unsafe_unread : 0 };
	char groups[16];

	snprintf(groups, sizeof(groups), "%u", io->groups);
	fprintf(out, "  \"iommu\": {\"enabled\": %s, \"acpi_table\": %s, "
		"\"groups\": %s, \"interrupt_remapping\": %s, "
		"\"allow_unsafe_interrupts\": %s",
		en_unknown ? "null" : jbool(io->enabled),
		io->dmar ? "\"DMAR\"" : io->ivrs ? "\"IVRS\"" : "null",
		io->groups_unread ? "null" : groups,
		io->irq_remap < 0 ? "null" : jbool(io->irq_remap),
		unsafe_unknown ? "null" :
		jbool(io->unsafe_type1 || io->unsafe_iommufd));
	print_unknown(out, r, keys, ks);
	fputs("},\n", out);
}

static void print_blocking(FILE *out, const struct vmr_report *r,
			   const struct vmr_group *g)
{
	bool first = true;

	fputs("\"blocking\": [", out);
	for (size_t k = 0; g && k < g->count; k++) {
		const struct vmr_fn *m = &r->fn[g->first + k];

		if (!m->blocks || m->sel >= 0)
			continue;
		fprintf(out, "%s{\"address\": \"%s\", \"id\": \"%04x:%04x\", "
			"\"driver\": ", first ? "" : ", ", m->addr, m->vendor,
			m->device);
		jstr_or_null(out, m->driver);
		fputs("}", out);
		first = false;
	}
	fputs("]", out);
}

/* null when unknown: a member's driver could not be read. */
static const char *viable_json(const struct vmr_group *g)
{
	if (!g)
		return "false";
	return !g->viable ? "false" : g->unread ? "null" : "true";
}

static void print_ids(FILE *out, const struct vmr_fn *f)
{
	if (f->id_unread)
		fputs("\"id\": null, \"class\": null, \"class_name\": null", out);
	else
		fprintf(out, "\"id\": \"%04x:%04x\", \"class\": \"0x%06x\", "
			"\"class_name\": \"%s\"", f->vendor, f->device,
			f->class, vmr_class_name(f->class));
}

static void print_host(FILE *out, const struct vmr_fn *f)
{
	/* null: libkmod could not say (no module index), not "none". */
	if (f->host_lookup < 0) {
		fputs(",\n     \"host_drivers\": null", out);
		return;
	}
	fputs(",\n     \"host_drivers\": [", out);
	for (size_t k = 0; k < f->n_host; k++) {
		fputs(k ? ", " : "", out);
		jstr(out, f->host[k]);
	}
	fputs("]", out);
}

static void print_device(FILE *out, const struct vmr_report *r,
			 const struct vmr_fn *f)
{
	const struct vmr_group *g = vmr_report_group(r, f->group);
	static const char *const keys[] = { "id", "driver", "driver_override",
					    "iommu_group", "group_viable",
					    "numa_node", "in_effect", NULL };
	unsigned ks[] = { f->id_unread, f->driver_unread, f->override_unread,
			  f->group < 0 ? f->group_unread : 0,
			  g && g->viable ? g->unread :
			  f->group < 0 ? f->group_unread : 0,
			  f->numa_unread, f->driver_unread };

	fprintf(out, "    {\"address\": \"%s\", ", f->addr);
	print_ids(out, f);
	fputs(",\n     \"selector\": ", out);
	jstr(out, r->plan.sel[f->sel].text);
	fputs(", \"driver\": ", out);
	jstr_or_null(out, f->driver_unread ? NULL : f->driver);
	fputs(", \"driver_override\": ", out);
	jstr_or_null(out, f->override_unread ? NULL : f->override);
	if (f->group >= 0)
		fprintf(out, ",\n     \"iommu_group\": %d, \"group_viable\": %s, ",
			f->group, viable_json(g));
	else
		fputs(",\n     \"iommu_group\": null, \"group_viable\": null, ", out);
	print_blocking(out, r, g);
	print_host(out, f);
	fprintf(out, ", \"boot_vga\": %s, \"numa_node\": ", jbool(f->boot_vga));
	if (f->numa_node >= 0)
		fprintf(out, "%d", f->numa_node);
	else
		fputs("null", out);
	fputs(", \"early_status\": ", out);
	jstr_or_null(out, f->early);
	fputs(", \"early_why\": ", out);
	jstr_or_null(out, f->why);
	fprintf(out, ", \"in_effect\": %s", f->driver_unread ? "null" :
		jbool(f->in_effect));
	print_unknown(out, r, keys, ks);
	fputs("}", out);
}

static void print_devices(FILE *out, const struct vmr_report *r)
{
	bool first = true;

	fputs("  \"devices\": [", out);
	for (size_t i = 0; i < r->n_selected; i++) {
		fputs(i ? ",\n" : "\n", out);
		print_device(out, r, &r->fn[r->selected[i]]);
	}
	fputs(r->n_selected ? "\n  ],\n  \"unmatched\": [" :
	      "],\n  \"unmatched\": [", out);
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		if (r->sel_hits[i] || r->plan.disabled || !vmr_report_listed_all(r))
			continue;
		fputs(first ? "" : ", ", out);
		jstr(out, r->plan.sel[i].text);
		first = false;
	}
	fputs("],\n", out);
}

static void print_hprow(FILE *out, const struct vmr_report *r,
			const struct vmr_hprow *h)
{
	static const char *const keys[] = { "total", "free", "surplus", NULL };
	unsigned ks[] = { h->unread, h->unread, h->unread };

	fprintf(out, "    {\"node\": %u, \"page_kb\": %" PRIu64 ", ", h->node,
		h->page_kb);
	if (h->unread)
		fputs("\"total\": null, \"free\": null, \"surplus\": null, ", out);
	else
		fprintf(out, "\"total\": %" PRIu64 ", \"free\": %" PRIu64
			", \"surplus\": %" PRIu64 ", ", h->total, h->free,
			h->surplus);
	/* target null: asked, but the record's number did not parse */
	if (h->asked && !h->target_known)
		fprintf(out, "\"requested\": %" PRIu64 ", \"target\": "
			"null, ", h->requested);
	else if (h->asked)
		fprintf(out, "\"requested\": %" PRIu64 ", \"target\": %"
			PRIu64 ", ", h->requested, h->target);
	else
		fputs("\"requested\": null, \"target\": null, ", out);
	fputs("\"early_status\": ", out);
	jstr_or_null(out, h->early);
	fprintf(out, ", \"level\": \"%s\"", vmr_level_name(h->level));
	print_unknown(out, r, keys, ks);
	fputs("}", out);
}

static void print_hugepages(FILE *out, const struct vmr_report *r)
{
	fputs("  \"hugepages\": [", out);
	for (size_t i = 0; i < r->n_hp; i++) {
		fputs(i ? ",\n" : "\n", out);
		print_hprow(out, r, &r->hp[i]);
	}
	fputs(r->n_hp ? "\n  ],\n" : "],\n", out);
}

static void print_nodes(FILE *out, const struct vmr_report *r)
{
	static const char *const keys[] = { "mem_total_kb", "mem_free_kb",
					    "cpus", "hugepages", NULL };

	fputs("  \"nodes\": [", out);
	for (size_t i = 0; i < r->n_node; i++) {
		const struct vmr_node *n = &r->node[i];
		unsigned ks[] = { n->meminfo_unread, n->meminfo_unread,
				  n->cpulist_unread, n->hp_unread };

		fprintf(out, "%s    {\"node\": %u, ", i ? ",\n" : "\n", n->id);
		if (n->meminfo_unread)
			fputs("\"mem_total_kb\": null, \"mem_free_kb\": null", out);
		else
			fprintf(out, "\"mem_total_kb\": %" PRIu64
				", \"mem_free_kb\": %" PRIu64, n->mem_total_kb,
				n->mem_free_kb);
		fputs(", \"cpus\": ", out);
		if (n->cpulist_unread)
			fputs("null", out);
		else
			jstr(out, n->cpulist);
		print_unknown(out, r, keys, ks);
		fputs("}", out);
	}
	fputs(r->n_node ? "\n  ],\n" : "],\n", out);
}

static void print_unreadable(FILE *out, const struct vmr_report *r)
{
	fputs("  \"unreadable\": [", out);
	for (size_t i = 0; i < r->n_unread; i++) {
		char path[VMR_PATH_MAX + 1];

		snprintf(path, sizeof(path), "/%s", r->unread[i].path);
		fprintf(out, "%s    {\"path\": ", i ? ",\n" : "\n");
		jstr(out, path);
		fputs(", \"error\": ", out);
		jstr(out, strerror(-r->unread[i].err));
		fputs("}", out);
	}
	fputs(r->n_unread ? "\n  ],\n" : "],\n", out);
	fprintf(out, "  \"dropped\": {\"functions\": %zu, \"groups\": %zu, "
		"\"nodes\": %zu, \"hugepage_rows\": %zu, \"unreadable\": %zu},\n",
		r->n_fn_dropped, r->n_group_dropped, r->n_node_dropped,
		r->n_hp_dropped, r->n_unread_dropped);
}

static void print_advice(FILE *out, const struct vmr_report *r)
{
	fputs("  ", out);
	vmr_advice_json(out, &r->advice, "  ");
}

/* The lists themselves: devices (sys/bus/pci/devices), nodes. */
static void print_top_unknown(FILE *out, const struct vmr_report *r)
{
	static const char *const keys[] = { "devices", "nodes", NULL };
	unsigned ks[] = { r->devices_unread, r->nodes_unread };

	print_unknown(out, r, keys, ks);
}

static void print_conf(FILE *out, const struct vmr_report *r)
{
	const struct vmr_conf_check *c = &r->conf;

	fputs("  \"conf\": {\"path\": \"/etc/vmreserve.conf\", \"initramfs\": ",
	      out);
	if (c->boot[0])
		vmr_put_str(out, c->boot, VMR_STR_JSON);
	else
		fputs("null", out);
	fputs(", \"host\": ", out);
	vmr_put_str(out, c->now, VMR_STR_JSON);
	fputs(", \"host_error\": ", out);
	if (c->now_err)
		vmr_put_str(out, strerror(-c->now_err), VMR_STR_JSON);
	else
		fputs("null", out);
	fprintf(out, ",\n    \"drift\": \"%s\", \"generator\": ",
		vmr_conf_drift_name(c->drift));
	vmr_put_str(out, c->generator, VMR_STR_JSON);
	fputs(", \"rebuild\": ", out);
	vmr_put_str(out, c->rebuild, VMR_STR_JSON);
	fputs("},\n", out);
}

void vmr_print_status_json(FILE *out, const struct vmr_report *r)
{
	fprintf(out, "{\n  \"schema\": %d,\n  \"tool\": \"vmreserve " VMR_VERSION
		"\",\n  \"verdict\": \"%s\",\n  \"exit\": %d,\n  \"asked\": %zu,"
		"\n  \"in_effect\": %zu,\n", VMR_REPORT_SCHEMA,
		vmr_level_name(r->level), r->exit, r->asked, r->in_effect);
	print_cmdline(out, r);
	print_early(out, r);
	print_conf(out, r);
	print_iommu(out, r);
	print_devices(out, r);
	print_hugepages(out, r);
	print_nodes(out, r);
	print_unreadable(out, r);
	print_advice(out, r);
	print_top_unknown(out, r);
	fputs("\n}\n", out);
}

static void iso_json(FILE *out, const char *key, const char *count_key,
		     const char (*item)[VMR_BDF_LEN], size_t n)
{
	size_t held = n < VMR_ISO_MAX ? n : VMR_ISO_MAX;

	fprintf(out, ", \"%s\": [", key);
	for (size_t i = 0; i < held; i++)
		fprintf(out, "%s\"%s\"", i ? ", " : "", item[i]);
	fprintf(out, "], \"%s\": %zu", count_key, n);
}

/* Isolation (ACS), apart from viability (isolation.c). */
static void print_isolation(FILE *out, const struct vmr_group *g)
{
	fprintf(out, ", \"isolated\": %s", jbool(g->n_slot <= 1));
	iso_json(out, "slots", "slot_count", g->slot, g->n_slot);
	iso_json(out, "acs_missing", "acs_missing_count", g->port, g->n_port);
}

void vmr_print_groups_json(FILE *out, const struct vmr_report *r)
{
	bool unknown = !r->iommu.enabled && r->iommu.groups_unread;

	fprintf(out, "{\n  \"schema\": %d,\n  \"iommu_enabled\": %s,\n"
		"  \"groups\": [", VMR_REPORT_SCHEMA,
		unknown ? "null" : jbool(r->iommu.enabled));
	for (size_t i = 0; i < r->n_group; i++) {
		const struct vmr_group *g = &r->group[i];

		fprintf(out, "%s    {\"group\": %d, \"viable\": %s",
			i ? ",\n" : "\n", g->id, viable_json(g));
		print_isolation(out, g);
		fputs(", \"devices\": [", out);
		for (size_t k = 0; k < g->count; k++) {
			const struct vmr_fn *f = &r->fn[g->first + k];

			fprintf(out, "%s\n      {\"address\": \"%s\", \"id\": "
				"\"%04x:%04x\", \"class\": \"0x%06x\", "
				"\"class_name\": \"%s\", \"driver\": ",
				k ? "," : "", f->addr, f->vendor, f->device,
				f->class, vmr_class_name(f->class));
			jstr_or_null(out, f->driver_unread ? NULL : f->driver);
			fprintf(out, ", \"blocks\": %s}", jbool(f->blocks));
		}
		fputs("]}", out);
	}
	fprintf(out, "%s  \"groups_dropped\": %zu\n}\n", r->n_group ?
		"\n  ],\n" : "],\n", r->n_group_dropped);
}
