/* SPDX-License-Identifier: MIT */
/*
 * vmreserve: the post-boot status tool. Did the boot-time reservation and
 * binding work, and if not why (status); is each IOMMU group usable
 * (groups); what libvirt XML fits this host (libvirt). Reads only; works as
 * an unprivileged user.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "libvirt.h"
#include "report.h"
#include "sysroot.h"
#include "version.h"

enum command { CMD_STATUS, CMD_GROUPS, CMD_LIBVIRT };
enum format { FMT_TEXT, FMT_JSON, FMT_PROMETHEUS, FMT_QUIET };

struct options {
	const char *sysroot;
	const char *cmdline;
	enum command cmd;
	enum format fmt;
	const char *fmt_opt;  /* the option that chose fmt, for errors */
	struct vmr_lv_opts lv;
	const char *lv_opt;   /* first libvirt-only option seen */
};

static struct vmr_report report; /* the plan and advice: not on the stack */

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
	      "    --full         a whole <domain> (passes virt-xml-validate)\n\n"
	      "Options:\n"
	      "  --sysroot DIR  read /proc, /sys, /run and /lib/modules under DIR\n"
	      "  --cmdline STR  judge STR instead of /proc/cmdline\n"
	      "  --help         show this help\n"
	      "  --version      show the version\n\n"
	      "Exit status: 0 everything asked is in effect, 1 partly (warning),\n"
	      "2 not in effect (critical), 3 usage or internal error.\n"
	      "See vmreserve(8).\n", out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("vmreserve: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (see vmreserve --help)\n", stderr);
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
		fprintf(stderr, "vmreserve: %s '%s': want a number from 0 to "
			"%u\n", opt, v, max);
		return -EINVAL;
	}
	*out = (unsigned)n;
	return 0;
}

static int set_format(struct options *o, enum format f, const char *arg)
{
	if (o->fmt_opt && o->fmt != f) {
		fprintf(stderr, "vmreserve: %s and %s exclude each other\n",
			o->fmt_opt, arg);
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
	} else if ((v = vmr_opt_value(argc, argv, i, "--vcpus", missing))) {
		if (parse_uint("--vcpus", v, 4096, &o->lv.vcpus) < 0)
			return -EINVAL;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--vcpus";
	} else if ((v = vmr_opt_value(argc, argv, i, "--iothreads", missing))) {
		if (parse_uint("--iothreads", v, 64, &o->lv.iothreads) < 0)
			return -EINVAL;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--iothreads";
	} else if (strcmp(argv[*i], "--full") == 0) {
		o->lv.full = true;
		o->lv_opt = o->lv_opt ? o->lv_opt : "--full";
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
		     { "libvirt", CMD_LIBVIRT } };

	if (*have_cmd)
		return usage_error("unexpected argument '%s'", arg);
	for (size_t k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++) {
		if (strcmp(arg, cmds[k].name) == 0) {
			o->cmd = cmds[k].cmd;
			*have_cmd = true;
			return 0;
		}
	}
	return usage_error("unknown command '%s': want status, groups or "
			   "libvirt", arg);
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
	else if ((r = libvirt_opt(argc, argv, i, o, &missing)) != 0)
		return r < 0 ? r : 0;
	else if (missing)
		return usage_error("%s needs a value", arg);
	else if (strcmp(arg, "--json") == 0)
		return set_format(o, FMT_JSON, arg);
	else if (strcmp(arg, "--prometheus") == 0)
		return set_format(o, FMT_PROMETHEUS, arg);
	else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0)
		return set_format(o, FMT_QUIET, arg);
	else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		usage(stdout);
		exit(0);
	} else if (strcmp(arg, "--version") == 0) {
		puts("vmreserve " VMR_VERSION);
		exit(0);
	} else if (arg[0] == '-')
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
	if (o->cmd != CMD_LIBVIRT && o->lv_opt)
		return usage_error("%s is an option of 'vmreserve libvirt'",
				   o->lv_opt);
	if (o->cmd == CMD_LIBVIRT && o->fmt_opt)
		return usage_error("'vmreserve libvirt' prints XML: %s does not "
				   "apply", o->fmt_opt);
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
	for (int i = 1; i < argc; i++)
		if (parse_one(argc, argv, &i, o, &have_cmd) < 0)
			return -EINVAL;
	return check_combination(o);
}

static int print_status(const struct options *o)
{
	switch (o->fmt) {
	case FMT_TEXT:
		vmr_print_status_text(stdout, &report);
		break;
	case FMT_JSON:
		vmr_print_status_json(stdout, &report);
		break;
	case FMT_PROMETHEUS:
		vmr_print_prometheus(stdout, &report);
		break;
	case FMT_QUIET:
		break;
	}
	return report.exit;
}

static int run(const struct vmr_root *root, const struct options *o,
	       const char *abs_root)
{
	struct vmr_report_opts ro = { abs_root, o->cmdline, false, NULL };
	char err[512] = "";
	int r = vmr_report_build(root, &ro, &report);

	if (r < 0) {
		fprintf(stderr, "vmreserve: %s has no sys/ or proc/: not the "
			"root of a running system\n", o->sysroot ? o->sysroot :
			"/");
		return VMR_EXIT_USAGE;
	}
	switch (o->cmd) {
	case CMD_STATUS:
		return print_status(o);
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
			fprintf(stderr, "vmreserve: %s\n", err[0] ? err :
				strerror(-r));
		return r < 0 ? VMR_EXIT_USAGE : 0;
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
	if (r < 0) {
		fprintf(stderr, "vmreserve: --sysroot %s: %s\n",
			o.sysroot ? o.sysroot : "/", strerror(-r));
		return VMR_EXIT_USAGE;
	}
	r = run(&root, &o, o.sysroot ? abs_root : NULL);
	vmr_report_free(&report);
	vmr_root_close(&root);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "vmreserve: cannot write the output: %s\n",
			strerror(errno));
		return VMR_EXIT_USAGE;
	}
	return r;
}
