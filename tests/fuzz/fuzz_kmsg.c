/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the kernel log's records (src/tool/read_kmsg.c):
 * a tree someone sent may hold any bytes as dev/kmsg (a regular file is
 * read as the log). The parse must stay in its buffers and its promises
 * (abort() otherwise): the verdict is "silent" or "ran", a reason is a
 * string within its field, and only a record naming "vmreserve: " can
 * say vmreserve-early ran, only one naming the failed write gives a
 * reason.
 *
 * Input: the file's bytes, as vmr_read_kmsg() reads them (8 KiB pieces).
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read_kmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static bool has(const uint8_t *data, size_t size, const char *s)
{
	return memmem(data, size, s, strlen(s)) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vmr_early_rec e;

	memset(&e, 0xa5, sizeof(e)); /* what was there before is not kept */
	vmr_kmsg_parse(&e, (const char *)data, size);
	check(e.klog == VMR_KLOG_SILENT || e.klog == VMR_KLOG_RAN);
	check(memchr(e.klog_reason, '\0', sizeof(e.klog_reason)) != NULL);
	if (e.klog == VMR_KLOG_RAN)
		check(has(data, size, ";vmreserve: "));
	if (e.klog_reason[0]) {
		check(e.klog == VMR_KLOG_RAN);
		check(has(data, size, "vmreserve: cannot write /"));
	}
	return 0;
}
