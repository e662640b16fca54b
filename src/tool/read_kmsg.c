/* SPDX-License-Identifier: MIT */
#include "read_kmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "record.h"
#include "root_in.h"
#include "text.h"

/* A record is at most 1 KiB of text and its dictionary: room for both. */
#define KMSG_BUF 8192

/* The messages vmreserve-early logs (src/early/main.c), after "vmreserve: ". */
#define PREFIX       "vmreserve: "
#define START        "vmreserve-early "
#define WRITE_FAILED "cannot write /" VMR_STATE_PATH ": "
#define SUMMARY      " us: hugepages "
#define DISABLED     "disabled by rd.vmreserve=0"

/* One record's first line, "PRI,SEQ,TS,FLAGS;MESSAGE", without its '\n'. */
static void take_line(struct vmr_early_rec *e, const char *line)
{
	const char *msg = strchr(line, ';');
	uint64_t pri;
	const char *end = vmr_scan_u64(line, 10, &pri);

	/* vmreserve-early logs as LOG_DAEMON; the kernel's own are 0 */
	if (!msg || !end || *end != ',' || pri >> 3 != LOG_DAEMON >> 3)
		return;
	msg++;
	if (strncmp(msg, PREFIX, strlen(PREFIX)) != 0)
		return;
	msg += strlen(PREFIX);
	if (strncmp(msg, WRITE_FAILED, strlen(WRITE_FAILED)) == 0) {
		e->klog = VMR_KLOG_RAN;
		snprintf(e->klog_reason, sizeof(e->klog_reason), "%s",
			 msg + strlen(WRITE_FAILED));
	} else if (strncmp(msg, START, strlen(START)) == 0 ||
		   strncmp(msg, DISABLED, strlen(DISABLED)) == 0 ||
		   vmr_find(msg, SUMMARY)) {
		e->klog = VMR_KLOG_RAN;
	}
}

/*
 * The complete lines of buf[0..len): records, and a record's dictionary
 * lines (" KEY=VALUE", skipped). Returns how many bytes were used; the
 * rest is a record cut by the read (a regular file), kept for the next.
 */
static size_t take_lines(struct vmr_early_rec *e, char *buf, size_t len,
			 unsigned *records)
{
	size_t used = 0;
	char *nl;

	while ((nl = memchr(buf + used, '\n', len - used))) {
		*nl = '\0';
		if (buf[used] != ' ') {
			take_line(e, buf + used);
			++*records;
		}
		used = (size_t)(nl - buf) + 1;
	}
	return used;
}

/*
 * The kernel log's device (char 1:11), or a regular file (a fixture tree,
 * a dump): not another device a tree someone sent may name dev/kmsg.
 */
static int is_kmsg(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode) || vmr_is_kmsg_dev(&st))
		return 0;
	return -ENODEV;
}

/* What is read and not yet taken: a record cut by a read, kept. */
struct kmsg_buf {
	char text[KMSG_BUF + 1];
	size_t keep;
	unsigned records;
};

/* n new bytes after what was kept: the complete lines are taken. */
static void take_read(struct vmr_early_rec *e, struct kmsg_buf *b, size_t n)
{
	size_t used;

	b->keep += n;
	used = take_lines(e, b->text, b->keep, &b->records);
	b->keep -= used;
	memmove(b->text, b->text + used, b->keep);
	if (b->keep == KMSG_BUF)
		b->keep = 0; /* no line end in 8 KiB: not a record */
}

/* The end: a file's last line without its '\n'. */
static void take_end(struct vmr_early_rec *e, struct kmsg_buf *b)
{
	b->text[b->keep] = '\0';
	if (b->keep)
		take_line(e, b->text);
}

/* Read until EAGAIN (the device) or the end (a file), within the bounds. */
static int read_records(struct vmr_early_rec *e, int fd)
{
	static struct kmsg_buf b;
	size_t total = 0;

	b.keep = 0;
	b.records = 0;
	while (total < VMR_KMSG_MAX_BYTES && b.records < VMR_KMSG_MAX_RECORDS) {
		ssize_t n = read(fd, b.text + b.keep, KMSG_BUF - b.keep);

		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue; /* EPIPE: records overwritten, go on */
		if (n < 0)
			return errno == EAGAIN ? 0 : -errno;
		if (n == 0)
			break;
		total += (size_t)n;
		take_read(e, &b, (size_t)n);
	}
	take_end(e, &b);
	return 0;
}

void vmr_kmsg_parse(struct vmr_early_rec *e, const char *data, size_t len)
{
	static struct kmsg_buf b;

	e->klog = VMR_KLOG_SILENT;
	e->klog_reason[0] = '\0';
	b.keep = 0;
	b.records = 0;
	while (len > 0 && b.records < VMR_KMSG_MAX_RECORDS) {
		size_t n = KMSG_BUF - b.keep < len ? KMSG_BUF - b.keep : len;

		memcpy(b.text + b.keep, data, n);
		data += n;
		len -= n;
		take_read(e, &b, n);
	}
	take_end(e, &b);
}

const char *vmr_klog_reason(const struct vmr_early_rec *e)
{
	return e->klog_reason[0] ? e->klog_reason :
	       "the kernel log names no reason";
}

const char *vmr_klog_fix(const struct vmr_early_rec *e)
{
	return e->klog_reason[0] ? "make /run writable in the initramfs (a "
	       "tmpfs, as dracut and initramfs-tools mount it) and reboot; "
	       "'dmesg | grep vmreserve:' shows what it did" : "check what "
	       "removes /" VMR_STATE_PATH " after boot; 'dmesg | grep "
	       "vmreserve:' shows what vmreserve-early did";
}

void vmr_read_kmsg(const struct vmr_root *root, struct vmr_early_rec *e)
{
	int r, fd = vmr_openat(root, "dev/kmsg", O_RDONLY | O_NONBLOCK);

	e->klog = VMR_KLOG_SILENT;
	e->klog_reason[0] = '\0';
	r = fd < 0 ? fd : is_kmsg(fd);
	if (r == 0)
		r = read_records(e, fd);
	if (fd >= 0)
		close(fd);
	if (r < 0 && e->klog != VMR_KLOG_RAN) {
		e->klog = VMR_KLOG_UNKNOWN;
		e->klog_error = r;
	}
}
