/* SPDX-License-Identifier: MIT */
#include "record.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define VMR_REC_NAME(id, name, type, count, max, meaning) name "\0"
const char vmr_rec_names[] = VMR_RECORD_KEYS(VMR_REC_NAME);
#undef VMR_REC_NAME

#define VMR_REC_ROW(id, name, type, count, max, meaning) \
	VMR_REC_SPEC(VMR_RT_##type, max),
const unsigned short vmr_rec_spec[VMR_K_COUNT] = {
	VMR_RECORD_KEYS(VMR_REC_ROW)
};
#undef VMR_REC_ROW

#define VMR_REC_ROW(id, name, type, count, max, meaning) count,
const unsigned char vmr_rec_count[VMR_K_COUNT] = {
	VMR_RECORD_KEYS(VMR_REC_ROW)
};
#undef VMR_REC_ROW

#define VMR_REC_MAX(id, name, type, count, max, meaning) \
	_Static_assert((max) < 0x1000, name ": max");
VMR_RECORD_KEYS(VMR_REC_MAX)
#undef VMR_REC_MAX

const char *vmr_rec_name(enum vmr_rk k)
{
	const char *name = vmr_rec_names;

	while (k-- > 0)
		name += strlen(name) + 1;
	return name;
}

/* The index is written as at most three digits (see VMR_REC_LINE). */
#define VMR_REC_MAX_COUNT(id, name, type, count, max, meaning) \
	_Static_assert((count) >= 1 && (count) <= 255, name ": count");
VMR_RECORD_KEYS(VMR_REC_MAX_COUNT)
#undef VMR_REC_MAX_COUNT

/* ---- writer ------------------------------------------------------------ */


/* "hp.%zu.node" with idx 3 is "hp.3.node" (a name without %zu ignores it). */
void vmr_state_put(struct vmr_state *st, enum vmr_rk k, size_t idx,
		   const char *s, uint64_t v)
{
	size_t room = sizeof(st->buf) - st->len, n;
	enum vmr_rt type = vmr_rec_type(k);
	char *dst = st->buf + st->len;

	if (st->overflow && !st->tail)
		return; /* no holes: nothing after the first line that did not fit */
	if (!st->tail)
		room = room > VMR_STATE_TAIL ? room - VMR_STATE_TAIL : 0;
	n = (size_t)snprintf(dst, room, vmr_rec_name(k), idx);
	if (n < room && type == VMR_RT_STR)
		n += (size_t)snprintf(dst + n, room - n, "=%.*s",
				      (int)vmr_rec_max(k), s ? s : "");
	else if (n < room)
		n += (size_t)snprintf(dst + n, room - n, type == VMR_RT_S64 ?
				      "=%lld" : "=%llu", (unsigned long long)v);
	/* +1: the newline replaces the NUL, and one more NUL must fit */
	if (n + 1 >= room) {
		*dst = '\0'; /* in the buffer: at least its NUL is left */
		st->overflow = true;
		return;
	}
	/* Lines end at '\n' only, and hold only what the reader takes. */
	for (char *p = dst; *p; p++)
		if (!vmr_rec_byte_ok((unsigned char)*p))
			*p = *p == '\n' ? ' ' : '?';
	st->len += n;
	st->buf[st->len++] = '\n';
	st->buf[st->len] = '\0';
}

void vmr_state_init(struct vmr_state *st)
{
	st->len = 0;
	st->overflow = st->tail = false;
	st->buf[0] = '\0';
	vmr_state_put(st, VMR_K_VERSION, 0, NULL, VMR_STATE_VERSION);
}


/* ---- reader ------------------------------------------------------------ */

static size_t slot_base(enum vmr_rk k)
{
	size_t base = 0;

	for (size_t i = 0; i < (size_t)k; i++)
		base += vmr_rec_count[i];
	return base;
}

const struct vmr_rval *vmr_rec(const struct vmr_record *r, enum vmr_rk k,
			       size_t idx)
{
	static const struct vmr_rval none = { false, false, 0, 0, NULL };

	if ((unsigned)k >= VMR_K_COUNT || idx >= vmr_rec_count[k])
		return &none;
	return &r->val[slot_base(k) + idx];
}

/*
 * Match key against name (%zu: a decimal index without leading zeros).
 * Returns true and *idx on a match.
 */
static bool key_match(const char *key, const char *name, size_t *idx)
{
	size_t v = 0;

	for (; *name; name++, key++) {
		if (name[0] != '%') {
			if (*key != *name)
				return false;
			continue;
		}
		if (*key < '0' || *key > '9' || (key[0] == '0' &&
						  key[1] >= '0' && key[1] <= '9'))
			return false;
		for (v = 0; *key >= '0' && *key <= '9'; key++)
			if (v < 100000) /* saturates: out of range anyway */
				v = v * 10 + (size_t)(*key - '0');
		key--;
		name += 2; /* "%zu" */
	}
	*idx = v;
	return *key == '\0';
}

static bool parse_num(const char *s, enum vmr_rt type, struct vmr_rval *v)
{
	bool neg = type == VMR_RT_S64 && *s == '-';
	uint64_t u = 0;
	const char *p = s + neg;

	if (!*p)
		return false;
	for (; *p; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (d > 9 || u > (UINT64_MAX - d) / 10)
			return false;
		u = u * 10 + d;
	}
	if (type == VMR_RT_S64 && u > (uint64_t)INT64_MAX)
		return false;
	v->u = u;
	v->s = neg ? -(int64_t)u : (int64_t)u;
	return true;
}

/* Printable copy of user bytes for a message. */
static void shown(char *out, size_t size, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = vmr_ascii_shown((unsigned char)s[i]) ? s[i] : '?';
	out[i] = '\0';
}

static void bad(struct vmr_record *r, const char *why, const char *line,
		size_t n)
{
	char key[48];

	if (r->n_bad++)
		return;
	r->bad_line = r->n_lines;
	shown(key, sizeof(key), line, n);
	snprintf(r->bad, sizeof(r->bad), "%s: '%s'", why, key);
}

/* One line, NUL-terminated in place (n bytes, no newline). */
static void take_line(struct vmr_record *r, char *line, size_t n)
{
	char *eq = memchr(line, '=', n);
	size_t klen = eq ? (size_t)(eq - line) : n, idx = 0;
	const char *name;
	struct vmr_rval *v;
	int k;

	/* read as root and printed to a terminal: no escapes, no NUL */
	for (size_t i = 0; i < n; i++)
		if (!vmr_rec_byte_ok((unsigned char)line[i]))
			return bad(r, "control character", line, klen);
	if (!eq)
		return bad(r, "no '='", line, klen);
	*eq = '\0';
	if (r->n_lines == 1 && strcmp(line, "version") != 0)
		return bad(r, "missing version= header", line, klen);
	for (k = 0, name = vmr_rec_names; k < VMR_K_COUNT; k++) {
		if (key_match(line, name, &idx))
			break;
		name += strlen(name) + 1;
	}
	if (k == VMR_K_COUNT) {
		r->n_unknown++; /* a newer writer's key: not ours to judge */
		return;
	}
	if (idx >= vmr_rec_count[k])
		return bad(r, "index out of range", line, klen);
	if (n - klen - 1 > vmr_rec_max((enum vmr_rk)k))
		return bad(r, "value too long", line, klen);
	v = &r->val[slot_base((enum vmr_rk)k) + idx];
	if (v->seen)
		return bad(r, "duplicate key", line, klen);
	v->seen = true;
	v->str = eq + 1;
	if (vmr_rec_type((enum vmr_rk)k) != VMR_RT_STR) {
		v->known = parse_num(v->str, vmr_rec_type((enum vmr_rk)k), v);
		if (!v->known)
			bad(r, "not a number", line, klen);
	}
}

static void parse_buf(struct vmr_record *r, size_t len)
{
	char *p = r->buf, *end = r->buf + len;

	memset(r->val, 0, sizeof(r->val));
	r->n_lines = r->n_bad = r->bad_line = r->n_unknown = 0;
	r->bad[0] = '\0';
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		r->n_lines++;
		if (!nl) {
			bad(r, r->cut ? "record cut short" :
			    "no newline at the end", p, (size_t)(end - p));
			break;
		}
		*nl = '\0';
		take_line(r, p, (size_t)(nl - p));
		p = nl + 1;
	}
	if (!r->err && !vmr_rec(r, VMR_K_VERSION, 0)->seen && !r->n_bad) {
		r->n_lines = 1;
		bad(r, "missing version= header", "", 0);
	}
}

void vmr_record_parse(struct vmr_record *r, const char *text, size_t len)
{
	r->err = 0;
	r->cut = len >= sizeof(r->buf);
	if (r->cut)
		len = sizeof(r->buf) - 1;
	memcpy(r->buf, text, len);
	r->buf[len] = '\0';
	parse_buf(r, len);
}

/* The bytes as they are: vmr_read would trim the last newline. */
int vmr_record_load(const struct vmr_root *root, struct vmr_record *r)
{
	/* not a FIFO someone put there (no hang), not a link */
	int fd = vmr_openat(root, VMR_STATE_PATH,
			    O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
	size_t len = 0;
	char more;

	r->cut = false;
	if (fd < 0) {
		r->err = fd;
		parse_buf(r, 0);
		return fd;
	}
	r->err = 0;
	/* up to the buffer, then one byte more says whether it was cut */
	while (!r->err) {
		bool full = len == sizeof(r->buf) - 1;
		ssize_t n = read(fd, full ? &more : r->buf + len,
				 full ? 1 : sizeof(r->buf) - 1 - len);

		if (n < 0 && errno != EINTR)
			r->err = -errno;
		else if (n > 0 && full)
			r->cut = true;
		if (n == 0 || r->cut)
			break;
		if (n > 0)
			len += (size_t)n;
	}
	close(fd);
	if (r->err)
		len = 0;
	r->buf[len] = '\0';
	parse_buf(r, len);
	return r->err;
}
