/* SPDX-License-Identifier: MIT */
/*
 * The one place strings from the machine (driver_override, the command
 * line, the state record, link names) reach an output. sysfs and
 * /proc/cmdline hold bytes, not text: a JSON parser rejects invalid UTF-8
 * and raw control characters, Prometheus wants UTF-8 label values, and a
 * terminal obeys escape sequences (C0, DEL, C1) and bidi controls reorder
 * what a person reads. Every printer goes through here.
 */
#include <stdbool.h>
#include <stdio.h>

#include "str.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/*
 * Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0 when p starts none.
 */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	/* The second byte's range excludes overlongs and surrogates. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* The code point of the well-formed sequence at p of n (2 or 3) bytes. */
static unsigned code_point(const unsigned char *p, size_t n)
{
	if (n == 2)
		return (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu);
	return (p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
}

/*
 * Whether the well-formed sequence at p of n bytes is a control character
 * beyond ASCII: C1 (U+0080..U+009F: U+009B is a one-character CSI to a
 * terminal that reads 8-bit controls) or a bidi embedding, override or
 * isolate (U+202A..U+202E, U+2066..U+2069: they reorder what a person reads).
 */
static bool is_control(const unsigned char *p, size_t n)
{
	unsigned cp;

	if (n != 2 && n != 3)
		return false;
	cp = code_point(p, n);
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void vmr_put_str(FILE *out, const char *s, enum vmr_str_mode mode)
{
	const unsigned char *p = (const unsigned char *)s;

	if (mode == VMR_STR_JSON)
		fputc('"', out);
	while (*p) {
		size_t n = utf8_len(p);

		if (n == 0) {
			fputs(REPLACEMENT, out); /* one per bad byte */
			p++;
			continue;
		}
		if (n > 1 && is_control(p, n)) {
			/* C1 or bidi: U+0080..U+009F, U+202A..U+202E, U+2066..U+2069 */
			if (mode == VMR_STR_JSON)
				fprintf(out, "\\u%04x", code_point(p, n));
			else
				fputs(REPLACEMENT, out);
		} else if (n > 1) {
			fwrite(p, 1, n, out);
		} else if (mode != VMR_STR_TEXT && (*p == '"' || *p == '\\')) {
			fprintf(out, "\\%c", *p);
		} else if (mode != VMR_STR_TEXT && *p == '\n') {
			fputs("\\n", out);
		} else if (*p < 0x20 || *p == 0x7f) {
			if (mode == VMR_STR_JSON)
				fprintf(out, "\\u%04x", *p);
			else
				fputs(REPLACEMENT, out);
		} else {
			fputc(*p, out);
		}
		p += n;
	}
	if (mode == VMR_STR_JSON)
		fputc('"', out);
}
