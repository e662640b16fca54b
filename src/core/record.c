/* SPDX-License-Identifier: MIT */
#include "record.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void vmr_state_init(struct vmr_state *st)
{
	st->len = 0;
	st->overflow = false;
	st->buf[0] = '\0';
	vmr_state_add(st, "version=%d", VMR_STATE_VERSION);
}

void vmr_state_add(struct vmr_state *st, const char *fmt, ...)
{
	size_t room = sizeof(st->buf) - st->len, start = st->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(st->buf + start, room, fmt, ap);
	va_end(ap);
	/* +1: the newline replaces the NUL, and one more NUL must fit */
	if (n < 0 || (size_t)n + 1 >= room) {
		st->buf[start] = '\0';
		st->overflow = true;
		return;
	}
	for (char *p = st->buf + start; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	st->len = start + (size_t)n;
	st->buf[st->len++] = '\n';
	st->buf[st->len] = '\0';
}

int vmr_state_load(const struct vmr_root *root, struct vmr_state *st)
{
	int r = vmr_read(root, VMR_STATE_PATH, st->buf, sizeof(st->buf));

	st->overflow = r == -EFBIG;
	st->len = r < 0 ? 0 : (size_t)r;
	if (r < 0)
		st->buf[0] = '\0';
	return r < 0 ? r : 0;
}

const char *vmr_state_get(const struct vmr_state *st, const char *key,
			  char *val, size_t size)
{
	size_t klen = strlen(key);
	const char *found = NULL, *p = st->buf;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > klen && p[klen] == '=' && strncmp(p, key, klen) == 0)
			found = p;
		p += len + (eol != NULL);
	}
	if (!found || size == 0)
		return NULL;
	found += klen + 1;
	size_t n = strcspn(found, "\n");

	if (n >= size)
		n = size - 1;
	memcpy(val, found, n);
	val[n] = '\0';
	return val;
}
