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
#include "cmdline_src.h"
#include "hp_plan.h"
#include "log.h"
#include "bind.h"
#include "pci.h"
#include "reserve.h"
#include "record.h"
#include "sysroot.h"
#include "version.h"

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
	char text[VMR_CMDLINE_MAX]; /* one command-line source at a time */
	char proc[VMR_CMDLINE_MAX]; /* /proc/cmdline: the kernel's blacklists */
	const char *kernel;         /* proc, or --cmdline STR */
	/* the files of a cmdline.d: dracut installs a few; past 8 KiB of
	   names (some 300 files) the last in byte order are not read, each
	   named in the log (names.h) */
	char names[8192];
} g;

/* Options only: everything else is in the man page (size budget). */
static const char usage_text[] =
	"Usage: vmreserve-early [--sysroot DIR] [--cmdline STR] [--dry-run]\n"
	"  [--modprobe PATH] [--help] [--version]   (vmreserve-early(8))\n"
	"Exit status: 0 all done, 1 partly done, 2 configuration errors.\n";
static const char version_text[] = "vmreserve-early " VMR_VERSION "\n";

/*
 * Terminal messages go through vmr_log, whose sink is stderr until
 * vmr_log_setup ("vmreserve: ..."), not stdio: klibc's fprintf, fputs and
 * FILE writing code cost about 450 bytes of the size budget, and a
 * printf-like function of its own about 140.
 */
static void put(int fd, const char *text, size_t len)
{
	ssize_t w = write(fd, text, len);

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
			vmr_log(LOG_ERR, "%s needs a value", argv[i]);
			return -EINVAL;
		} else if (strcmp(argv[i], "--dry-run") == 0)
			o->dry_run = true;
		else if (strcmp(argv[i], "--help") == 0) {
			put(1, usage_text, sizeof(usage_text) - 1);
			exit(0);
		} else if (strcmp(argv[i], "--version") == 0) {
			put(1, version_text, sizeof(version_text) - 1);
			exit(0);
		} else {
			vmr_log(LOG_ERR, "unknown option '%s' (see --help)",
				argv[i]);
			return -EINVAL;
		}
	}
	if (!o->modprobe)
		o->modprobe = default_modprobe();
	return 0;
}

/*
 * Every source of the plan, as the core's table orders them (cmdline_src.h:
 * the config file, then the command-line sources, the boot loader's last).
 * The config file's fingerprint goes into the record, for the status tool
 * to compare with the host's file. Without /proc/cmdline nothing is done:
 * it may hold rd.vmreserve=0.
 */
static int read_cmdline(const struct vmr_root *root, const struct options *o)
{
	struct vmr_plan_load l = {
		.where = VMR_IN_INITRAMFS, .cmdline = o->cmdline,
		.text = g.text, .proc = g.proc,
		.names = g.names, .names_size = sizeof(g.names),
		.report = true,
	};
	int r = vmr_plan_load(root, &l, &g.plan);

	g.kernel = o->cmdline ? o->cmdline : g.proc;
	vmr_state_put(&g.state, VMR_K_CONF, 0, l.conf_fp, 0);
	return r;
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
		/* --dry-run: a planned clamp is partial, as it will be */
		partly |= s == VMR_HP_CLAMPED || s == VMR_HP_SHORT ||
			  s == VMR_HP_FAILED || g.hp[i].target < g.hp[i].requested;
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
		   const char *result, int code, uint64_t t0, bool acted)
{
	struct vmr_run run = { &g.plan, g.hp, &g.pci,
			       { 0, g.pci.modprobe_us, vmr_now_us() - t0 },
			       result, code, acted };
	int r;

	for (size_t i = 0; i < g.plan.n_hp; i++)
		run.time_us[0] += g.hp[i].write_us;
	vmr_record_fill(&g.state, &run);
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
	struct vmr_pci_opts popts = { opt->modprobe, opt->dry_run, g.kernel };
	struct outcome o;

	log_diags(&g.plan);
	if (g.plan.disabled) {
		vmr_log(LOG_INFO, "disabled by rd.vmreserve=0: nothing done");
		finish(root, opt, "disabled", EXIT_ALL, t0, false);
		return EXIT_ALL;
	}
	log_plan(&g.plan);
	vmr_hugepages_apply(root, &g.plan, g.hp, opt->dry_run);
	if (vmr_pci_scan(root, &g.plan, &g.pci) == 0)
		vmr_pci_bind(root, &g.pci, &popts);
	o = judge(&g.plan, &g.pci);
	vmr_log(o.exit == EXIT_ALL ? LOG_INFO : LOG_WARNING,
		"%s in %llu us: hugepages %zu/%zu entries %s, devices %zu/%zu "
		"%s, %zu command-line errors, exit %d", o.result,
		(unsigned long long)(vmr_now_us() - t0), o.hp_met, g.plan.n_hp,
		opt->dry_run ? "planned" : "met", o.dev_bound, g.pci.n_dev,
		opt->dry_run ? "planned" : "on " VMR_VFIO_DRIVER,
		g.plan.n_errors, o.exit);
	finish(root, opt, o.result, o.exit, t0, true);
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
		vmr_log(LOG_ERR, "cannot open %s: %s",
			opt.sysroot ? opt.sysroot : "/", vmr_strerror(-r));
		return EXIT_CONFIG;
	}
	vmr_log_setup(&root, opt.dry_run ? VMR_SINK_STDOUT : VMR_SINK_KMSG);
	vmr_state_init(&g.state);
	vmr_state_put(&g.state, VMR_K_WRITER, 0, "vmreserve-early " VMR_VERSION,
		      0);
	if (read_cmdline(&root, &opt) < 0) {
		finish(&root, &opt, "config-error", EXIT_CONFIG, t0, false);
		return EXIT_CONFIG;
	}
	r = run(&root, &opt, t0);
	vmr_root_close(&root);
	return r;
}
