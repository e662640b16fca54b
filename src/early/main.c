/* SPDX-License-Identifier: MIT */
/*
 * vmreserve-early: run by the dracut pre-udev hook, before any driver is
 * loaded. Reserves hugepages on the requested nodes while memory is still
 * free and contiguous, then hands the selected PCI devices to vfio-pci.
 * It never stops the boot: every problem is logged and the rest goes on.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "clock.h"
#include "cmdline.h"
#include "hp_plan.h"
#include "log.h"
#include "bind.h"
#include "pci.h"
#include "reserve.h"
#include "record.h"
#include "sysroot.h"
#include "version.h"

#define CMDLINE_MAX 8192 /* COMMAND_LINE_SIZE is 2048..4096; room to spare */

enum { EXIT_ALL = 0, EXIT_PARTLY = 1, EXIT_CONFIG = 2 };

struct options {
	const char *sysroot;
	const char *cmdline;
	const char *modprobe;
	bool dry_run;
};

/* Everything lives here, not on the stack: no heap, fixed size. */
static struct {
	struct vmr_plan plan;
	struct vmr_pci pci;
	struct vmr_hp_result hp[VMR_MAX_HP];
	struct vmr_state state;
	char cmdline[CMDLINE_MAX];
} g;

static const char usage_text[] =
	"Usage: vmreserve-early [OPTION]...\n\n"
	"  --sysroot DIR    look up /proc, /sys, /run and /dev under DIR\n"
	"  --cmdline STR    parse STR instead of /proc/cmdline\n"
	"  --dry-run        print what would be done, write nothing\n"
	"  --modprobe PATH  modprobe to run (default /sbin/modprobe)\n"
	"  --help           show this help\n"
	"  --version        show the version\n\n"
	"Keys: rd.vmreserve.pci=SEL[,SEL...]  SEL: VVVV:DDDD | "
	"[DDDD:]BB:SS[.F]\n"
	"      rd.vmreserve.hugepages=NODE:AMOUNT[:PAGESIZE][,...]\n"
	"      rd.vmreserve.keep=SIZE|N%   rd.vmreserve=0\n\n"
	"Exit status: 0 all done, 1 partly done, 2 configuration errors.\n"
	"See vmreserve-early(8).\n";

/*
 * Terminal messages with write(2), not stdio: klibc's fprintf, fputs and
 * FILE writing code cost about 450 bytes of the size budget.
 */
static void say(int fd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void say(int fd, const char *fmt, ...)
{
	char buf[VMR_LOG_LINE];
	va_list ap;
	int n;
	ssize_t w;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	w = write(fd, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	(void)w;
}

static const char *default_modprobe(void)
{
	return access("/sbin/modprobe", X_OK) == 0 ? "/sbin/modprobe" :
	       "/usr/sbin/modprobe";
}

static int parse_args(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		bool missing = false;
		const char *v;

		if ((v = vmr_opt_value(argc, argv, &i, "--sysroot", &missing)))
			o->sysroot = v;
		else if ((v = vmr_opt_value(argc, argv, &i, "--cmdline", &missing)))
			o->cmdline = v;
		else if ((v = vmr_opt_value(argc, argv, &i, "--modprobe", &missing)))
			o->modprobe = v;
		else if (missing) {
			say(2, "vmreserve-early: %s needs a value\n", argv[i]);
			return -EINVAL;
		} else if (strcmp(argv[i], "--dry-run") == 0)
			o->dry_run = true;
		else if (strcmp(argv[i], "--help") == 0) {
			ssize_t w = write(1, usage_text, sizeof(usage_text) - 1);

			exit(w < 0);
		} else if (strcmp(argv[i], "--version") == 0) {
			say(1, "vmreserve-early " VMR_VERSION "\n");
			exit(0);
		} else {
			say(2, "vmreserve-early: unknown option '%s' "
			    "(see --help)\n", argv[i]);
			return -EINVAL;
		}
	}
	if (!o->modprobe)
		o->modprobe = default_modprobe();
	return 0;
}

static int read_cmdline(const struct vmr_root *root, const struct options *o)
{
	int r;

	if (o->cmdline) {
		snprintf(g.cmdline, sizeof(g.cmdline), "%s", o->cmdline);
		return 0;
	}
	r = vmr_read(root, "proc/cmdline", g.cmdline, sizeof(g.cmdline));
	if (r < 0)
		vmr_log(LOG_ERR, "cannot read /proc/cmdline: %s", vmr_strerror(-r));
	return r < 0 ? r : 0;
}

static void log_diags(const struct vmr_plan *plan)
{
	for (size_t i = 0; i < plan->n_diag; i++)
		vmr_log(plan->diag[i].level == VMR_DIAG_ERROR ? LOG_ERR :
			LOG_WARNING, "%s", plan->diag[i].msg);
	if (plan->n_diag_lost)
		vmr_log(LOG_ERR, "%zu more command-line problems not shown",
			plan->n_diag_lost);
}

static void log_plan(const struct vmr_plan *plan)
{
	char line[VMR_LOG_LINE] = "";
	size_t len = 0;

	for (size_t i = 0; i < plan->n_sel && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
					i ? "," : " pci=", plan->sel[i].text);
	for (size_t i = 0; i < plan->n_hp && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
					i ? "," : " hugepages=",
					plan->hp[i].text);
	vmr_log(LOG_INFO, "vmreserve-early " VMR_VERSION ": asked:%s",
		len ? line : " nothing valid");
}

static void record_keep(struct vmr_state *st, const struct vmr_keep *keep)
{
	if (keep->kind == VMR_KEEP_BYTES)
		vmr_state_add(st, "keep=%llu", (unsigned long long)keep->value);
	else if (keep->kind == VMR_KEEP_PERCENT)
		vmr_state_add(st, "keep=%llu%%",
			      (unsigned long long)keep->value);
	else
		vmr_state_add(st, "keep=default");
}

static void record_plan(struct vmr_state *st, const struct vmr_plan *plan)
{
	vmr_state_add(st, "disabled=%d", plan->disabled);
	record_keep(st, &plan->keep);
	vmr_state_add(st, "diag.count=%zu", plan->n_diag);
	vmr_state_add(st, "diag.lost=%zu", plan->n_diag_lost);
	vmr_state_add(st, "diag.errors=%zu", plan->n_errors);
	for (size_t i = 0; i < plan->n_diag; i++) {
		vmr_state_add(st, "diag.%zu=%s: %s", i,
			      plan->diag[i].level == VMR_DIAG_ERROR ?
			      "error" : "warning", plan->diag[i].msg);
	}
}

/* The page counts of a result, in the order the record lists them. */
static const struct {
	const char *name;
	size_t off;
} hp_counts[] = {
	{ "requested", offsetof(struct vmr_hp_result, requested) },
	{ "target", offsetof(struct vmr_hp_result, target) },
	{ "before", offsetof(struct vmr_hp_result, before) },
	{ "obtained", offsetof(struct vmr_hp_result, obtained) },
	{ "free_kb", offsetof(struct vmr_hp_result, free_kb) },
	{ "keep_kb", offsetof(struct vmr_hp_result, keep_kb) },
};

static void record_hugepages(struct vmr_state *st, const struct vmr_plan *plan)
{
	vmr_state_add(st, "hp.count=%zu", plan->n_hp);
	for (size_t i = 0; i < plan->n_hp; i++) {
		const struct vmr_hp_req *q = &plan->hp[i];
		const struct vmr_hp_result *r = &g.hp[i];

		vmr_state_add(st, "hp.%zu.entry=%s", i, q->text);
		vmr_state_add(st, "hp.%zu.node=%u", i, q->node);
		vmr_state_add(st, "hp.%zu.page_kb=%llu", i,
			      (unsigned long long)q->page_kb);
		for (size_t f = 0; f < sizeof(hp_counts) / sizeof(hp_counts[0]); f++)
			vmr_state_add(st, "hp.%zu.%s=%llu", i, hp_counts[f].name,
				      (unsigned long long)*(const uint64_t *)
				      ((const char *)r + hp_counts[f].off));
		vmr_state_add(st, "hp.%zu.retries=%u", i, r->retries);
		vmr_state_add(st, "hp.%zu.write_us=%llu", i,
			      (unsigned long long)r->write_us);
		vmr_state_add(st, "hp.%zu.status=%s", i,
			      vmr_hp_status_name(r->status));
	}
}

static void record_devices(struct vmr_state *st, const struct vmr_plan *plan,
			   const struct vmr_pci *pci)
{
	vmr_state_add(st, "sel.count=%zu", plan->n_sel);
	for (size_t i = 0; i < plan->n_sel; i++) {
		vmr_state_add(st, "sel.%zu=%s", i, plan->sel[i].text);
		vmr_state_add(st, "sel.%zu.matches=%u", i,
			      pci->sel_hits[i]);
	}
	vmr_state_add(st, "iommu=%s", plan->n_sel == 0 ? "unchecked" :
		      pci->iommu ? "on" : "off");
	vmr_state_add(st, "modprobe=%d", pci->modprobe_status);
	vmr_state_add(st, "dev.count=%zu", pci->n_dev);
	vmr_state_add(st, "dev.dropped=%zu", pci->n_dropped);
	for (size_t i = 0; i < pci->n_dev; i++) {
		const struct vmr_dev *d = &pci->dev[i];

		vmr_state_add(st, "dev.%zu.addr=%s", i, d->addr);
		vmr_state_add(st, "dev.%zu.id=%04x:%04x", i, d->vendor,
			      d->device);
		vmr_state_add(st, "dev.%zu.class=0x%06x", i, d->class);
		vmr_state_add(st, "dev.%zu.selector=%s", i,
			      plan->sel[d->sel].text);
		vmr_state_add(st, "dev.%zu.group=%d", i, d->group);
		vmr_state_add(st, "dev.%zu.boot_vga=%d", i, d->boot_vga);
		vmr_state_add(st, "dev.%zu.driver_before=%s", i,
			      d->driver_before);
		vmr_state_add(st, "dev.%zu.driver_after=%s", i,
			      d->driver_after);
		vmr_state_add(st, "dev.%zu.status=%s", i,
			      vmr_dev_status_name(d->status));
		vmr_state_add(st, "dev.%zu.why=%s", i, d->why);
	}
}

struct outcome {
	size_t hp_met, dev_bound;
	int exit;
	const char *result;
};

static struct outcome judge(const struct vmr_plan *plan,
			    const struct vmr_pci *pci)
{
	struct outcome o = { 0, 0, EXIT_ALL, "ok" };
	bool config = plan->n_errors > 0, partly = pci->n_warnings > 0 ||
		      pci->n_dropped > 0;

	for (size_t i = 0; i < plan->n_hp; i++) {
		enum vmr_hp_status s = g.hp[i].status;

		o.hp_met += s == VMR_HP_OK || s == VMR_HP_PLANNED;
		config |= s == VMR_HP_INVALID;
		partly |= s == VMR_HP_CLAMPED || s == VMR_HP_SHORT ||
			  s == VMR_HP_FAILED;
	}
	for (size_t i = 0; i < pci->n_dev; i++) {
		enum vmr_dev_status s = pci->dev[i].status;

		o.dev_bound += s == VMR_DEV_BOUND || s == VMR_DEV_PLANNED;
		config |= s == VMR_DEV_REFUSED;
		partly |= s == VMR_DEV_FAILED || s == VMR_DEV_NO_IOMMU ||
			  s == VMR_DEV_ROLLED_BACK;
	}
	if (config) {
		o.exit = EXIT_CONFIG;
		o.result = "config-error";
	} else if (partly) {
		o.exit = EXIT_PARTLY;
		o.result = "partial";
	}
	return o;
}

static void finish(const struct vmr_root *root, const struct options *opt,
		   const char *result, int code, uint64_t t0)
{
	uint64_t total = vmr_now_us() - t0, hp_us = 0;
	int r;

	for (size_t i = 0; i < g.plan.n_hp; i++)
		hp_us += g.hp[i].write_us;
	vmr_state_add(&g.state, "result=%s", result);
	vmr_state_add(&g.state, "exit=%d", code);
	vmr_state_add(&g.state, "time.hugepages_us=%llu",
		      (unsigned long long)hp_us);
	vmr_state_add(&g.state, "time.modprobe_us=%llu",
		      (unsigned long long)g.pci.modprobe_us);
	vmr_state_add(&g.state, "time.total_us=%llu",
		      (unsigned long long)total);
	if (opt->dry_run)
		return;
	r = vmr_state_write(root, &g.state);
	if (r < 0)
		vmr_log(LOG_ERR, "cannot write /" VMR_STATE_PATH ": %s",
			vmr_strerror(-r));
}

static int run(const struct vmr_root *root, const struct options *opt,
	       uint64_t t0)
{
	struct vmr_pci_opts popts = { opt->modprobe, opt->dry_run, g.cmdline };
	struct outcome o;

	vmr_cmdline_parse(g.cmdline, &g.plan);
	vmr_state_add(&g.state, "writer=vmreserve-early " VMR_VERSION);
	record_plan(&g.state, &g.plan);
	log_diags(&g.plan);
	if (g.plan.disabled) {
		vmr_log(LOG_INFO, "disabled by rd.vmreserve=0: nothing done");
		finish(root, opt, "disabled", EXIT_ALL, t0);
		return EXIT_ALL;
	}
	log_plan(&g.plan);
	vmr_hugepages_apply(root, &g.plan, g.hp, opt->dry_run);
	if (vmr_pci_scan(root, &g.plan, &g.pci) == 0)
		vmr_pci_bind(root, &g.pci, &popts);
	record_hugepages(&g.state, &g.plan);
	record_devices(&g.state, &g.plan, &g.pci);
	o = judge(&g.plan, &g.pci);
	vmr_log(o.exit == EXIT_ALL ? LOG_INFO : LOG_WARNING,
		"%s in %llu us: hugepages %zu/%zu entries %s, devices %zu/%zu "
		"%s, %zu command-line errors, exit %d", o.result,
		(unsigned long long)(vmr_now_us() - t0), o.hp_met, g.plan.n_hp,
		opt->dry_run ? "planned" : "met", o.dev_bound, g.pci.n_dev,
		opt->dry_run ? "planned" : "on " VMR_VFIO_DRIVER,
		g.plan.n_errors, o.exit);
	finish(root, opt, o.result, o.exit, t0);
	return o.exit;
}

int main(int argc, char **argv)
{
	uint64_t t0 = vmr_now_us();
	struct options opt = { 0 };
	struct vmr_root root;
	int r;

	if (parse_args(argc, argv, &opt) < 0)
		return EXIT_CONFIG;
	r = vmr_root_open(&root, opt.sysroot);
	if (r < 0) {
		say(2, "vmreserve-early: cannot open %s: %s\n",
		    opt.sysroot ? opt.sysroot : "/", vmr_strerror(-r));
		return EXIT_CONFIG;
	}
	vmr_log_setup(&root, opt.dry_run ? VMR_SINK_STDOUT : VMR_SINK_KMSG);
	vmr_state_init(&g.state);
	if (read_cmdline(&root, &opt) < 0) {
		finish(&root, &opt, "config-error", EXIT_CONFIG, t0);
		return EXIT_CONFIG;
	}
	r = run(&root, &opt, t0);
	vmr_root_close(&root);
	return r;
}
