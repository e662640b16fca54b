/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the cmdline.d listing (src/core/names.c): whatever
 * order a directory lists its names in, the kept ones must be the longest
 * prefix of all names in byte order that fits the buffer, and every other
 * name must be told dropped exactly once. A broken promise calls abort().
 *
 * Input: two bytes of buffer size (little-endian, 1 to 8192: small sizes
 * reach eviction often), then the names in listing order, separated by
 * '\n' or NUL (empty ones skipped, repeats skipped: a directory has each
 * once, longer than VMR_NAME_MAX cut to it).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

#define MAX_INPUT 16384
#define MAX_NAMES (MAX_INPUT / 2)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static char text[MAX_INPUT + 1], keep_buf[8192];
static const char *name[MAX_NAMES], *sorted[MAX_NAMES];
static char dropped[MAX_INPUT + MAX_NAMES];
static const char *drop_list[MAX_NAMES];
static size_t n_name, n_drop, drop_len;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void on_drop(const char *s, void *ctx)
{
	size_t k = strlen(s) + 1;

	(void)ctx;
	check(n_drop < n_name && drop_len + k <= sizeof(dropped));
	memcpy(dropped + drop_len, s, k);
	drop_list[n_drop++] = dropped + drop_len;
	drop_len += k;
}

/* The names of the input, unique, in listing order. */
static void split(const uint8_t *data, size_t size)
{
	char *p = text, *end = text + size;

	memcpy(text, data, size);
	text[size] = '\0';
	n_name = 0;
	while (p < end) {
		char *e = p;
		size_t i;

		while (e < end && *e && *e != '\n')
			e++;
		*e = '\0';
		if (strlen(p) > VMR_NAME_MAX)
			p[VMR_NAME_MAX] = '\0';
		for (i = 0; i < n_name && strcmp(name[i], p) != 0; i++)
			;
		if (*p && i == n_name)
			name[n_name++] = p;
		p = e + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmr_names n = { .buf = keep_buf, .drop = on_drop };
	const char *p = "";
	size_t i, used = 0, n_keep = 0;

	if (size < 2)
		return 0;
	n.size = 1 + (size_t)(data[0] | data[1] << 8) % sizeof(keep_buf);
	if (size - 2 > MAX_INPUT)
		size = MAX_INPUT + 2;
	split(data + 2, size - 2);
	n_drop = drop_len = 0;
	for (i = 0; i < n_name; i++)
		vmr_names_add(&n, name[i]);
	check(n.len <= n.size);

	/* what should be kept: the sorted names while they fit */
	memcpy(sorted, name, n_name * sizeof(*name));
	qsort(sorted, n_name, sizeof(*sorted), cmp);
	while (n_keep < n_name && used + strlen(sorted[n_keep]) + 1 <= n.size)
		used += strlen(sorted[n_keep++]) + 1;
	check(n.len == used);
	for (i = 0; i < n_keep; i++) {
		p = vmr_names_next(&n, p);
		check(p && strcmp(p, sorted[i]) == 0);
	}
	check(vmr_names_next(&n, p) == NULL);

	/* every other name told once */
	check(n_drop == n_name - n_keep);
	qsort(drop_list, n_drop, sizeof(*drop_list), cmp);
	for (i = 0; i < n_drop; i++)
		check(strcmp(drop_list[i], sorted[n_keep + i]) == 0);
	return 0;
}
