/* SPDX-License-Identifier: MIT */
/*
 * Human printer over the report: sections in the order people ask their
 * questions (did it work, why not, what to do). Every fact shown here is a
 * field the JSON printer shows too.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hp_plan.h"
#include "report.h"
#include "version.h"

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void print_cmdline(FILE *out, const struct vmr_report *r)
{
	const struct vmr_plan *p = &r->plan;

	fputs("\nCommand line\n", out);
	fprintf(out, "  from:       %s\n", r->plan_from);
	for (size_t i = 0; i < p->n_args; i++)
		fprintf(out, "  arg:        %s (%s)\n", p->arg[i].text,
			vmr_src_path(p->arg[i].src));
	if (p->n_args_lost)
		fprintf(out, "  args lost:  %zu\n", p->n_args_lost);
	if (!p->any_key) {
		fputs("  no rd.vmreserve.* key\n", out);
		return;
	}
	if (p->disabled)
		fputs("  rd.vmreserve=0: disabled\n", out);
	for (size_t i = 0; i < p->n_sel; i++)
		fprintf(out, "  pci:        %s\n", p->sel[i].text);
	for (size_t i = 0; i < p->n_hp; i++)
		fprintf(out, "  hugepages:  %s\n", p->hp[i].text);
	if (p->keep.kind == VMR_KEEP_BYTES)
		fprintf(out, "  keep:       %" PRIu64 " bytes per node\n",
			p->keep.value);
	else if (p->keep.kind == VMR_KEEP_PERCENT)
		fprintf(out, "  keep:       %" PRIu64 "%% of each node\n",
			p->keep.value);
	for (size_t i = 0; i < p->n_diag; i++)
		fprintf(out, "  %s:%s%s\n", p->diag[i].level == VMR_DIAG_ERROR ?
			"error" : "warning", p->diag[i].level == VMR_DIAG_ERROR ?
			"      " : "    ", p->diag[i].msg);
}

static void print_early(FILE *out, const struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;

	fputs("\nEarly boot (/run/vmreserve/state)\n", out);
	if (!e->present)
		fputs("  no record: vmreserve-early did not run\n", out);
	else if (e->read_error < 0)
		fprintf(out, "  unreadable: %s\n", strerror(-e->read_error));
	else {
		fprintf(out, "  %s: result %s, exit ", or_dash(e->writer),
			or_dash(e->result));
		if (e->exit_known)
			fprintf(out, "%d, ", e->exit);
		else
			fputs("unknown, ", out);
		if (e->total_known)
			fprintf(out, "%" PRIu64 " us\n", e->total_us);
		else
			fputs("unknown us\n", out);
	}
	if (e->truncated || e->cut)
		fputs("  truncated:  items after the last line are unknown\n",
		      out);
	if (e->n_bad)
		fprintf(out, "  bad lines:  %zu, first line %zu: %s\n", e->n_bad,
			e->bad_line, e->bad);
}

/* The record's status of an item: "-" none, "unknown" cut from the record. */
static const char *early_status(const struct vmr_report *r, const char *s)
{
	if (s && *s)
		return s;
	return r->early.truncated || r->early.cut ? "unknown" : "-";
}

static void print_iommu(FILE *out, const struct vmr_iommu *io)
{
	fprintf(out, "\nIOMMU\n  enabled:                 %s (%s, %u groups)\n",
		yes_no(io->enabled), io->dmar ? "DMAR" : io->ivrs ? "IVRS" :
		"no DMAR/IVRS table", io->groups);
	fprintf(out, "  interrupt remapping:     %s\n", io->irq_remap < 0 ?
		"unknown" : yes_no(io->irq_remap));
	fprintf(out, "  allow_unsafe_interrupts: %s\n",
		yes_no(io->unsafe_type1 || io->unsafe_iommufd));
}

static void print_device(FILE *out, const struct vmr_report *r,
			 const struct vmr_fn *f)
{
	const struct vmr_group *g = vmr_report_group(r, f->group);

	fprintf(out, "  %s %04x:%04x %s (selected by %s)\n", f->addr, f->vendor,
		f->device, vmr_class_name(f->class), r->plan.sel[f->sel].text);
	fprintf(out, "    driver:          %s\n", or_dash(f->driver));
	fprintf(out, "    driver_override: %s\n", or_dash(f->override));
	if (f->group >= 0)
		fprintf(out, "    iommu group:     %d (%s)\n", f->group,
			g && g->viable ? "viable" : "not viable");
	else
		fputs("    iommu group:     -\n", out);
	for (size_t k = 0; g && k < g->count; k++) {
		const struct vmr_fn *m = &r->fn[g->first + k];

		if (m->blocks && m->sel < 0)
			fprintf(out, "    blocked by:      %s %04x:%04x on %s\n",
				m->addr, m->vendor, m->device, m->driver);
	}
	fputs("    host drivers:    ", out);
	for (size_t k = 0; k < f->n_host; k++)
		fprintf(out, "%s%s", k ? " " : "", f->host[k]);
	if (!f->n_host)
		fputs(f->host_lookup < 0 ? "unknown (no module index)" : "-", out);
	fputc('\n', out);
	if (f->numa_node >= 0)
		fprintf(out, "    numa node:       %d\n", f->numa_node);
	else
		fputs("    numa node:       -\n", out);
	fprintf(out, "    boot vga:        %s\n", yes_no(f->boot_vga));
	fprintf(out, "    early status:    %s\n", early_status(r, f->early));
	fprintf(out, "    early why:       %s\n", or_dash(f->why));
	fprintf(out, "    in effect:       %s\n", yes_no(f->in_effect));
}

static void print_devices(FILE *out, const struct vmr_report *r)
{
	size_t idx[VMR_MAX_FN], n = vmr_report_selected(r, idx, VMR_MAX_FN);

	if (!n && (!r->plan.n_sel || r->plan.disabled))
		return;
	fputs("\nDevices\n", out);
	for (size_t i = 0; i < n; i++)
		print_device(out, r, &r->fn[idx[i]]);
	for (size_t i = 0; i < r->plan.n_sel; i++)
		if (!r->sel_hits[i] && !r->plan.disabled)
			fprintf(out, "  %s: matched no device\n",
				r->plan.sel[i].text);
}

static void print_count(FILE *out, bool asked, uint64_t v)
{
	if (asked)
		fprintf(out, " %9" PRIu64, v);
	else
		fputs("         -", out);
}

static void print_hugepages(FILE *out, const struct vmr_report *r)
{
	fputs("\nHugepages\n  node size     total      free   surplus "
	      "requested    target  level     early\n", out);
	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];
		char size[16];

		vmr_format_kb(size, sizeof(size), h->page_kb);
		fprintf(out, "  %4u %-5s %9" PRIu64 " %9" PRIu64 " %9" PRIu64,
			h->node, size, h->total, h->free, h->surplus);
		print_count(out, h->asked, h->requested);
		if (h->asked && !h->target_known)
			fputs("   unknown", out);
		else
			print_count(out, h->asked, h->target);
		fprintf(out, "  %-8s  %s\n", vmr_level_name(h->level),
			h->asked ? early_status(r, h->early) : "-");
	}
}

static void print_nodes(FILE *out, const struct vmr_report *r)
{
	fputs("\nNodes\n  node  mem_total_kb   mem_free_kb  cpus\n", out);
	for (size_t i = 0; i < r->n_node; i++) {
		const struct vmr_node *n = &r->node[i];

		fprintf(out, "  %4u %13" PRIu64 " %13" PRIu64 "  %s\n", n->id,
			n->mem_total_kb, n->mem_free_kb, or_dash(n->cpulist));
	}
}

static void print_advice(FILE *out, const struct vmr_report *r)
{
	if (!r->n_advice)
		return;
	fputs("\nAdvice\n", out);
	for (size_t i = 0; i < r->n_advice; i++) {
		const struct vmr_advice *a = &r->advice[i];

		fprintf(out, "  %s: %s\n", vmr_level_name(a->level), a->problem);
		if (a->fix[0])
			fprintf(out, "    fix: %s\n", a->fix);
	}
	if (r->n_advice_lost)
		fprintf(out, "  (%zu more not shown)\n", r->n_advice_lost);
}

void vmr_print_status_text(FILE *out, const struct vmr_report *r)
{
	fprintf(out, "vmreserve " VMR_VERSION ": %s: %zu of %zu asked items in "
		"effect (exit %d)\n", vmr_level_name(r->level), r->in_effect,
		r->asked, r->exit);
	print_cmdline(out, r);
	print_early(out, r);
	print_iommu(out, &r->iommu);
	print_devices(out, r);
	print_hugepages(out, r);
	print_nodes(out, r);
	print_advice(out, r);
}

void vmr_print_groups_text(FILE *out, const struct vmr_report *r)
{
	if (!r->iommu.enabled) {
		fputs("IOMMU is off: no IOMMU groups\n", out);
		return;
	}
	for (size_t i = 0; i < r->n_group; i++) {
		const struct vmr_group *g = &r->group[i];

		fprintf(out, "IOMMU group %d: %s\n", g->id,
			g->viable ? "viable" : "not viable");
		for (size_t k = 0; k < g->count; k++) {
			const struct vmr_fn *f = &r->fn[g->first + k];

			if (f->blocks)
				fprintf(out, "  %s [%04x:%04x] %-28s %-16s blocks\n",
					f->addr, f->vendor, f->device,
					vmr_class_name(f->class), or_dash(f->driver));
			else
				fprintf(out, "  %s [%04x:%04x] %-28s %s\n", f->addr,
					f->vendor, f->device,
					vmr_class_name(f->class), or_dash(f->driver));
		}
	}
	if (r->n_group_dropped)
		fprintf(out, "(%zu more groups not shown)\n", r->n_group_dropped);
}
