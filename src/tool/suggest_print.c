/* SPDX-License-Identifier: MIT */
/*
 * The printers of `vmreserve suggest`: text and JSON over one struct
 * vmr_suggest (suggest.c decides everything), so they cannot disagree.
 */
#include <stdio.h>
#include <string.h>

#include "hp_plan.h"
#include "report_print.h"
#include "str.h"
#include "suggest_print.h"

static const char *verdict_name(int exit)
{
	return exit == VMR_EXIT_CRITICAL ? "critical" :
	       exit == VMR_EXIT_WARNING ? "warning" : "ok";
}

static const char *node_why(const struct vmr_suggest *s)
{
	return s->node_from_device ? "the device's numa_node" :
	       "the device has no NUMA node: the node with the most free "
	       "memory";
}

/* ---- text --------------------------------------------------------------- */

static void text_fn(FILE *out, const struct vmr_report *r,
		    const struct vmr_fn *f, const char *lead)
{
	fprintf(out, "  %s%s [%04x:%04x] ", lead, f->addr, f->vendor,
		f->device);
	vmr_put_str(out, vmr_class_name(f->class), VMR_STR_TEXT);
	fputs(", driver ", out);
	vmr_put_str(out, f->driver[0] ? f->driver : "none", VMR_STR_TEXT);
	if (f->group >= 0)
		fprintf(out, ", IOMMU group %d", f->group);
	else
		fputs(", no IOMMU group", out);
	if (f->n_host) {
		fputs(", host driver", out);
		for (size_t k = 0; k < f->n_host; k++) {
			fputs(k ? ", " : " ", out);
			vmr_put_str(out, f->host[k], VMR_STR_TEXT);
		}
	}
	if (f->boot_vga)
		fputs(", boot VGA", out);
	fputc('\n', out);
	(void)r;
}

/* The slot's functions the keys leave, and the group members they add. */
static void text_gt(FILE *out, const struct vmr_suggest *s)
{
	const struct vmr_gt *gt = &s->gt;

	for (size_t i = 0; gt->split && i < gt->n_other; i++) {
		const struct vmr_fn *f = vmr_report_fn(&s->r, gt->other[i]);

		if (!f)
			continue;
		text_fn(out, &s->r, f, "not selected: ");
	}
	for (size_t i = 0; i < gt->n_extra; i++) {
		const struct vmr_fn *f = vmr_report_fn(&s->r, gt->extra[i]);

		if (!f)
			continue;
		text_fn(out, &s->r, f, "selected too: ");
	}
}

static bool viable_keys(const struct vmr_suggest *s)
{
	for (size_t i = 0; i < s->n_group; i++)
		if (!s->group[i].viable)
			return false;
	return true;
}

static void text_groups(FILE *out, const struct vmr_suggest *s)
{
	for (size_t i = 0; i < s->n_group; i++) {
		const struct vmr_sg_group *g = &s->group[i];

		fprintf(out, "IOMMU group %d: %s\n", g->id, !g->viable ?
			"not viable with these keys" : g->unknown ?
			"unknown (a member's driver cannot be read)" :
			g->n_binder ? "viable only via another binder (it "
			"holds a member on vfio-pci the keys leave)" :
			s->gt.split || s->gt.n_extra ? "viable once the keys' "
			"devices are on vfio-pci" :
			"viable once the slot is on vfio-pci");
		for (size_t b = 0; b < g->n_block; b++) {
			const struct vmr_fn *m = &s->r.fn[g->block[b]];

			fprintf(out, "  blocking: %s [%04x:%04x] on ", m->addr,
				m->vendor, m->device);
			vmr_put_str(out, m->driver[0] ? m->driver :
				    "no driver yet", VMR_STR_TEXT);
			fputc('\n', out);
		}
	}
}

static const char *limit_from_text(const struct vmr_suggest *s)
{
	return s->limit_from == VMR_SG_LIMIT_BOOT ? " of the free memory "
	       "measured at boot" : s->limit_from == VMR_SG_LIMIT_FREE_NOW ?
	       " of its free memory now less 256M for the initramfs; an upper "
	       "bound until vmreserve-early measures it at boot" : "";
}

static const char *memory_why(const struct vmr_suggest *s)
{
	return s->memory_from == VMR_SG_MEM_HALF ? ", the default: half of "
	       "the node's memory above its keep margin, in whole GiB; "
	       "--memory sets it" : s->memory_from == VMR_SG_MEM_LIMIT ?
	       ", the default: all that fits (less than half of the node's "
	       "memory above its keep margin); --memory sets it" : "";
}

static const char *memory_from_name(const struct vmr_suggest *s)
{
	return s->memory_from == VMR_SG_MEM_HALF ? "half_node" :
	       s->memory_from == VMR_SG_MEM_LIMIT ? "limit" : "option";
}

static void text_memory(FILE *out, const struct vmr_suggest *s)
{
	char mem[24], page[16], lim[24], keep[24], host[24], all[24], own[24];

	vmr_format_kb(mem, sizeof(mem), s->memory_kb);
	vmr_format_kb(page, sizeof(page), s->page_kb);
	vmr_format_kb(lim, sizeof(lim), s->limit_kb);
	vmr_format_kb(keep, sizeof(keep), s->keep_kb);
	vmr_format_kb(host, sizeof(host), s->host_kb + s->other_kb);
	vmr_format_kb(all, sizeof(all), s->host_kb + s->memory_kb);
	vmr_format_kb(own, sizeof(own), s->host_kb);
	fprintf(out, "NUMA node: %u (%s)\n", s->node, node_why(s));
	fprintf(out, "Memory: %s in %llu pages of %s on node %u%s (at most "
		"%s fits", mem, (unsigned long long)s->pages, page, s->node,
		memory_why(s), lim);
	if (s->host_kb + s->other_kb)
		fprintf(out, " beside the %s the host's plan reserves there",
			host);
	fprintf(out, ": the node keeps %s%s)\n", keep, limit_from_text(s));
	fprintf(out, "Host's plan: from %s\n", s->host_from);
	if (s->host_kb)
		fprintf(out, "Node %u: the keys ask %s of %s pages: the host's "
			"%s and this VM's %s\n", s->node, all, page,
			own, mem);
	for (size_t i = 0; i < s->n_empty; i++)
		fprintf(out, "Node %u: emptied (it holds %s pages from the "
			"kernel's hugepages=)\n", s->empty[i], page);
}

static void text_advice(FILE *out, const struct vmr_suggest *s)
{
	if (!s->advice.n && !s->advice.lost) {
		fputs("Advice: none\n", out);
		return;
	}
	fputs("Advice:\n", out);
	vmr_advice_text(out, &s->advice);
}

void vmr_print_suggest_text(FILE *out, const struct vmr_suggest *s)
{
	fprintf(out, "Device: ");
	vmr_put_str(out, s->device, VMR_STR_TEXT);
	fprintf(out, " -> slot %s%s", s->slot, s->gt.alone ? ", this "
		"function alone" : s->gt.split ? ", the GPU and its audio by "
		"function" : "");
	if (s->pinned)
		fprintf(out, ", pinned to %04x:%04x (function 0)",
			s->pin_vendor, s->pin_device);
	fputc('\n', out);
	for (size_t i = 0; i < s->n_fn; i++)
		text_fn(out, &s->r, &s->r.fn[s->fn[i]], "");
	text_gt(out, s);
	fprintf(out, "IOMMU: %s\n", s->iommu_on ? "on" : "off");
	text_groups(out, s);
	text_memory(out, s);
	fputs("\nThe keys below are the host's whole vmreserve configuration "
	      "(its own selectors\nand hugepage entries are in them): they "
	      "replace its rd.vmreserve keys. Put them\nin one place, the "
	      "command line or /etc/vmreserve.conf, and remove the old keys "
	      "from both.\n", out);
	fputs("Kernel command line:\n  ", out);
	vmr_put_str(out, s->keys, VMR_STR_TEXT);
	fputs("\n/etc/vmreserve.conf (the same keys, in place of the file's "
	      "own):\n  ", out);
	vmr_put_str(out, s->conf_pci, VMR_STR_TEXT);
	fputs("\n  ", out);
	vmr_put_str(out, s->conf_hp, VMR_STR_TEXT);
	if (s->conf_keep[0]) {
		fputs("\n  ", out);
		vmr_put_str(out, s->conf_keep, VMR_STR_TEXT);
	}
	fprintf(out, "\nApply (boot loader: %s, initramfs: %s):\n  1. ",
		s->hb.loader_name, s->hb.generator_name);
	vmr_put_str(out, s->apply, VMR_STR_TEXT);
	fprintf(out, "\n  2. rebuild the initramfs: %s\n", s->hb.rebuild);
	fputs("  3. reboot, then run: vmreserve status\n\n", out);
	text_advice(out, s);
	fprintf(out, "Verdict: %s (exit %d)\n%s\n", verdict_name(s->exit),
		s->exit, viable_keys(s) ? "" : "  not viable with these keys\n");
	if (s->xml)
		fprintf(out, "libvirt domain XML:\n%s", s->xml);
	else
		fputs("libvirt domain XML: none (see the advice)\n", out);
}

/* ---- JSON --------------------------------------------------------------- */

static void jstr(FILE *out, const char *key, const char *val, bool comma)
{
	fprintf(out, "\"%s\":", key);
	if (val)
		vmr_put_str(out, val, VMR_STR_JSON);
	else
		fputs("null", out);
	if (comma)
		fputc(',', out);
}

static void json_fn(FILE *out, const struct vmr_fn *f)
{
	char id[16], cls[16];

	snprintf(id, sizeof(id), "%04x:%04x", f->vendor, f->device);
	snprintf(cls, sizeof(cls), "0x%06x", f->class);
	fputc('{', out);
	jstr(out, "address", f->addr, true);
	jstr(out, "id", id, true);
	jstr(out, "class", cls, true);
	jstr(out, "class_name", vmr_class_name(f->class), true);
	jstr(out, "driver", f->driver[0] ? f->driver : NULL, true);
	if (f->group >= 0)
		fprintf(out, "\"iommu_group\":%d,", f->group);
	else
		fputs("\"iommu_group\":null,", out);
	fputs("\"host_drivers\":[", out);
	for (size_t k = 0; k < f->n_host; k++) {
		if (k)
			fputc(',', out);
		vmr_put_str(out, f->host[k], VMR_STR_JSON);
	}
	fprintf(out, "],\"boot_vga\":%s}", f->boot_vga ? "true" : "false");
}

static void json_groups(FILE *out, const struct vmr_suggest *s)
{
	fputs("\"groups\":[", out);
	for (size_t i = 0; i < s->n_group; i++) {
		const struct vmr_sg_group *g = &s->group[i];

		fprintf(out, "%s{\"group\":%d,\"viable\":%s,\"blocking\":[",
			i ? "," : "", g->id, g->unknown && g->viable ? "null" :
			g->viable ? "true" : "false");
		for (size_t b = 0; b < g->n_block; b++) {
			const struct vmr_fn *m = &s->r.fn[g->block[b]];

			fputs(b ? "," : "", out);
			fputc('{', out);
			jstr(out, "address", m->addr, true);
			jstr(out, "driver", m->driver[0] ? m->driver : NULL,
			     false);
			fputc('}', out);
		}
		/* Members the keys leave on vfio-pci: the group is viable
		 * only while their other binder stays (suggest.c). */
		fputs("],\"via_other_binder\":[", out);
		for (size_t b = 0; g->viable && b < g->n_binder; b++) {
			fputs(b ? "," : "", out);
			vmr_put_str(out, s->r.fn[g->binder[b]].addr,
				    VMR_STR_JSON);
		}
		fputs("]}", out);
	}
	fputs("],", out);
}

static void json_list(FILE *out, const struct vmr_suggest *s,
		      const char *key, const char (*addr)[VMR_BDF_LEN],
		      size_t n)
{
	size_t done = 0;

	fprintf(out, "\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		const struct vmr_fn *f = vmr_report_fn(&s->r, addr[i]);

		if (!f)
			continue;
		fputs(done++ ? "," : "", out);
		json_fn(out, f);
	}
	fputs("],", out);
}

/* The slot's other functions, the members the keys take too. */
static void json_gt(FILE *out, const struct vmr_suggest *s)
{
	fprintf(out, "\"function_selectors\":%s,\"function_alone\":%s,"
		"\"other_share_group\":%s,", s->gt.split ? "true" : "false",
		s->gt.alone ? "true" : "false",
		s->gt.other_shares ? "true" : "false");
	json_list(out, s, "other_functions", s->gt.other, s->gt.n_other);
	json_list(out, s, "also_selected", s->gt.extra, s->gt.n_extra);
	fprintf(out, "\"viable_with_keys\":%s,",
		viable_keys(s) ? "true" : "false");
}

static void json_memory(FILE *out, const struct vmr_suggest *s)
{
	fprintf(out, "\"node\":%u,\"node_from\":\"%s\",", s->node,
		s->node_from_device ? "device" : "most_free_memory");
	fprintf(out, "\"memory_from\":\"%s\",", memory_from_name(s));
	fprintf(out, "\"page_kb\":%llu,\"pages\":%llu,\"memory_kb\":%llu,"
		"\"limit_kb\":%llu,\"limit_from\":\"%s\",\"keep_kb\":%llu,",
		(unsigned long long)s->page_kb, (unsigned long long)s->pages,
		(unsigned long long)s->memory_kb,
		(unsigned long long)s->limit_kb,
		s->limit_from == VMR_SG_LIMIT_BOOT ? "boot_free" :
		s->limit_from == VMR_SG_LIMIT_FREE_NOW ? "free_now" :
		"node_total", (unsigned long long)s->keep_kb);
	fprintf(out, "\"host_kb\":%llu,\"host_other_kb\":%llu,",
		(unsigned long long)s->host_kb,
		(unsigned long long)s->other_kb);
	jstr(out, "host_plan_from", s->host_from, true);
	fputs("\"keys_replace_host\":true,\"empty_nodes\":[", out);
	for (size_t i = 0; i < s->n_empty; i++)
		fprintf(out, "%s%u", i ? "," : "", s->empty[i]);
	fputs("],", out);
}

static void json_apply(FILE *out, const struct vmr_suggest *s)
{
	jstr(out, "cmdline", s->keys, true);
	fputs("\"conf\":[", out);
	vmr_put_str(out, s->conf_pci, VMR_STR_JSON);
	fputc(',', out);
	vmr_put_str(out, s->conf_hp, VMR_STR_JSON);
	if (s->conf_keep[0]) {
		fputc(',', out);
		vmr_put_str(out, s->conf_keep, VMR_STR_JSON);
	}
	fputs("],\"initramfs\":{", out);
	jstr(out, "generator", s->hb.generator_name, true);
	jstr(out, "rebuild", s->hb.rebuild, false);
	fputs("},\"boot_loader\":{", out);
	jstr(out, "name", s->hb.loader_name, true);
	jstr(out, "file", s->hb.cmdline_file[0] ? s->hb.cmdline_file : NULL,
	     true);
	jstr(out, "apply", s->apply, false);
	fputs("},", out);
}

void vmr_print_suggest_json(FILE *out, const struct vmr_suggest *s)
{
	char pin[16];

	snprintf(pin, sizeof(pin), "%04x:%04x", s->pin_vendor, s->pin_device);
	fprintf(out, "{\"schema\":%d,", VMR_REPORT_SCHEMA);
	jstr(out, "device", s->device, true);
	jstr(out, "slot", s->slot, true);
	jstr(out, "pin", s->pinned ? pin : NULL, true);
	jstr(out, "selector", s->gt.sel, true);
	fputs("\"functions\":[", out);
	for (size_t i = 0; i < s->n_fn; i++) {
		if (i)
			fputc(',', out);
		json_fn(out, &s->r.fn[s->fn[i]]);
	}
	fprintf(out, "],\"iommu\":%s,", s->iommu_on ? "true" : "false");
	json_groups(out, s);
	json_gt(out, s);
	json_memory(out, s);
	json_apply(out, s);
	vmr_advice_json(out, &s->advice, NULL);
	fputc(',', out);
	jstr(out, "libvirt_xml", s->xml, true);
	fprintf(out, "\"verdict\":\"%s\",\"exit\":%d}\n", verdict_name(s->exit),
		s->exit);
}
