/* SPDX-License-Identifier: MIT */
/*
 * Human printer over the report: sections in the order people ask their
 * questions (did it work, why not, what to do). Every fact shown here is a
 * field the JSON printer shows too; a value the tool could not read shows
 * as "unknown (cannot read /PATH: reason)", never as a fact.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hp_plan.h"
#include "read_kmsg.h"
#include "report_print.h"
#include "str.h"
#include "version.h"

/* A string from the machine (see vmr_put_str); "-" when empty. */
static void ts(FILE *out, const char *s)
{
	vmr_put_str(out, s && *s ? s : "-", VMR_STR_TEXT);
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

/* "unknown (cannot read /PATH: reason)" for a *_unread value. */
static void unknown(FILE *out, const struct vmr_report *r, unsigned k)
{
	char why[VMR_PATH_MAX + 64];

	vmr_unread_text(r, k, why, sizeof(why));
	fputs("unknown (", out);
	vmr_put_str(out, why, VMR_STR_TEXT);
	fputc(')', out);
}

static void print_cmdline(FILE *out, const struct vmr_report *r)
{
	const struct vmr_plan *p = &r->plan;

	char from[VMR_FROM_LEN];

	fputs("\nCommand line\n", out);
	fprintf(out, "  from:       %s\n",
		vmr_plan_origin_name(r->plan_from));
	for (size_t i = 0; i < p->n_args; i++) {
		fputs("  arg:        ", out);
		ts(out, p->arg[i].text);
		fprintf(out, " (%s)\n", vmr_from_text(p->arg[i].from, from));
	}
	if (p->n_args_lost)
		fprintf(out, "  args lost:  %zu\n", p->n_args_lost);
	if (r->cmdline_unread && r->plan_from == VMR_PLAN_PROC) {
		fputs("  ", out);
		unknown(out, r, r->cmdline_unread);
		fputs(": judged as if no key were given\n", out);
		return;
	}
	if (!p->any_key) {
		fputs("  no rd.vmreserve.* key\n", out);
		return;
	}
	if (p->disabled)
		fputs("  rd.vmreserve=0: disabled\n", out);
	/* each item with where it was asked: "(/etc/vmreserve.conf:3)" */
	for (size_t i = 0; i < p->n_sel; i++) {
		fputs("  pci:        ", out);
		ts(out, p->sel[i].text);
		fprintf(out, " (%s)\n", vmr_from_text(p->sel[i].from, from));
	}
	for (size_t i = 0; i < p->n_hp; i++) {
		fputs("  hugepages:  ", out);
		ts(out, p->hp[i].text);
		fprintf(out, " (%s)\n", vmr_from_text(p->hp[i].from, from));
	}
	if (p->keep.kind == VMR_KEEP_BYTES)
		fprintf(out, "  keep:       %" PRIu64 " bytes per node (%s)\n",
			p->keep.value, vmr_from_text(p->keep_from, from));
	else if (p->keep.kind == VMR_KEEP_PERCENT)
		fprintf(out, "  keep:       %" PRIu64 "%% of each node (%s)\n",
			p->keep.value, vmr_from_text(p->keep_from, from));
	for (size_t i = 0; i < p->n_diag; i++) {
		fputs(p->diag[i].level == VMR_DIAG_ERROR ? "  error:      " :
		      "  warning:    ", out);
		ts(out, p->diag[i].msg);
		fputc('\n', out);
	}
}

static void print_early(FILE *out, const struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;

	fputs("\nEarly boot (/run/vmreserve/state)\n", out);
	if (!e->present && e->klog == VMR_KLOG_RAN) {
		fputs("  no record: vmreserve-early ran, record not written: ",
		      out);
		ts(out, vmr_klog_reason(e));
		fputc('\n', out);
	} else if (!e->present) {
		fputs("  no record: vmreserve-early did not run", out);
		if (e->klog == VMR_KLOG_UNKNOWN)
			fprintf(out, " (kernel log unknown: cannot read "
				"/dev/kmsg: %s)", strerror(-e->klog_error));
		fputc('\n', out);
	} else if (e->read_error < 0) {
		fprintf(out, "  unreadable: %s\n", strerror(-e->read_error));
	} else {
		fputs("  ", out);
		ts(out, e->writer);
		fputs(": result ", out);
		ts(out, e->result);
		/* Unknown: no exit= line, or a number that did not parse. */
		if (e->exit_known)
			fprintf(out, ", exit %d, ", e->exit);
		else
			fputs(", exit unknown, ", out);
		if (e->total_known)
			fprintf(out, "%" PRIu64 " us\n", e->total_us);
		else
			fputs("unknown us\n", out);
	}
	if (e->truncated || e->cut)
		fputs("  truncated:  items after the last line are unknown\n",
		      out);
	if (e->n_bad) {
		fprintf(out, "  bad lines:  %zu, first line %zu: ", e->n_bad,
			e->bad_line);
		ts(out, e->bad);
		fputc('\n', out);
	}
}

/* The record's status of an item: "-" none, "unknown" cut from the record. */
static const char *early_status(const struct vmr_report *r, const char *s)
{
	if (s && *s)
		return s;
	return r->early.truncated || r->early.cut ? "unknown" : "-";
}

static void print_iommu(FILE *out, const struct vmr_report *r)
{
	const struct vmr_iommu *io = &r->iommu;

	fputs("\nIOMMU\n  enabled:                 ", out);
	if (!io->enabled && io->groups_unread) {
		unknown(out, r, io->groups_unread);
	} else {
		fprintf(out, "%s (", yes_no(io->enabled));
		if (io->acpi_unread && !io->dmar && !io->ivrs)
			fputs("ACPI tables unknown", out);
		else
			fputs(io->dmar ? "DMAR" : io->ivrs ? "IVRS" :
			      "no DMAR/IVRS table", out);
		if (io->groups_unread)
			fputs(", groups unknown)", out);
		else
			fprintf(out, ", %u groups)", io->groups);
	}
	fputs("\n  interrupt remapping:     ", out);
	if (io->irq_remap < 0)
		unknown(out, r, io->irq_unread);
	else
		fputs(yes_no(io->irq_remap), out);
	fputs("\n  allow_unsafe_interrupts: ", out);
	if (io->unsafe_unread && !io->unsafe_type1 && !io->unsafe_iommufd)
		unknown(out, r, io->unsafe_unread);
	else
		fputs(yes_no(io->unsafe_type1 || io->unsafe_iommufd), out);
	fputc('\n', out);
}

static void print_group_line(FILE *out, const struct vmr_report *r,
			     const struct vmr_fn *f, const struct vmr_group *g)
{
	fputs("    iommu group:     ", out);
	if (f->group < 0 && f->group_unread)
		unknown(out, r, f->group_unread);
	else if (f->group < 0)
		fputc('-', out);
	else if (g && g->viable && g->unread)
		fprintf(out, "%d (viability unknown)", f->group);
	else
		fprintf(out, "%d (%s)", f->group,
			g && g->viable ? "viable" : "not viable");
	fputc('\n', out);
}

static void print_id(FILE *out, const struct vmr_report *r,
		     const struct vmr_fn *f)
{
	if (f->id_unread)
		unknown(out, r, f->id_unread);
	else
		fprintf(out, "%04x:%04x %s", f->vendor, f->device,
			vmr_class_name(f->class));
}

static void print_device(FILE *out, const struct vmr_report *r,
			 const struct vmr_fn *f)
{
	const struct vmr_group *g = vmr_report_group(r, f->group);

	fprintf(out, "  %s ", f->addr);
	print_id(out, r, f);
	fputs(" (selected by ", out);
	ts(out, r->plan.sel[f->sel].text);
	fputs(")\n    driver:          ", out);
	if (f->driver_unread)
		unknown(out, r, f->driver_unread);
	else
		ts(out, f->driver);
	fputs("\n    driver_override: ", out);
	if (f->override_unread)
		unknown(out, r, f->override_unread);
	else
		ts(out, f->override);
	fputc('\n', out);
	print_group_line(out, r, f, g);
	for (size_t k = 0; g && k < g->count; k++) {
		const struct vmr_fn *m = &r->fn[g->first + k];

		if (m->blocks && m->sel < 0) {
			fprintf(out, "    blocked by:      %s %04x:%04x on ",
				m->addr, m->vendor, m->device);
			ts(out, m->driver);
			fputc('\n', out);
		}
	}
	fputs("    host drivers:    ", out);
	for (size_t k = 0; k < f->n_host; k++) {
		fputs(k ? " " : "", out);
		ts(out, f->host[k]);
	}
	if (!f->n_host)
		fputs(f->host_lookup < 0 ? "unknown (no module index)" : "-", out);
	fputs("\n    numa node:       ", out);
	if (f->numa_unread)
		unknown(out, r, f->numa_unread);
	else if (f->numa_node >= 0)
		fprintf(out, "%d", f->numa_node);
	else
		fputc('-', out);
	fprintf(out, "\n    boot vga:        %s\n", yes_no(f->boot_vga));
	fputs("    early status:    ", out);
	ts(out, early_status(r, f->early));
	fputs("\n    early why:       ", out);
	ts(out, f->why);
	fprintf(out, "\n    in effect:       %s\n", f->driver_unread ?
		"unknown" : yes_no(f->in_effect));
}

static void print_devices(FILE *out, const struct vmr_report *r)
{
	if (!r->n_selected && (!r->plan.n_sel || r->plan.disabled))
		return;
	fputs("\nDevices\n", out);
	if (r->devices_unread) {
		fputs("  ", out);
		unknown(out, r, r->devices_unread);
		fputc('\n', out);
	}
	for (size_t i = 0; i < r->n_selected; i++)
		print_device(out, r, &r->fn[r->selected[i]]);
	for (size_t i = 0; i < r->plan.n_sel; i++) {
		if (r->sel_hits[i] || r->plan.disabled || !vmr_report_listed_all(r))
			continue;
		fputs("  ", out);
		ts(out, r->plan.sel[i].text);
		fputs(": matched no device\n", out);
	}
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
		fprintf(out, "  %4u %-5s ", h->node, size);
		if (h->unread)
			fputs("  unknown   unknown   unknown", out);
		else
			fprintf(out, "%9" PRIu64 " %9" PRIu64 " %9" PRIu64,
				h->total, h->free, h->surplus);
		print_count(out, h->asked, h->requested);
		if (h->asked && !h->target_known)
			fputs("   unknown", out);
		else
			print_count(out, h->asked, h->target);
		fprintf(out, "  %-8s  ", vmr_level_name(h->level));
		ts(out, h->asked ? early_status(r, h->early) : "-");
		fputc('\n', out);
		if (h->unread) {
			fputs("       (", out);
			unknown(out, r, h->unread);
			fputs(")\n", out);
		}
	}
	/* A node whose sizes cannot be listed has no rows: say so. */
	for (size_t i = 0; i < r->n_node; i++) {
		if (!r->node[i].hp_unread)
			continue;
		fprintf(out, "  %4u ", r->node[i].id);
		unknown(out, r, r->node[i].hp_unread);
		fputc('\n', out);
	}
}

static void print_mem(FILE *out, const struct vmr_node *n)
{
	if (n->meminfo_unread)
		fputs("       unknown       unknown", out);
	else
		fprintf(out, " %13" PRIu64 " %13" PRIu64, n->mem_total_kb,
			n->mem_free_kb);
}

static void print_nodes(FILE *out, const struct vmr_report *r)
{
	fputs("\nNodes\n  node  mem_total_kb   mem_free_kb  cpus\n", out);
	if (r->nodes_unread) {
		fputs("  ", out);
		unknown(out, r, r->nodes_unread);
		fputc('\n', out);
	}
	for (size_t i = 0; i < r->n_node; i++) {
		const struct vmr_node *n = &r->node[i];

		fprintf(out, "  %4u", n->id);
		print_mem(out, n);
		fputs("  ", out);
		if (n->cpulist_unread)
			fputs("unknown", out);
		else
			ts(out, n->cpulist);
		fputc('\n', out);
	}
}

/* Every file that could not be read, once: the reasons behind "unknown". */
static void print_unreadable(FILE *out, const struct vmr_report *r)
{
	if (!r->n_unread && !r->n_unread_dropped)
		return;
	fputs("\nUnreadable\n", out);
	for (size_t i = 0; i < r->n_unread; i++) {
		fputs("  /", out);
		ts(out, r->unread[i].path);
		fprintf(out, ": %s\n", strerror(-r->unread[i].err));
	}
	if (r->n_unread_dropped)
		fprintf(out, "  (%zu more not named: out of memory)\n",
			r->n_unread_dropped);
}

static void print_advice(FILE *out, const struct vmr_report *r)
{
	if (!r->advice.n && !r->advice.lost)
		return;
	fputs("\nAdvice\n", out);
	vmr_advice_text(out, &r->advice);
}

static void print_conf(FILE *out, const struct vmr_report *r)
{
	const struct vmr_conf_check *c = &r->conf;

	fputs("\nConfig file (/etc/vmreserve.conf)\n  initramfs:  ", out);
	vmr_put_str(out, c->boot[0] ? c->boot : "unknown", VMR_STR_TEXT);
	fputs("\n  host:       ", out);
	vmr_put_str(out, c->now, VMR_STR_TEXT);
	if (c->now_err)
		fprintf(out, " (%s)", strerror(-c->now_err));
	fprintf(out, "\n  drift:      %s\n  rebuild:    ",
		vmr_conf_drift_name(c->drift));
	vmr_put_str(out, c->rebuild, VMR_STR_TEXT);
	fprintf(out, " (%s)\n", c->generator);
}

void vmr_print_status_text(FILE *out, const struct vmr_report *r)
{
	fprintf(out, "vmreserve " VMR_VERSION ": %s: %zu of %zu asked items in "
		"effect (exit %d)\n", vmr_level_name(r->level), r->in_effect,
		r->asked, r->exit);
	print_cmdline(out, r);
	print_early(out, r);
	print_conf(out, r);
	print_iommu(out, r);
	print_devices(out, r);
	print_hugepages(out, r);
	print_nodes(out, r);
	print_unreadable(out, r);
	print_advice(out, r);
}

/* A bounded list: its held items, then how many more it counted. */
static void iso_list(FILE *out, const char (*item)[VMR_BDF_LEN], size_t n)
{
	size_t held = n < VMR_ISO_MAX ? n : VMR_ISO_MAX;

	for (size_t i = 0; i < held; i++)
		fprintf(out, "%s%s", i ? ", " : "", item[i]);
	if (n > held)
		fprintf(out, " and %zu more", n - held);
}

/* Isolation (ACS), apart from viability (isolation.c). */
static void print_isolation(FILE *out, const struct vmr_group *g)
{
	fputs("  isolation: ", out);
	if (g->n_slot == 0) {
		fputs("isolated (bridges only)\n", out);
		return;
	}
	if (g->n_slot == 1) {
		fprintf(out, "isolated (one slot: %s)\n", g->slot[0]);
		return;
	}
	fprintf(out, "shared by %zu slots: ", g->n_slot);
	iso_list(out, g->slot, g->n_slot);
	if (g->n_port) {
		fputs("; no ACS isolation at ", out);
		iso_list(out, g->port, g->n_port);
	} else {
		fputs("; on a root bus without ACS between them", out);
	}
	fputc('\n', out);
}

void vmr_print_groups_text(FILE *out, const struct vmr_report *r)
{
	if (!r->iommu.enabled && r->iommu.groups_unread) {
		fputs("IOMMU groups: ", out);
		unknown(out, r, r->iommu.groups_unread);
		fputc('\n', out);
		return;
	}
	if (!r->iommu.enabled) {
		fputs("IOMMU is off: no IOMMU groups\n", out);
		return;
	}
	for (size_t i = 0; i < r->n_group; i++) {
		const struct vmr_group *g = &r->group[i];

		fprintf(out, "IOMMU group %d: %s\n", g->id, !g->viable ?
			"not viable" : g->unread ? "viability unknown" :
			"viable");
		print_isolation(out, g);
		for (size_t k = 0; k < g->count; k++) {
			const struct vmr_fn *f = &r->fn[g->first + k];

			fprintf(out, "  %s [%04x:%04x] %-28s ", f->addr,
				f->vendor, f->device, vmr_class_name(f->class));
			size_t len = f->driver[0] ? strlen(f->driver) : 1;

			if (f->driver_unread)
				unknown(out, r, f->driver_unread);
			else
				ts(out, f->driver);
			if (f->blocks)
				fprintf(out, "%*s blocks", len < 16 ?
					(int)(16 - len) : 0, "");
			fputc('\n', out);
		}
	}
	if (r->n_group_dropped)
		fprintf(out, "(%zu more groups not read: out of memory)\n",
			r->n_group_dropped);
}
