/* SPDX-License-Identifier: MIT */
/*
 * vmreserve-early logs to /dev/kmsg ("vmreserve: ...", LOG_DAEMON; see
 * src/early/kmsg.c). When it left no state record, status reads this
 * boot's kernel log for its lines: it may have run and failed to write the
 * record (/run not writable), which is not "did not run".
 *
 * Host-only (the status tool).
 */
#ifndef VMR_READ_KMSG_H
#define VMR_READ_KMSG_H

#include "report.h"
#include "sysroot.h"

/*
 * Fill e->klog, e->klog_error and e->klog_reason from dev/kmsg under the
 * root: records read non-blocking until EAGAIN (or the end of a regular
 * file, in a fixture tree), "PRI,SEQ,TS,FLAGS;MESSAGE" each. Bounded
 * (VMR_KMSG_MAX_BYTES, VMR_KMSG_MAX_RECORDS). An unreadable log is
 * VMR_KLOG_UNKNOWN, not an error.
 */
/* VMR_KLOG_RAN's reason for a person: the logged error, or that none was. */
const char *vmr_klog_reason(const struct vmr_early_rec *e);

/* The fix for a record vmreserve-early did not leave: by its reason. */
const char *vmr_klog_fix(const struct vmr_early_rec *e);

#define VMR_KMSG_MAX_BYTES   (16u << 20)
#define VMR_KMSG_MAX_RECORDS 200000u
void vmr_read_kmsg(const struct vmr_root *root, struct vmr_early_rec *e);

/*
 * The same parse over bytes in memory (a regular file's text, read in
 * the same 8 KiB pieces): e->klog is VMR_KLOG_SILENT or VMR_KLOG_RAN.
 * For the fuzzer (tests/fuzz/fuzz_kmsg.c).
 */
void vmr_kmsg_parse(struct vmr_early_rec *e, const char *data, size_t len);

#endif
