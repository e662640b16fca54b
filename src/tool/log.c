/* SPDX-License-Identifier: MIT */
/*
 * The status tool's side of core/log.h: the core's rules log what they
 * decide; after boot that goes to stderr, never to the kernel log.
 */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

void vmr_log_setup(const struct vmr_root *root, enum vmr_log_sink sink)
{
	(void)root;
	(void)sink;
}

void vmr_log(int prio, const char *fmt, ...)
{
	va_list ap;

	(void)prio;
	fputs("vmreserve: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
