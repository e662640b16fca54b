/* SPDX-License-Identifier: MIT */
#include "log.h"
#include "sysfs_write.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct vmr_root *log_root;
static enum vmr_log_sink log_sink = VMR_SINK_STDERR;

void vmr_log_setup(const struct vmr_root *root, enum vmr_log_sink sink)
{
	log_root = root;
	log_sink = sink;
}

static void write_line(int fd, const char *line, size_t len)
{
	ssize_t n;

	do
		n = write(fd, line, len);
	while (n < 0 && errno == EINTR);
}

void vmr_log(int prio, const char *fmt, ...)
{
	char line[VMR_LOG_LINE];
	size_t head, len;
	va_list ap;
	int n, fd = -1;

	if (log_sink == VMR_SINK_KMSG && log_root)
		fd = vmr_open_append(log_root, "dev/kmsg");
	/* "<NN>" (LOG_DAEMON: 24-31) is for /dev/kmsg only: one format */
	n = snprintf(line, sizeof(line), "<%d>vmreserve: ",
		     LOG_DAEMON | (prio & LOG_PRIMASK));
	head = n > 0 ? (size_t)n : 0;
	va_start(ap, fmt);
	n = vsnprintf(line + head, sizeof(line) - head - 1, fmt, ap);
	va_end(ap);
	len = head + (n < 0 ? 0 : (size_t)n);
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2; /* truncated: still one whole line */
	/*
	 * The arguments carry input (config lines, command-line tokens, the
	 * cut tail of a long source, file names): one pass over the whole
	 * message so no caller can forget, with text.h's rule ('?' for all
	 * but printable ASCII; our own formats are printable ASCII).
	 */
	for (size_t i = head; i < len; i++)
		if (!vmr_ascii_shown((unsigned char)line[i]))
			line[i] = '?';
	line[len++] = '\n';
	if (fd >= 0) {
		write_line(fd, line, len);
		close(fd);
		return;
	}
	write_line(log_sink == VMR_SINK_STDOUT ? 1 : 2, line + 4, len - 4);
}

