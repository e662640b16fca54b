/* SPDX-License-Identifier: MIT */
/*
 * JSON printer over the report; schema in vmreserve(8), JSON OUTPUT.
 * Pretty-printed, two spaces, keys in a fixed order so diffs stay small.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hp_plan.h"
#include "report.h"
#include "version.h"

static void jstr(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
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

static void print_cmdline(FILE *out, const struct vmr_report *r)
{
	const struct vmr_plan *p = &r->plan;

	fputs("  \"cmdline\": {\n    \"from\": ", out);
	jstr(out, r->plan_from);
	fputs(",\n    \"args\": [", out);
	for (size_t i = 0; i < p->n_args; i++) {
		fputs(i ? ", {\"text\": " : "{\"text\": ", out);
		jstr(out, p->arg[i].text);
		fputs(", \"source\": ", out);
		jstr(out, vmr_src_path(p->arg[i].src));
		fputs("}", out);
	}
	fprintf(out, "],\n    \"args_lost\": %zu,\n    \"disabled\": %s,\n"
		"    \"pci\": [", p->n_args_lost, jbool(p->disabled));
	for (size_t i = 0; i < p->n_sel; i++) {
		fputs(i ? ", " : "", out);
		jstr(out, p->sel[i].text);
	}
	fputs("],\n    \"hugepages\": [", out);
	for (size_t i = 0; i < p->n_hp; i++) {
		const struct vmr_hp_req *q = &p->hp[i];
		uint64_t page = q->page_kb * 1024;
		uint64_t pages = q->is_size ? q->amount / page +
				 (q->amount % page != 0) : q->amount;

		fputs(i ? ",\n      {\"entry\": " : "\n      {\"entry\": ", out);
		jstr(out, q->text);
		fprintf(out, ", \"node\": %u, \"page_kb\": %" PRIu64 ", \"pages\": %"
			PRIu64 "}", q->node, q->page_kb, pages);
	}
	fputs(p->n_hp ? "\n    ],\n    \"keep\": " : "],\n    \"keep\": ", out);
	if (p->keep.kind == VMR_KEEP_BYTES)
		fprintf(out, "\"%" PRIu64 "\"", p->keep.value);
	else if (p->keep.kind == VMR_KEEP_PERCENT)
		fprintf(out, "\"%" PRIu64 "%%\"", p->keep.value);
	else
		fputs("\"default\"", out);
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
	fputs("\n  },\n", out);
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

static void print_iommu(FILE *out, const struct vmr_iommu *io)
{
	fprintf(out, "  \"iommu\": {\"enabled\": %s, \"acpi_table\": %s, "
		"\"groups\": %u, \"interrupt_remapping\": %s, "
		"\"allow_unsafe_interrupts\": %s},\n", jbool(io->enabled),
		io->dmar ? "\"DMAR\"" : io->ivrs ? "\"IVRS\"" : "null",
		io->groups, io->irq_remap < 0 ? "null" : jbool(io->irq_remap),
		jbool(io->unsafe_type1 || io->unsafe_iommufd));
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

static void print_device(FILE *out, const struct vmr_report *r,
			 const struct vmr_fn *f)
{
	const struct vmr_group *g = vmr_report_group(r, f->group);

	fprintf(out, "    {\"address\": \"%s\", \"id\": \"%04x:%04x\", "
		"\"class\": \"0x%06x\", \"class_name\": \"%s\",\n"
		"     \"selector\": ", f->addr, f->vendor, f->device, f->class,
		vmr_class_name(f->class));
	jstr(out, r->plan.sel[f->sel].text);
	fputs(", \"driver\": ", out);
	jstr_or_null(out, f->driver);
	fputs(", \"driver_override\": ", out);
	jstr_or_null(out, f->override);
	if (f->group >= 0)
		fprintf(out, ",\n     \"iommu_group\": %d, \"group_viable\": %s, ",
			f->group, jbool(g && g->viable));
	else
		fputs(",\n     \"iommu_group\": null, \"group_viable\": null, ", out);
	print_blocking(out, r, g);
	/* null: libkmod could not say (no module index), not "none". */
	if (f->host_lookup < 0) {
		fputs(",\n     \"host_drivers\": null", out);
	} else {
		fputs(",\n     \"host_drivers\": [", out);
		for (size_t k = 0; k < f->n_host; k++) {
			fputs(k ? ", " : "", out);
			jstr(out, f->host[k]);
		}
		fputs("]", out);
	}
	fprintf(out, ", \"boot_vga\": %s, \"numa_node\": ", jbool(f->boot_vga));
	if (f->numa_node >= 0)
		fprintf(out, "%d", f->numa_node);
	else
		fputs("null", out);
	fputs(", \"early_status\": ", out);
	jstr_or_null(out, f->early);
	fputs(", \"early_why\": ", out);
	jstr_or_null(out, f->why);
	fprintf(out, ", \"in_effect\": %s}", jbool(f->in_effect));
}

static void print_devices(FILE *out, const struct vmr_report *r)
{
	size_t idx[VMR_MAX_FN], n = vmr_report_selected(r, idx, VMR_MAX_FN);
	bool first = true;

	fputs("  \"devices\": [", out);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", out);
		print_device(out, r, &r->fn[idx[i]]);
	}
	fputs(n ? "\n  ],\n  \"unmatched\": [" : "],\n  \"unmatched\": [", out);
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		if (r->sel_hits[i] || r->plan.disabled)
			continue;
		fputs(first ? "" : ", ", out);
		jstr(out, r->plan.sel[i].text);
		first = false;
	}
	fputs("],\n", out);
}

static void print_hugepages(FILE *out, const struct vmr_report *r)
{
	fputs("  \"hugepages\": [", out);
	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];

		fprintf(out, "%s    {\"node\": %u, \"page_kb\": %" PRIu64
			", \"total\": %" PRIu64 ", \"free\": %" PRIu64
			", \"surplus\": %" PRIu64 ", ", i ? ",\n" : "\n",
			h->node, h->page_kb, h->total, h->free, h->surplus);
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
		fprintf(out, ", \"level\": \"%s\"}", vmr_level_name(h->level));
	}
	fputs(r->n_hp ? "\n  ],\n" : "],\n", out);
}

static void print_nodes(FILE *out, const struct vmr_report *r)
{
	fputs("  \"nodes\": [", out);
	for (size_t i = 0; i < r->n_node; i++) {
		const struct vmr_node *n = &r->node[i];

		fprintf(out, "%s    {\"node\": %u, \"mem_total_kb\": %" PRIu64
			", \"mem_free_kb\": %" PRIu64 ", \"cpus\": ",
			i ? ",\n" : "\n", n->id, n->mem_total_kb,
			n->mem_free_kb);
		jstr(out, n->cpulist);
		fputs("}", out);
	}
	fputs(r->n_node ? "\n  ],\n" : "],\n", out);
}

static void print_advice(FILE *out, const struct vmr_report *r)
{
	fputs("  \"advice\": [", out);
	for (size_t i = 0; i < r->n_advice; i++) {
		const struct vmr_advice *a = &r->advice[i];

		fprintf(out, "%s    {\"level\": \"%s\", \"problem\": ",
			i ? ",\n" : "\n", vmr_level_name(a->level));
		jstr(out, a->problem);
		fputs(", \"fix\": ", out);
		jstr_or_null(out, a->fix);
		fputs("}", out);
	}
	fputs(r->n_advice ? "\n  ]\n" : "]\n", out);
}

void vmr_print_status_json(FILE *out, const struct vmr_report *r)
{
	fprintf(out, "{\n  \"schema\": %d,\n  \"tool\": \"vmreserve " VMR_VERSION
		"\",\n  \"verdict\": \"%s\",\n  \"exit\": %d,\n  \"asked\": %zu,"
		"\n  \"in_effect\": %zu,\n", VMR_REPORT_SCHEMA,
		vmr_level_name(r->level), r->exit, r->asked, r->in_effect);
	print_cmdline(out, r);
	print_early(out, r);
	print_iommu(out, &r->iommu);
	print_devices(out, r);
	print_hugepages(out, r);
	print_nodes(out, r);
	print_advice(out, r);
	fputs("}\n", out);
}

void vmr_print_groups_json(FILE *out, const struct vmr_report *r)
{
	fprintf(out, "{\n  \"schema\": %d,\n  \"iommu_enabled\": %s,\n"
		"  \"groups\": [", VMR_REPORT_SCHEMA, jbool(r->iommu.enabled));
	for (size_t i = 0; i < r->n_group; i++) {
		const struct vmr_group *g = &r->group[i];

		fprintf(out, "%s    {\"group\": %d, \"viable\": %s, \"devices\": [",
			i ? ",\n" : "\n", g->id, jbool(g->viable));
		for (size_t k = 0; k < g->count; k++) {
			const struct vmr_fn *f = &r->fn[g->first + k];

			fprintf(out, "%s\n      {\"address\": \"%s\", \"id\": "
				"\"%04x:%04x\", \"class\": \"0x%06x\", "
				"\"class_name\": \"%s\", \"driver\": ",
				k ? "," : "", f->addr, f->vendor, f->device,
				f->class, vmr_class_name(f->class));
			jstr_or_null(out, f->driver);
			fprintf(out, ", \"blocks\": %s}", jbool(f->blocks));
		}
		fputs("]}", out);
	}
	fputs(r->n_group ? "\n  ]\n}\n" : "]\n}\n", out);
}
