/* SPDX-License-Identifier: MIT */
#include "text.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static int digit(char c, unsigned base)
{
	unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		     c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 99;

	return d < base ? (int)d : -1;
}

const char *vmr_scan_u64(const char *s, unsigned base, uint64_t *value)
{
	const char *start;
	uint64_t v = 0;
	int d;

	while (*s == ' ' || *s == '\t')
		s++;
	if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    digit(s[2], 16) >= 0)
		s += 2;
	for (start = s; (d = digit(*s, base)) >= 0; s++) {
		if (v > (UINT64_MAX - (unsigned)d) / base)
			return NULL;
		v = v * base + (unsigned)d;
	}
	if (s == start)
		return NULL;
	*value = v;
	return s;
}

const char *vmr_find(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return haystack;
	return n ? NULL : haystack;
}

int vmr_meminfo_kb(const char *text, const char *field, uint64_t *kb)
{
	const char *p = vmr_find(text, field);

	if (!p)
		return -ENOENT;
	return vmr_scan_u64(p + strlen(field), 10, kb) ? 0 : -EINVAL;
}
