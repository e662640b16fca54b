/* SPDX-License-Identifier: MIT */
/*
 * The status tool's side of core/log.h: the core's rules log what they
 * decide; after boot that goes to stderr, never to the kernel log. It is
 * also the tool's one way to say an error on stderr: messages carry input
 * (command-line tokens, config lines, paths under --sysroot, file names),
 * so the whole formatted line goes through the escaper (str.c): a root
 * terminal sees no C0, DEL, C1 or bidi control from them, each shown as
 * U+FFFD as on stdout.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "str.h"

void vmr_log_setup(const struct vmr_root *root, enum vmr_log_sink sink)
{
	(void)root;
	(void)sink;
}

void vmr_log(int prio, const char *fmt, ...)
{
	char line[VMR_LOG_LINE * 4], *msg = line;
	va_list ap, again;
	int n;

	(void)prio;
	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* a longer one (a path near PATH_MAX) whole, when memory allows */
	if (n >= (int)sizeof(line) && (msg = malloc((size_t)n + 1)))
		vsnprintf(msg, (size_t)n + 1, fmt, again);
	va_end(again);
	fputs("vmreserve: ", stderr);
	vmr_put_str(stderr, msg ? msg : line, VMR_STR_TEXT);
	fputc('\n', stderr);
	if (msg != line)
		free(msg);
}
