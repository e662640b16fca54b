/* SPDX-License-Identifier: MIT */
/*
 * The names of a directory's files, kept in a fixed buffer: the first
 * ones in byte order that fit, whatever order the directory lists them in
 * (the shell's glob sorts the whole directory, then dracut reads each; a
 * buffer filled in listing order would keep an arbitrary subset). Pure:
 * no file system, so the fuzz target feeds it names directly.
 */
#ifndef VMR_NAMES_H
#define VMR_NAMES_H

#include <stddef.h>

#define VMR_NAME_MAX 255 /* NAME_MAX: the longest name readdir gives */

struct vmr_names {
	char *buf;   /* size bytes: the kept names, each NUL-terminated */
	size_t size, len;
	/* each name not kept (evicted or refused), once, in that order */
	void (*drop)(const char *name, void *ctx);
	void *ctx;
	/* the smallest name dropped so far (n_cut > 0): no name from it on
	   is kept, so the kept ones stay a prefix of the sorted whole */
	char cut[VMR_NAME_MAX + 1];
	size_t n_cut;
};

/*
 * Offer one name (unique in the directory). When it does not fit, the
 * largest kept names larger than it make room; what cannot be kept goes
 * to drop(). A name longer than VMR_NAME_MAX is dropped. At the end the
 * kept names are the longest prefix of all names in byte order whose
 * lengths (NUL included) fit size.
 */
void vmr_names_add(struct vmr_names *n, const char *name);

/* The smallest kept name after last ("": the first); NULL after the last. */
const char *vmr_names_next(const struct vmr_names *n, const char *last);

#endif
