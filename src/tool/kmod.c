/* SPDX-License-Identifier: MIT */
#include "kmod.h"

#include <errno.h>
#include <libkmod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vmr_kmod {
	struct kmod_ctx *ctx;
};

/* libkmod logs to stderr by default; our caller reports errors itself. */
static void quiet_log(void *data, int priority, const char *file, int line,
		      const char *fn, const char *format, va_list args)
{
	(void)data, (void)priority, (void)file, (void)line, (void)fn;
	(void)format, (void)args;
}

int vmr_kmod_open(struct vmr_kmod **k, const struct vmr_root *root,
		  const char *sysroot)
{
	/* libkmod's own default list, and /usr/lib for merged-/usr hosts. */
	static const char *const conf_dirs[] = {
		"etc/modprobe.d", "run/modprobe.d", "usr/local/lib/modprobe.d",
		"usr/lib/modprobe.d", "lib/modprobe.d",
	};
	enum { N_CONF = sizeof(conf_dirs) / sizeof(conf_dirs[0]) };
	char release[128], dir[VMR_PATH_MAX * 2], conf[N_CONF][VMR_PATH_MAX * 2];
	const char *paths[N_CONF + 1];
	const char *base = sysroot ? sysroot : "";
	int r;

	*k = NULL;
	r = vmr_read(root, "proc/sys/kernel/osrelease", release,
		     sizeof(release));
	if (r < 0)
		return r;
	if (r == 0 || strchr(release, '/'))
		return -EINVAL;
	snprintf(dir, sizeof(dir), "lib/modules/%s/modules.alias.bin", release);
	if (!vmr_exists(root, dir))
		return -ENOENT;
	/* Paths for libkmod: the root's own, so --sysroot covers them too. */
	if ((size_t)snprintf(dir, sizeof(dir), "%s/lib/modules/%s", base,
			     release) >= sizeof(dir))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < N_CONF; i++) {
		snprintf(conf[i], sizeof(conf[i]), "%s/%s", base, conf_dirs[i]);
		paths[i] = conf[i];
	}
	paths[N_CONF] = NULL;
	*k = calloc(1, sizeof(**k));
	if (!*k)
		return -ENOMEM;
	(*k)->ctx = kmod_new(dir, paths);
	if (!(*k)->ctx) {
		free(*k);
		*k = NULL;
		return -ENOMEM;
	}
	kmod_set_log_fn((*k)->ctx, quiet_log, NULL);
	return 0;
}

void vmr_kmod_close(struct vmr_kmod *k)
{
	if (!k)
		return;
	kmod_unref(k->ctx);
	free(k);
}

static bool listed(char (*names)[48], size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

int vmr_kmod_lookup(struct vmr_kmod *k, const char *modalias,
		    char (*names)[48], size_t max)
{
	struct kmod_list *list = NULL, *it;
	size_t n = 0;
	int r = kmod_module_new_from_lookup(k->ctx, modalias, &list);

	if (r < 0)
		return r;
	kmod_list_foreach(it, list) {
		struct kmod_module *mod = kmod_module_get_module(it);
		const char *name = kmod_module_get_name(mod);

		if (n < max && name && !listed(names, n, name))
			snprintf(names[n++], 48, "%s", name);
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
	return (int)n;
}
