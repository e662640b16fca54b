/* SPDX-License-Identifier: MIT */
/*
 * Command-line options shared by vmreserve-early and vmreserve. Inline, like
 * clock.h: one small function, and the early binary's size budget keeps
 * it from growing a module of its own.
 */
#ifndef VMR_ARGS_H
#define VMR_ARGS_H

#include <stdbool.h>
#include <string.h>

/*
 * "--opt VALUE" or "--opt=VALUE" at argv[*i] (advancing *i past VALUE);
 * NULL when argv[*i] is not --opt, or, with *missing set, when VALUE is.
 */
static inline const char *vmr_opt_value(int argc, char **argv, int *i,
					const char *opt, bool *missing)
{
	size_t len = strlen(opt);
	const char *arg = argv[*i];

	if (strncmp(arg, opt, len) != 0)
		return NULL;
	if (arg[len] == '=')
		return arg + len + 1;
	if (arg[len] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

#endif
