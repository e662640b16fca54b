/* SPDX-License-Identifier: MIT */
/*
 * The printers of `vmreserve check-domain` over one structure (text, JSON,
 * one line for the libvirt hook): they format, never judge. Strings go
 * through vmr_put_str, so the domain's own bytes (its name) cannot put an
 * escape sequence on a terminal or break the JSON.
 */
#include <inttypes.h>
#include <stdio.h>

#include "check_domain_print.h"
#include "hp_plan.h"
#include "str.h"

static const char *verdict(const struct vmr_dcheck *c)
{
	return c->exit == VMR_EXIT_CRITICAL ? "does not fit this host" :
	       c->exit == VMR_EXIT_WARNING ? "fits this host, with warnings" :
	       "fits this host";
}

static void put(FILE *out, const char *s)
{
	vmr_put_str(out, s, VMR_STR_TEXT);
}

static void jstr(FILE *out, const char *s)
{
	vmr_put_str(out, s, VMR_STR_JSON);
}

static void text_devs(FILE *out, const struct vmr_dcheck *c)
{
	if (!c->n_dev)
		return;
	fputs("\nPCI hostdevs\n", out);
	for (size_t i = 0; i < c->n_dev; i++) {
		const struct vmr_dc_dev *x = &c->dev[i];

		fprintf(out, "  %s  %s  managed=%s", x->addr,
			x->exists ? (x->id[0] ? x->id : "unknown") : "missing",
			x->managed ? "yes" : "no");
		if (x->exists) {
			fprintf(out, "  driver ");
			put(out, x->driver[0] ? x->driver : "-");
			if (x->group >= 0)
				fprintf(out, "  group %d (%s)", x->group,
					x->viable > 0 ? "viable" : x->viable ?
					"viability unknown" : "not viable");
			else
				fputs("  no IOMMU group", out);
			if (x->boot_vga)
				fputs("  boot VGA", out);
		}
		fprintf(out, "  %s\n", vmr_level_name(x->level));
	}
}

static void text_mem(FILE *out, const struct vmr_dcheck *c)
{
	if (!c->hugepages) {
		fputs("\nMemory: not hugepage-backed (not judged)\n", out);
		return;
	}
	fputs("\nHugepages\n", out);
	for (size_t i = 0; i < c->n_mem; i++) {
		const struct vmr_dc_mem *m = &c->mem[i];
		char page[16];

		vmr_format_kb(page, sizeof(page), m->page_kb);
		/* nodes: a list made from the XML's set, or the set as written */
		fprintf(out, "  %s pages  %s", page,
			m->nodes[0] ? "node " : "any node");
		put(out, m->nodes);
		fprintf(out, " (%s)  needed %" PRIu64 "  free ", m->mode,
			m->need);
		if (m->free_known)
			fprintf(out, "%" PRIu64, m->free);
		else
			fputs("unknown", out);
		fprintf(out, "  %s\n", vmr_level_name(m->level));
	}
}

void vmr_print_dc_text(FILE *out, const struct vmr_dcheck *c)
{
	fputs("vmreserve check-domain: ", out);
	put(out, c->name);
	fprintf(out, " %s (exit %d)\n", verdict(c), c->exit);
	text_devs(out, c);
	text_mem(out, c);
	fprintf(out, "\nvCPU pins: %zu judged, %zu outside the memory's "
		"nodes\n", c->n_pin, c->n_pin_off);
	if (!c->advice.n && !c->advice.lost)
		return;
	fputs("\nAdvice\n", out);
	vmr_advice_text(out, &c->advice);
}

static void json_devs(FILE *out, const struct vmr_dcheck *c)
{
	fputs("  \"hostdevs\": [", out);
	for (size_t i = 0; i < c->n_dev; i++) {
		const struct vmr_dc_dev *x = &c->dev[i];

		fprintf(out, "%s\n    {\"address\": \"%s\", \"exists\": %s, "
			"\"managed\": %s, \"interface\": %s, \"id\": ",
			i ? "," : "", x->addr, x->exists ? "true" : "false",
			x->managed ? "true" : "false",
			x->interface ? "true" : "false");
		if (x->id[0])
			fprintf(out, "\"%s\"", x->id);
		else
			fputs("null", out);
		fputs(", \"driver\": ", out);
		if (x->driver[0])
			jstr(out, x->driver);
		else
			fputs("null", out);
		if (x->group >= 0)
			fprintf(out, ", \"iommu_group\": %d", x->group);
		else
			fputs(", \"iommu_group\": null", out);
		fprintf(out, ", \"group_viable\": %s, \"boot_vga\": %s, "
			"\"level\": \"%s\"}", x->viable < 0 ? "null" :
			x->viable ? "true" : "false",
			x->boot_vga ? "true" : "false",
			vmr_level_name(x->level));
	}
	fputs(c->n_dev ? "\n  ],\n" : "],\n", out);
}

static void json_mem(FILE *out, const struct vmr_dcheck *c)
{
	fprintf(out, "  \"hugepage_backed\": %s,\n  \"hugepages\": [",
		c->hugepages ? "true" : "false");
	for (size_t i = 0; i < c->n_mem; i++) {
		const struct vmr_dc_mem *m = &c->mem[i];

		fprintf(out, "%s\n    {\"page_kb\": %" PRIu64 ", \"nodes\": ",
			i ? "," : "", m->page_kb);
		if (m->nodes[0])
			jstr(out, m->nodes);
		else
			fputs("null", out);
		fprintf(out, ", \"mode\": \"%s\", \"needed\": %" PRIu64
			", \"free\": ", m->mode, m->need);
		if (m->free_known)
			fprintf(out, "%" PRIu64, m->free);
		else
			fputs("null", out);
		fprintf(out, ", \"level\": \"%s\"}", vmr_level_name(m->level));
	}
	fputs(c->n_mem ? "\n  ],\n" : "],\n", out);
}

void vmr_print_dc_json(FILE *out, const struct vmr_dcheck *c)
{
	fprintf(out, "{\n  \"schema\": %d,\n  \"domain\": ", VMR_DC_SCHEMA);
	jstr(out, c->name);
	fprintf(out, ",\n  \"verdict\": \"%s\",\n  \"exit\": %d,\n",
		vmr_level_name(c->exit == VMR_EXIT_CRITICAL ? VMR_LVL_CRITICAL :
			       c->exit == VMR_EXIT_WARNING ? VMR_LVL_WARNING :
			       VMR_LVL_OK), c->exit);
	json_devs(out, c);
	json_mem(out, c);
	fprintf(out, "  \"vcpu_pins\": {\"judged\": %zu, \"off_node\": %zu},\n"
		"  ", c->n_pin, c->n_pin_off);
	vmr_advice_json(out, &c->advice, "  ");
	fputs("\n}\n", out);
}

void vmr_print_dc_line(FILE *out, const struct vmr_dcheck *c)
{
	const struct vmr_advice_list *l = &c->advice;
	const struct vmr_advice *worst = NULL;
	size_t more = l->lost;

	for (size_t i = 0; i < l->n; i++)
		if (l->item[i].level >= VMR_LVL_WARNING &&
		    (!worst || l->item[i].level > worst->level))
			worst = &l->item[i];
	for (size_t i = 0; i < l->n; i++)
		more += &l->item[i] != worst &&
			l->item[i].level >= VMR_LVL_WARNING;
	put(out, c->name);
	fprintf(out, " %s", verdict(c));
	if (worst) {
		fputs(": ", out);
		put(out, worst->problem);
		if (worst->fix[0]) {
			fputs("; fix: ", out);
			put(out, worst->fix);
		}
		if (more) {
			fprintf(out, " (and %zu more: virsh dumpxml ", more);
			put(out, c->name);
			fputs(" | vmreserve check-domain)", out);
		}
	}
	fputc('\n', out);
}
