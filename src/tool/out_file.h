/* SPDX-License-Identifier: MIT */
/*
 * status --output FILE: the output is written whole to a new file beside
 * FILE and renamed over it, so a reader (node_exporter's textfile
 * collector) never sees half a file, and nothing in the directory can
 * redirect the write: the new file is created O_CREAT|O_EXCL|O_NOFOLLOW
 * through the directory's descriptor, never through a name that a link
 * could replace. A directory that someone else controls is refused (the
 * tool may run as root, or as the exporter's user).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_OUT_FILE_H
#define VMR_OUT_FILE_H

#include <stdio.h>

struct vmr_out_file {
	const char *path; /* FILE, as given */
	const char *base; /* its last component, inside path */
	char dir[4096];   /* its directory, for messages */
	char tmp[256];    /* the new file's name in dir (NAME_MAX + 1) */
	int dirfd;
	FILE *f;          /* print here, then vmr_out_commit() */
};

/*
 * Open the directory of path, check that it can be trusted, and create
 * the temporary file. Returns 0, or a negative errno after a message on
 * stderr naming the path (and, for a refused directory, the fix).
 */
int vmr_out_open(struct vmr_out_file *o, const char *path);

/*
 * Flush, fsync and rename the temporary file over path. Returns 0, or a
 * negative errno after a message; on any error the temporary file is
 * removed and path is left as it was.
 */
int vmr_out_commit(struct vmr_out_file *o);

#endif
