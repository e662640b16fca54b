/* SPDX-License-Identifier: MIT */
/*
 * vmreserve: the post-boot status tool. Did the boot-time reservation and
 * binding work, and if not why (status); is each IOMMU group usable
 * (groups); what libvirt XML fits this host (libvirt). Reads only (but for
 * the file of status --output); works as an unprivileged user.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "check_domain.h"
#include "check_domain_print.h"
#include "libvirt.h"
#include "log.h"
#include "out_file.h"
#include "report_print.h"
#include "root_in.h"
#include "status.h"
#include "suggest.h"
#include "suggest_print.h"
#include "sysroot.h"
#include "version.h"

enum command { CMD_STATUS, CMD_GROUPS, CMD_LIBVIRT, CMD_SUGGEST,
	       CMD_CHECK_DOMAIN };
enum format { FMT_TEXT, FMT_JSON, FMT_PROMETHEUS, FMT_QUIET, FMT_LINE };

struct options {
	const char *sysroot;
	const char *cmdline;
	enum command cmd;
	enum format fmt;
	const char *fmt_opt;  /* the option that chose fmt, for errors */
	struct vmr_lv_opts lv;
	const char *lv_opt;   /* first libvirt-only option seen */
	const char *lv_other; /* ... other than --vcpus (suggest takes it) */
	struct vmr_suggest_opts sg;
	const char *sg_opt;   /* first suggest-only option seen */
	const char *file;     /* check-domain's XML ("-": standard input) */
	const char *output;   /* status --output FILE (out_file.h) */
};

static struct vmr_report report; /* the plan and advice: not on the stack */
static struct vmr_suggest suggestion; /* holds a report too */

static void usage(FILE *out)
{
	fputs("Usage: vmreserve [--sysroot DIR] [--cmdline STR] [COMMAND] [OPTION]...\n"
	      "Show whether the rd.vmreserve.* boot-time hugepage reservation and\n"
	      "vfio-pci binding are in effect, and what to fix when not.\n\n"
	      "Commands:\n"
	      "  status       (default) what was asked, what vmreserve-early did,\n"
	      "               what the kernel has now, and advice\n"
	      "    --json         the same as JSON (schema in vmreserve(8))\n"
	      "    --prometheus   node_exporter textfile-collector metrics\n"
	      "    --quiet        print nothing; only the exit status\n"
	      "    --output FILE  write FILE whole (a new file renamed over it)\n"
	      "  groups       every IOMMU group with its devices, drivers and\n"
	      "               viability for VFIO\n"
	      "    --json         as JSON\n"
	      "  libvirt      libvirt domain XML for this host: CPU pinning on SMT\n"
	      "               sibling pairs of one node, NUMA, hugepages, hostdevs\n"
	      "    --node N       host NUMA node (default: the node holding the\n"
	      "                   reserved hugepages, else the first bound device's)\n"
	      "    --vcpus K      vCPUs (default: every full core of the node\n"
	      "                   but the first)\n"
	      "    --iothreads T  I/O threads (default 1)\n"
	      "    --full         a whole <domain> (passes virt-xml-validate)\n"
	      "  suggest DEVICE  the configuration that passes DEVICE's slot\n"
	      "               through here (DEVICE: 06:00, 0000:06:00.0 or an id\n"
	      "               like 10de:1c81 matching one device): kernel keys,\n"
	      "               /etc/vmreserve.conf lines, how to apply them,\n"
	      "               libvirt XML, and what status would warn about\n"
	      "    --memory SIZE  guest memory (512M, 12G; default: half of\n"
	      "                   the node's memory above its keep margin,\n"
	      "                   in whole GiB, at most what fits)\n"
	      "    --vcpus K      vCPUs (as for libvirt)\n"
	      "    --page-size 2M|1G  hugepage size (default 2M)\n"
	      "    --json         as JSON\n"
	      "  check-domain [FILE|-]  does this libvirt domain XML fit the host\n"
	      "               now: hostdevs on vfio-pci in viable groups, hugepages\n"
	      "               free on its nodes, vCPU pins (exit 0 fits, 1 warnings,\n"
	      "               2 does not fit, 3 unreadable XML)\n"
	      "    --json         as JSON\n"
	      "    --oneline      one line: the verdict and the worst finding\n"
	      "    --quiet        only the exit status\n\n"
	      "Options:\n"
	      "  --sysroot DIR  read /proc, /sys, /run and /lib/modules under DIR\n"
	      "  --cmdline STR  judge STR instead of /proc/cmdline\n"
	      "  --help         show this help\n"
	      "  --version      show the version\n\n"
	      "Exit status: 0 everything asked is in effect, 1 partly (warning),\n"
	      "2 not in effect (critical), 3 usage or internal error; suggest:\n"
	      "0 usable as printed, 1 with warnings, 2 cannot work.\n"
	      "See vmreserve(8).\n", out);
}

/* fmt is one of ours with one %s, arg input: logged through the escaper */
static int usage_error(const char *fmt, const char *arg)
{
	char what[512];

	snprintf(what, sizeof(what), fmt, arg);
	vmr_log(LOG_ERR, "%s (see vmreserve --help)", what);
	return -EINVAL;
}

static int parse_uint(const char *opt, const char *v, unsigned max,
		      unsigned *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || v[0] == '-' || n > max) {
		vmr_log(LOG_ERR, "%s '%s': want a number from 0 to %u", opt,
			v, max);
		return -EINVAL;
	}
	*out = (unsigned)n;
	return 0;
}

static int set_format(struct options *o, enum format f, const char *arg)
{
	if (o->fmt_opt && o->fmt != f) {
		vmr_log(LOG_ERR, "%s and %s exclude each other", o->fmt_opt,
			arg);
		return -EINVAL;
	}
	o->fmt = f;
	o->fmt_opt = arg;
	return 0;
}

static int libvirt_opt(int argc, char **argv, int *i, struct options *o,
		       bool *missing)
{
	const char *v;
	unsigned n;

	if ((v = vmr_opt_value(argc, argv, i, "--node", missing))) {
		if (parse_uint("--node", v, VMR_MAX_NODE, &n) < 0)
			return -EINVAL;
		o->lv.node = (int)n;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--node";
		o->lv_other = o->lv_other ? o->lv_other : "--node";
	} else if ((v = vmr_opt_value(argc, argv, i, "--vcpus", missing))) {
		if (parse_uint("--vcpus", v, 4096, &o->lv.vcpus) < 0)
			return -EINVAL;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--vcpus";
	} else if ((v = vmr_opt_value(argc, argv, i, "--iothreads", missing))) {
		if (parse_uint("--iothreads", v, 64, &o->lv.iothreads) < 0)
			return -EINVAL;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--iothreads";
		o->lv_other = o->lv_other ? o->lv_other : "--iothreads";
	} else if (strcmp(argv[*i], "--full") == 0) {
		o->lv.full = true;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--full";
		o->lv_other = o->lv_other ? o->lv_other : "--full";
	} else {
		return 0;
	}
	return 1;
}

/* A size with a binary unit: 512M, 12G, 1T (K too). */
static int parse_size(const char *opt, const char *v, uint64_t *kb)
{
	char *end;
	unsigned long long n;
	unsigned shift;

	errno = 0;
	n = strtoull(v, &end, 10);
	switch (*end) {
	case 'K': case 'k': shift = 0; break;
	case 'M': case 'm': shift = 10; break;
	case 'G': case 'g': shift = 20; break;
	case 'T': case 't': shift = 30; break;
	default: shift = 64;
	}
	if (errno || end == v || v[0] == '-' || shift == 64 || end[1] ||
	    n == 0 || n > (1ULL << 40) >> shift) {
		vmr_log(LOG_ERR, "%s '%s': want a size like 512M or 12G", opt,
			v);
		return -EINVAL;
	}
	*kb = (uint64_t)n << shift;
	return 0;
}

static int suggest_opt(int argc, char **argv, int *i, struct options *o,
		       bool *missing)
{
	const char *v;

	if ((v = vmr_opt_value(argc, argv, i, "--memory", missing))) {
		if (parse_size("--memory", v, &o->sg.memory_kb) < 0)
			return -EINVAL;
		o->sg.memory_arg = v;
		o->sg_opt = o->sg_opt ? o->sg_opt : "--memory";
	} else if ((v = vmr_opt_value(argc, argv, i, "--page-size", missing))) {
		if (strcmp(v, "2M") == 0 || strcmp(v, "2m") == 0)
			o->sg.page_kb = 2048;
		else if (strcmp(v, "1G") == 0 || strcmp(v, "1g") == 0)
			o->sg.page_kb = 1048576;
		else
			return usage_error("--page-size '%s': want 2M or 1G", v);
		o->sg_opt = o->sg_opt ? o->sg_opt : "--page-size";
	} else {
		return 0;
	}
	return 1;
}

static int parse_word(const char *arg, struct options *o, bool *have_cmd)
{
	static const struct {
		const char *name;
		enum command cmd;
	} cmds[] = { { "status", CMD_STATUS }, { "groups", CMD_GROUPS },
		     { "libvirt", CMD_LIBVIRT }, { "suggest", CMD_SUGGEST },
		     { "check-domain", CMD_CHECK_DOMAIN } };

	if (*have_cmd && o->cmd == CMD_SUGGEST && !o->sg.device) {
		o->sg.device = arg;
		return 0;
	}
	if (*have_cmd && o->cmd == CMD_CHECK_DOMAIN && !o->file) {
		o->file = arg;
		return 0;
	}
	if (*have_cmd)
		return usage_error("unexpected argument '%s'", arg);
	for (size_t k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++) {
		if (strcmp(arg, cmds[k].name) == 0) {
			o->cmd = cmds[k].cmd;
			*have_cmd = true;
			return 0;
		}
	}
	return usage_error("unknown command '%s': want status, groups, "
			   "libvirt, suggest or check-domain", arg);
}

static int parse_one(int argc, char **argv, int *i, struct options *o,
		     bool *have_cmd)
{
	const char *arg = argv[*i], *v;
	bool missing = false;
	int r;

	if ((v = vmr_opt_value(argc, argv, i, "--sysroot", &missing)))
		o->sysroot = v;
	else if ((v = vmr_opt_value(argc, argv, i, "--cmdline", &missing)))
		o->cmdline = v;
	else if ((v = vmr_opt_value(argc, argv, i, "--output", &missing)))
		o->output = v;
	else if ((r = libvirt_opt(argc, argv, i, o, &missing)) != 0)
		return r < 0 ? r : 0;
	else if ((r = suggest_opt(argc, argv, i, o, &missing)) != 0)
		return r < 0 ? r : 0;
	else if (missing)
		return usage_error("%s needs a value", arg);
	else if (strcmp(arg, "--json") == 0)
		return set_format(o, FMT_JSON, arg);
	else if (strcmp(arg, "--prometheus") == 0)
		return set_format(o, FMT_PROMETHEUS, arg);
	else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0)
		return set_format(o, FMT_QUIET, arg);
	else if (strcmp(arg, "--oneline") == 0)
		return set_format(o, FMT_LINE, arg);
	else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		usage(stdout);
		exit(0);
	} else if (strcmp(arg, "--version") == 0) {
		puts("vmreserve " VMR_VERSION);
		exit(0);
	} else if (arg[0] == '-' && arg[1])
		return usage_error("unknown option '%s'", arg);
	else
		return parse_word(arg, o, have_cmd);
	if (missing)
		return usage_error("%s needs a value", arg);
	return 0;
}

/* Options that only some commands take are errors elsewhere. */
static int check_combination(const struct options *o)
{
	if (o->output && (o->cmd != CMD_STATUS || o->fmt == FMT_QUIET))
		return usage_error("%s is an option of 'vmreserve status' "
				   "(text, --json or --prometheus)", "--output");
	if (o->cmd != CMD_SUGGEST && o->sg_opt)
		return usage_error("%s is an option of 'vmreserve suggest'",
				   o->sg_opt);
	if (o->cmd == CMD_SUGGEST) {
		if (!o->sg.device)
			return usage_error("%s: 'vmreserve suggest' needs a "
					   "DEVICE (06:00, 0000:06:00.0 or "
					   "10de:1c81)", "suggest");
		if (o->lv_other)
			return usage_error("%s is an option of 'vmreserve "
					   "libvirt'", o->lv_other);
		if (o->fmt_opt && o->fmt != FMT_JSON)
			return usage_error("'vmreserve suggest' takes --json "
					   "only, not %s", o->fmt_opt);
		return 0;
	}
	if (o->cmd != CMD_LIBVIRT && o->lv_opt)
		return usage_error("%s is an option of 'vmreserve libvirt'",
				   o->lv_opt);
	if (o->cmd == CMD_LIBVIRT && o->fmt_opt)
		return usage_error("'vmreserve libvirt' prints XML: %s does not "
				   "apply", o->fmt_opt);
	if (o->cmd != CMD_CHECK_DOMAIN && o->fmt == FMT_LINE)
		return usage_error("%s is an option of 'vmreserve check-domain'",
				   o->fmt_opt);
	if (o->cmd == CMD_CHECK_DOMAIN && o->fmt == FMT_PROMETHEUS)
		return usage_error("'vmreserve check-domain' takes --json, "
				   "--oneline or --quiet, not %s", o->fmt_opt);
	if (o->cmd == CMD_GROUPS && o->fmt != FMT_TEXT && o->fmt != FMT_JSON)
		return usage_error("'vmreserve groups' takes --json only, not %s",
				   o->fmt_opt);
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	bool have_cmd = false;

	o->lv.node = -1;
	o->lv.iothreads = 1;
	o->sg.page_kb = 2048;
	for (int i = 1; i < argc; i++)
		if (parse_one(argc, argv, &i, o, &have_cmd) < 0)
			return -EINVAL;
	return check_combination(o);
}

static int print_status(FILE *out, const struct options *o)
{
	switch (o->fmt) {
	case FMT_TEXT:
		vmr_print_status_text(out, &report);
		break;
	case FMT_JSON:
		vmr_print_status_json(out, &report);
		break;
	case FMT_PROMETHEUS:
		vmr_print_prometheus(out, &report);
		break;
	case FMT_QUIET:
	case FMT_LINE: /* check-domain only (check_combination) */
		break;
	}
	return report.exit;
}

/* --output: the exit status is the verdict's unless the file fails. */
static int status_to_file(const struct options *o)
{
	struct vmr_out_file f;
	int exit;

	if (vmr_out_open(&f, o->output) < 0)
		return VMR_EXIT_USAGE;
	exit = print_status(f.f, o);
	return vmr_out_commit(&f) < 0 ? VMR_EXIT_USAGE : exit;
}

/* check-domain: judge the file against the report, then print. */
static int run_check_domain(const struct vmr_root *root,
			    const struct options *o)
{
	static struct vmr_dcheck c;
	int r = vmr_check_domain_file(root, &report, o->file, &c);

	if (r)
		return r;
	switch (o->fmt) {
	case FMT_JSON:
		vmr_print_dc_json(stdout, &c);
		break;
	case FMT_LINE:
		vmr_print_dc_line(stdout, &c);
		break;
	case FMT_QUIET:
		break;
	default: /* text (--prometheus is refused for check-domain) */
		vmr_print_dc_text(stdout, &c);
		break;
	}
	return c.exit;
}

static int run_suggest(const struct vmr_root *root, const struct options *o,
		       const char *abs_root)
{
	struct vmr_suggest_opts so = o->sg;
	char err[512];
	int r;

	so.vcpus = o->lv.vcpus;
	so.sysroot = abs_root;
	so.cmdline = o->cmdline;
	r = vmr_suggest_build(root, &so, &suggestion, err, sizeof(err));
	if (r == -ENOTDIR) {
		vmr_log(LOG_ERR, "%s has no sys/ or proc/: not the root of a "
			"running system", o->sysroot ? o->sysroot : "/");
	} else if (r < 0) {
		vmr_log(LOG_ERR, "%s", err[0] ? err : strerror(-r));
	} else if (o->fmt == FMT_JSON) {
		vmr_print_suggest_json(stdout, &suggestion);
	} else {
		vmr_print_suggest_text(stdout, &suggestion);
	}
	vmr_suggest_free(&suggestion);
	return r < 0 ? VMR_EXIT_USAGE : suggestion.exit;
}

static int run(const struct vmr_root *root, const struct options *o,
	       const char *abs_root)
{
	/* check-domain needs no host-driver names: no module index read */
	struct vmr_report_opts ro = { abs_root, o->cmdline,
				      o->cmd == CMD_CHECK_DOMAIN, NULL };
	char err[512] = "";
	int r;

	if (o->cmd == CMD_SUGGEST)
		return run_suggest(root, o, abs_root);
	r = vmr_status_build(root, &ro, &report);

	if (r < 0) {
		vmr_log(LOG_ERR, "%s has no sys/ or proc/: not the root of a "
			"running system", o->sysroot ? o->sysroot : "/");
		return VMR_EXIT_USAGE;
	}
	switch (o->cmd) {
	case CMD_STATUS:
		return o->output ? status_to_file(o) : print_status(stdout, o);
	case CMD_GROUPS:
		if (o->fmt == FMT_JSON)
			vmr_print_groups_json(stdout, &report);
		else
			vmr_print_groups_text(stdout, &report);
		return 0;
	case CMD_LIBVIRT:
		r = vmr_libvirt_print(stdout, root, &report, &o->lv, err,
				      sizeof(err));
		if (r < 0)
			vmr_log(LOG_ERR, "%s", err[0] ? err : strerror(-r));
		return r < 0 ? VMR_EXIT_USAGE : 0;
	case CMD_CHECK_DOMAIN:
		return run_check_domain(root, o);
	case CMD_SUGGEST:
		break;
	}
	return VMR_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct vmr_root root;
	char abs_root[PATH_MAX];
	int r;

	if (parse_args(argc, argv, &o) < 0)
		return VMR_EXIT_USAGE;
	r = vmr_root_open(&root, o.sysroot);
	if (r == 0 && o.sysroot && !realpath(o.sysroot, abs_root))
		r = -errno;
	if (r == 0 && o.sysroot)
		vmr_root_confine(&root); /* a tree from elsewhere: stay in it */
	if (r < 0) {
		vmr_log(LOG_ERR, "--sysroot %s: %s", o.sysroot ? o.sysroot :
			"/", strerror(-r));
		return VMR_EXIT_USAGE;
	}
	r = run(&root, &o, o.sysroot ? abs_root : NULL);
	vmr_report_free(&report);
	vmr_root_close(&root);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		vmr_log(LOG_ERR, "cannot write the output: %s",
			strerror(errno));
		return VMR_EXIT_USAGE;
	}
	return r;
}
