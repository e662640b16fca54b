/* SPDX-License-Identifier: MIT */
/*
 * The logging interface the core's rules call. Each program brings its own
 * sink: the early binary's is src/early/kmsg.c (described here), the
 * status tool's is src/tool/log.c (stderr).
 *
 * One line per action, in one write: "<N>vmreserve: ..." to /dev/kmsg with
 * the LOG_DAEMON facility, or "vmreserve: ..." to stderr when /dev/kmsg
 * cannot be opened (or stdout for --dry-run). /dev/kmsg rate-limits each
 * open file (printk.devkmsg=ratelimit), so it is reopened for every line.
 * Arguments may be input: the early sink shows every byte outside printable
 * ASCII as '?' (text.h), the tool's passes the line through its escaper
 * (src/tool/str.h); callers need not clean what they quote.
 */
#ifndef VMR_LOG_H
#define VMR_LOG_H

#include <syslog.h>

#include "sysroot.h"

#define VMR_LOG_LINE 320

enum vmr_log_sink {
	VMR_SINK_KMSG,   /* dev/kmsg under the root, stderr if it fails */
	VMR_SINK_STDERR,
	VMR_SINK_STDOUT,
};

void vmr_log_setup(const struct vmr_root *root, enum vmr_log_sink sink);

/* prio is a syslog level: LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO. */
void vmr_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Short description of an errno value. Our own small table: klibc's
 * strerror() carries every message and costs 4 KiB of a 36 KiB budget.
 */
const char *vmr_strerror(int err);

#endif
