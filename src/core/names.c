/* SPDX-License-Identifier: MIT */
#include "names.h"

#include <string.h>

/* The largest kept name, NULL when none is kept. */
static char *largest(const struct vmr_names *n)
{
	char *best = NULL;

	for (char *p = n->buf; p < n->buf + n->len; p += strlen(p) + 1)
		if (!best || strcmp(p, best) > 0)
			best = p;
	return best;
}

static void tell(const struct vmr_names *n, const char *name)
{
	if (n->drop)
		n->drop(name, n->ctx);
}

/* name becomes the cut (it is smaller than the last one), then told. */
static void cut(struct vmr_names *n, const char *name)
{
	memcpy(n->cut, name, strlen(name) + 1);
	n->n_cut++;
	tell(n, n->cut);
}

void vmr_names_add(struct vmr_names *n, const char *name)
{
	size_t k = strlen(name) + 1;
	char *big;

	/* past the cut: a smaller name was dropped, so is this one */
	if (k > sizeof(n->cut) || (n->n_cut && strcmp(name, n->cut) >= 0)) {
		tell(n, name);
		return;
	}
	/* evict from the largest down while it is larger than name */
	while (n->len + k > n->size && (big = largest(n)) &&
	       strcmp(big, name) > 0) {
		size_t bk = strlen(big) + 1;

		cut(n, big);
		memmove(big, big + bk, (size_t)(n->buf + n->len - big) - bk);
		n->len -= bk;
	}
	if (n->len + k > n->size) {
		cut(n, name); /* every kept name is smaller: name is the cut */
		return;
	}
	memcpy(n->buf + n->len, name, k);
	n->len += k;
}

const char *vmr_names_next(const struct vmr_names *n, const char *last)
{
	const char *best = NULL;

	for (const char *p = n->buf; p < n->buf + n->len; p += strlen(p) + 1)
		if (strcmp(p, last) > 0 && (!best || strcmp(p, best) < 0))
			best = p;
	return best;
}
