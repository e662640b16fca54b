/* SPDX-License-Identifier: MIT */
/*
 * Writes into the kernel's files and /run, under the root handle. Only the
 * early binary links sysfs_write.c: the status tool reads, never writes.
 * All functions return 0 on success and -errno on failure.
 */
#ifndef VMR_SYSFS_WRITE_H
#define VMR_SYSFS_WRITE_H

#include "sysroot.h"

/*
 * Set an attribute: open write-only with truncation (like the shell's '>')
 * and write the value in one write(2), as sysfs stores expect.
 */
int vmr_set(const struct vmr_root *root, const char *path, const char *value);

/*
 * Send a command to a write-only trigger (unbind, drivers_probe, compact):
 * opened for append so that a fixture tree keeps every command written;
 * sysfs and procfs ignore the file position.
 */
int vmr_send(const struct vmr_root *root, const char *path, const char *value);

/* vmr_send of "value\n": the kernel's name matching ignores the newline. */
int vmr_send_line(const struct vmr_root *root, const char *path,
		  const char *value);

/* Write a whole file atomically: tmp file in the same dir, then rename. */
int vmr_mkdir_p(const struct vmr_root *root, const char *path, unsigned mode);
int vmr_replace(const struct vmr_root *root, const char *path,
		const char *data, size_t len);

/* Open for appending (log sinks); caller closes. */
int vmr_open_append(const struct vmr_root *root, const char *path);

#endif
