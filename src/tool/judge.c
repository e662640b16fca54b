/* SPDX-License-Identifier: MIT */
/*
 * Judging the report (judge.h): the record, the plan's own problems, the
 * IOMMU's interrupt setup, other tools' keys, what could not be held;
 * the hugepages (judge_hp.c) and the PCI functions (judge_pci.c) have
 * their own files. Only reads the report and adds advice.
 */
#include "judge.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostboot.h"
#include "judge_hp.h"
#include "judge_pci.h"
#include "read_kmsg.h"
#include "pci.h"
#include "record.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long key cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static void judge_iommu(struct vmr_report *r, bool devices)
{
	const struct vmr_iommu *io = &r->iommu;

	if (io->unsafe_type1 || io->unsafe_iommufd)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "unless every guest is "
			   "trusted, drop allow_unsafe_interrupts=1 (kernel "
			   "command line or /etc/modprobe.d) and use a "
			   "platform with interrupt remapping",
			   "allow_unsafe_interrupts is set on %s: a guest can "
			   "send interrupts (MSI) to the host and to other "
			   "guests", io->unsafe_type1 ? "vfio_iommu_type1" :
			   "iommufd");
	else if (devices && io->enabled && io->irq_remap < 0) {
		char why[VMR_PATH_MAX + 64];

		/* Unknown is not off: worth knowing, no finding. */
		vmr_unread_text(r, io->irq_unread, why, sizeof(why));
		vmr_advise(&r->advice, VMR_LVL_NOTE, "if VFIO refuses to "
			   "attach a device, look for IR-PCI-MSI in "
			   "/proc/interrupts", "whether interrupt remapping is "
			   "on is unknown: %s", why);
	} else if (devices && io->enabled && io->irq_remap == 0)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "enable interrupt "
			   "remapping (x2APIC, VT-d / AMD-Vi) in the firmware; "
			   "if the kernel disables it for a chipset erratum "
			   "(Intel 5500/5520), only "
			   "vfio_iommu_type1.allow_unsafe_interrupts=1 works, "
			   "unsafe between untrusted guests", "interrupt "
			   "remapping is off: VFIO refuses to attach the "
			   "devices to a VM");
}

/*
 * Does some node hold hugepages nobody asked rd.vmreserve.hugepages for?
 * After the kernel's hugepages=N split, rd.vmreserve.hugepages=OTHER:0
 * empties the other nodes (the migration path): then the split is only
 * redundant, a note; pages left where no VM was planned are a risk.
 */
static bool unasked_pages(const struct vmr_report *r)
{
	if (r->plan.disabled)
		return true;
	for (size_t i = 0; i < r->n_hp; i++)
		if (!r->hp[i].asked && (r->hp[i].total || r->hp[i].unread))
			return true;
	return false;
}

static void judge_foreign(struct vmr_report *r)
{
	const struct vmr_foreign *f = &r->foreign;

	/* The blacklist and vfio-pci.ids keys: the checks (binders.c). */
	if (f->hugepages[0] && !strchr(f->hugepages, ':') && r->n_node > 1)
		vmr_advise(&r->advice, r->plan.n_hp && unasked_pages(r) ?
			   VMR_LVL_WARNING : VMR_LVL_NOTE, "remove hugepages=: "
			   "rd.vmreserve.hugepages=NODE:AMOUNT reserves on the "
			   "node the VM runs on", "hugepages=%s splits its "
			   "pages over all %zu nodes", f->hugepages, r->n_node);
}

/* What the report could not hold or read: named, never silent. */
void vmr_judge_limits(struct vmr_report *r)
{
	static const char *const what[] = { "PCI functions", "IOMMU groups",
					    "NUMA nodes", "hugepage sizes" };
	size_t lost[] = { r->n_fn_dropped, r->n_group_dropped,
			  r->n_node_dropped, r->n_hp_dropped };

	for (size_t i = 0; i < sizeof(lost) / sizeof(lost[0]); i++)
		if (lost[i])
			vmr_advise(&r->advice, VMR_LVL_WARNING, "free some "
				   "memory and run vmreserve again", "out of "
				   "memory: %zu %s not read, so not judged",
				   lost[i], what[i]);
	if (r->n_unread_dropped)
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "out of memory: %zu "
			   "more unreadable files not named",
			   r->n_unread_dropped);
}

static void judge_plan(struct vmr_report *r, const struct vmr_hostboot *hb)
{
	const struct vmr_plan *p = &r->plan;
	char conf_fix[VMR_ADVICE_LEN];

	/* The file reaches the boot only through this host's rebuild. */
	snprintf(conf_fix, sizeof(conf_fix), "fix the line in /" VMR_CONF_PATH
		 ", then rebuild the initramfs: %s (see vmreserve.conf(5))",
		 hb->rebuild);

	/* A malformed entry asked for something that is not in effect. */
	r->asked += p->n_errors;
	for (size_t i = 0; i < p->n_diag; i++) {
		bool err = p->diag[i].level == VMR_DIAG_ERROR;

		/* The config file's messages start with its path. */
		bool conf = strncmp(p->diag[i].msg, "/" VMR_CONF_PATH ":",
				    sizeof(VMR_CONF_PATH) + 1) == 0;

		vmr_advise(&r->advice, err ? VMR_LVL_CRITICAL : VMR_LVL_NOTE,
			   !err ? NULL : conf ? conf_fix : "fix the key on the kernel "
			   "command line (see vmreserve(8), KERNEL COMMAND "
			   "LINE)", "%s", p->diag[i].msg);
	}
	if (p->n_diag_lost)
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "%zu more "
			   "command-line problems not shown", p->n_diag_lost);
}

/* A record that is there but cannot be trusted whole is named. */
static void judge_record_lines(struct vmr_report *r)
{
	const struct vmr_early_rec *e = &r->early;

	if (e->n_bad)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "the record is written "
			   "by vmreserve-early only: check what else writes to "
			   "/run/vmreserve, and the boot's 'vmreserve:' log "
			   "lines", "/" VMR_STATE_PATH " line %zu: %s (%zu "
			   "line(s) not trusted)", e->bad_line, e->bad,
			   e->n_bad);
	if (e->truncated || e->cut)
		vmr_advise(&r->advice, VMR_LVL_NOTE, "what is not in the "
			   "record is shown as unknown; the kernel's view "
			   "below is complete", "the state record is %s: it "
			   "ends before all items", e->cut ? "larger than this "
			   "tool reads" : "truncated (truncated=1)");
	if (r->plan.n_args_lost && r->plan_from != VMR_PLAN_PROC)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "use fewer, shorter "
			   "rd.vmreserve parameters (lists take many entries)",
			   "%zu rd.vmreserve parameter(s) did not fit the "
			   "plan's list: what they ask is not judged",
			   r->plan.n_args_lost);
}

/* No record: this host's generator names the fix, or cannot serve. */
static void judge_no_record(struct vmr_report *r, const struct vmr_hostboot *hb)
{
	char fix[VMR_ADVICE_LEN], problem[VMR_ADVICE_LEN];

	if (r->early.klog == VMR_KLOG_RAN) {
		/* it ran: the hook is there, the writing failed */
		vmr_advise(&r->advice, VMR_LVL_WARNING, vmr_klog_fix(&r->early), "no /"
			   VMR_STATE_PATH ": vmreserve-early ran, record not "
			   "written: %s", vmr_klog_reason(&r->early));
		return;
	}
	if (!hb->supported) {
		vmr_hostboot_unsupported(hb, problem, sizeof(problem), fix,
					 sizeof(fix));
		vmr_advise(&r->advice, VMR_LVL_CRITICAL, fix, "no /"
			   VMR_STATE_PATH ": %s", problem);
		return;
	}
	snprintf(fix, sizeof(fix), "put vmreserve's %s hook in the initramfs "
		 "(%s; '%s | grep vmreserve' shows it) and reboot",
		 hb->generator == VMR_GEN_UNKNOWN ? "dracut or initramfs-tools"
		 : hb->generator_name, hb->rebuild, hb->list);
	vmr_advise(&r->advice, VMR_LVL_WARNING, fix, "no /" VMR_STATE_PATH
		   ": vmreserve-early did not run in this boot");
}

static void judge_record(struct vmr_report *r, const struct vmr_hostboot *hb)
{
	const struct vmr_early_rec *e = &r->early;

	if (e->present && e->read_error == 0)
		judge_record_lines(r);
	if (!r->plan.any_key || r->plan.disabled) {
		/* Nothing asked: worth knowing before keys are added. */
		if (!e->present && !hb->supported)
			vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "this host "
				   "builds its initramfs with %s: vmreserve "
				   "has hooks for " VMR_GEN_SUPPORTED " only",
				   hb->generator_name);
		return;
	}
	if (!e->present)
		judge_no_record(r, hb);
	else if (e->read_error < 0)
		vmr_advise(&r->advice, VMR_LVL_WARNING, NULL, "cannot read /"
			   VMR_STATE_PATH ": %s", strerror(-e->read_error));
	else if (e->version > VMR_STATE_VERSION)
		vmr_advise(&r->advice, VMR_LVL_NOTE, "install the same version "
			   "of vmreserve and its initramfs hook", "the state "
			   "record has format %u, newer than this tool's %d",
			   e->version, VMR_STATE_VERSION);
}

void vmr_judge_suggested(struct vmr_report *r)
{
	judge_iommu(r, true);
	judge_foreign(r);
}

void vmr_judge_status(const struct vmr_root *root, struct vmr_report *r)
{
	size_t n_sel = 0;
	struct vmr_hostboot hb;

	vmr_hostboot_detect(root, &hb);
	judge_record(r, &hb); /* a bad record is named even when disabled */
	/* The next boot's hook: a risk only where vmreserve is wanted. */
	vmr_hostboot_hooks(root, &hb, r->early.present || (r->plan.any_key &&
			   !r->plan.disabled) ? VMR_LVL_WARNING : VMR_LVL_NOTE,
			   &r->advice);
	if (r->plan.disabled) {
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "rd.vmreserve=0: "
			   "vmreserve did nothing at boot");
	} else {
		judge_plan(r, &hb);
		vmr_judge_hugepages(r);
		vmr_judge_devices(root, r);
		vmr_judge_pins(r);
		for (size_t i = 0; i < r->n_fn; i++)
			n_sel += r->fn[i].sel >= 0;
	}
	judge_iommu(r, n_sel > 0);
	judge_foreign(r);
	vmr_judge_keep(r);
}

void vmr_judge_verdict(struct vmr_report *r)
{
	/* Unknown is not "not in effect": at worst a warning. */
	if (r->asked && !r->in_effect && !r->partly && !r->unknown)
		r->exit = VMR_EXIT_CRITICAL;
	else if (r->in_effect < r->asked ||
		 r->advice.worst >= VMR_LVL_WARNING)
		r->exit = VMR_EXIT_WARNING;
	else
		r->exit = VMR_EXIT_OK;
	/* The verdict is the exit status; advice levels describe items. */
	r->level = r->exit == VMR_EXIT_CRITICAL ? VMR_LVL_CRITICAL :
		   r->exit == VMR_EXIT_WARNING ? VMR_LVL_WARNING : VMR_LVL_OK;
}
