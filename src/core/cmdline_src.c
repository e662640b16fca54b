/* SPDX-License-Identifier: MIT */
#include "cmdline_src.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "log.h"
#include "names.h"

int vmr_read_params(const struct vmr_root *root, const char *path, char *buf,
		    size_t size, char **lost)
{
	int r = vmr_read(root, path, buf, size);

	*lost = NULL;
	if (r != -EFBIG)
		return r;
	/* Never a piece of a parameter: "rd.vmreserve.keep=1" of "=10G". */
	*lost = buf + vmr_cmdline_cut(buf);
	return (int)size - 1;
}

int vmr_conf_read(const struct vmr_root *root, bool follow, char *buf,
		  char fp[VMR_CONF_FP_LEN])
{
	/* O_NONBLOCK: a FIFO put there cannot hang the boot */
	int r = vmr_read_flags(root, VMR_CONF_PATH, O_NONBLOCK |
			       (follow ? 0 : O_NOFOLLOW), buf, VMR_CONF_MAX + 1);
	uint32_t h = 2166136261u;

	if (r < 0) {
		strcpy(fp, r == -ENOENT ? "absent" : "skipped");
		return r;
	}
	for (int i = 0; i < r; i++)
		h = (h ^ (unsigned char)buf[i]) * 16777619u;
	snprintf(fp, VMR_CONF_FP_LEN, "%d:%08x", r, (unsigned)h);
	return r;
}

#define BOTH (VMR_IN_INITRAMFS | VMR_ON_HOST)

const struct vmr_plan_src vmr_plan_srcs[VMR_N_PLAN_SRC] = {
	{ VMR_SK_RECORD, VMR_SRC_COUNT, VMR_ON_HOST },
	{ VMR_SK_CONF, VMR_SRC_CONF, BOTH },
	{ VMR_SK_DIR, VMR_SRC_CMDLINE_D, VMR_IN_INITRAMFS },
	{ VMR_SK_FILE, VMR_SRC_ETC_CMDLINE, VMR_IN_INITRAMFS },
	{ VMR_SK_FILE, VMR_SRC_PROC, BOTH },
	{ VMR_SK_DIR, VMR_SRC_RUN_D, VMR_IN_INITRAMFS },
};

/*
 * One file into the plan. A missing optional file is normal; any other
 * problem is reported (l->report) and the other sources still apply. A
 * source longer than the buffer keeps its whole parameters: the rest is
 * named, and counts as an error. The config file is read whole or not at
 * all (then its keys are missing: an error too).
 */
static int add_file(const struct vmr_root *root, struct vmr_plan_load *l,
		    struct vmr_plan *plan, const char *path, enum vmr_src src)
{
	/* /proc/cmdline is kept: the kernel's own keys are read in it */
	char *lost = NULL, *text = src == VMR_SRC_PROC ? l->proc : l->text;
	int r = src == VMR_SRC_CONF ?
		vmr_conf_read(root, l->where == VMR_ON_HOST, text, l->conf_fp) :
		vmr_read_params(root, path, text, VMR_CMDLINE_MAX, &lost);

	if (src == VMR_SRC_CONF)
		l->conf_r = r;
	if (r == -ENOENT && src != VMR_SRC_PROC)
		return 0;
	if (r < 0) {
		if (l->report) {
			plan->n_errors += src == VMR_SRC_CONF;
			vmr_log(LOG_ERR, "cannot read /%s: %s", path,
				vmr_strerror(-r));
		}
		return r;
	}
	if (lost) {
		if (l->report) {
			plan->n_errors++;
			vmr_log(LOG_ERR, "/%s: too long, ignored from '%.40s'",
				path, lost);
		}
		*lost = '\0';
	}
	if (src == VMR_SRC_CONF)
		vmr_plan_add_conf_file(plan, text);
	else
		vmr_plan_add(plan, text, src);
	return 0;
}

/* What a dropped cmdline.d name needs to be named in the log. */
struct dir_walk {
	struct vmr_names names;
	struct vmr_plan_load *l;
	struct vmr_plan *plan;
	const char *dir;
};

/*
 * A name past the buffer: its parameters are not read, like a source's
 * cut tail, so named and counted as an error (the early binary's rule).
 */
static void drop_name(const char *name, void *ctx)
{
	struct dir_walk *w = ctx;

	if (!w->l->report)
		return;
	w->plan->n_errors++;
	vmr_log(LOG_ERR, "/%s/%.80s: not read (the names before it fill "
		"%zu bytes)", w->dir, name, w->l->names_size);
}

/* DIR/[!.]*.conf, the first names in byte order that fit (names.h). */
static int collect_conf(const char *name, void *ctx)
{
	struct dir_walk *w = ctx;
	size_t n = strlen(name);

	if (name[0] != '.' && n > 5 && strcmp(name + n - 5, ".conf") == 0)
		vmr_names_add(&w->names, name);
	return 0;
}

/* ... read in byte order, as the shell's glob sorts them (C locale). */
static void add_dir(const struct vmr_root *root, struct vmr_plan_load *l,
		    struct vmr_plan *plan, enum vmr_src src)
{
	static struct dir_walk w; /* a name's copy: not on the stack */
	const char *name = "";
	char path[VMR_PATH_MAX];

	w = (struct dir_walk){ .names = { l->names, l->names_size, 0,
			       drop_name, &w, "", 0 },
			       .l = l, .plan = plan,
			       .dir = vmr_src_path(src) + 1 };
	vmr_foreach_dir(root, w.dir, collect_conf, &w);
	while ((name = vmr_names_next(&w.names, name)))
		if (vmr_path(path, "%s/%s", w.dir, name) == 0)
			add_file(root, l, plan, path, src);
}

/* One row; -EIO when it is proc/cmdline and it cannot be read. */
static int add_row(const struct vmr_root *root, struct vmr_plan_load *l,
		   struct vmr_plan *plan, const struct vmr_plan_src *row)
{
	enum vmr_src src = (enum vmr_src)row->src;

	switch (row->kind) {
	case VMR_SK_RECORD:
		l->from_record = l->record && l->record(plan, l->ctx);
		return 0;
	case VMR_SK_DIR:
		add_dir(root, l, plan, src);
		return 0;
	}
	if (src == VMR_SRC_PROC && l->cmdline) {
		vmr_plan_add(plan, l->cmdline, VMR_SRC_PROC);
		return 0;
	}
	return add_file(root, l, plan, vmr_src_path(src) + 1, src) < 0 &&
	       src == VMR_SRC_PROC ? -EIO : 0;
}

int vmr_plan_load(const struct vmr_root *root, struct vmr_plan_load *l,
		  struct vmr_plan *plan)
{
	vmr_plan_init(plan);
	l->from_record = false;
	l->conf_r = -ENOENT;
	strcpy(l->conf_fp, "absent");
	for (size_t i = 0; i < VMR_N_PLAN_SRC && !l->from_record; i++) {
		if (!(vmr_plan_srcs[i].where & l->where))
			continue;
		if (add_row(root, l, plan, &vmr_plan_srcs[i]) < 0)
			return -EIO;
	}
	return 0;
}
