/* SPDX-License-Identifier: MIT */
/*
 * The one owner of filesystem access. Every path into /proc, /sys, /run and
 * /dev is relative ("sys/bus/pci/devices") and opened with openat() under
 * one root directory fd, so --sysroot DIR points the whole program at a
 * fixture tree. A static klibc binary cannot be redirected with LD_PRELOAD,
 * so this is the only clean way to test it. Nothing else opens a path.
 *
 * All functions return 0 (or a length) on success and -errno on failure.
 */
#ifndef VMR_SYSROOT_H
#define VMR_SYSROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VMR_PATH_MAX  256 /* longest relative path we build */
#define VMR_VALUE_MAX 256 /* longest sysfs value we read with vmr_read */

struct vmr_root {
	int fd;
};

int vmr_root_open(struct vmr_root *root, const char *dir);
void vmr_root_close(struct vmr_root *root);

/* snprintf into a VMR_PATH_MAX buffer; -ENAMETOOLONG when it does not fit. */
int vmr_path(char path[VMR_PATH_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Read a whole small file into buf (NUL-terminated, trailing newlines
 * removed). Returns the length, or -EFBIG when it did not fit.
 */
int vmr_read(const struct vmr_root *root, const char *path, char *buf,
	     size_t size);

/* Read a file holding one unsigned decimal number. */
int vmr_read_u64(const struct vmr_root *root, const char *path,
		 uint64_t *value);

/* Read a file holding one hex number ("0x10de"). */
int vmr_read_hex(const struct vmr_root *root, const char *path,
		 uint32_t *value);

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

/* Read len bytes at off of a binary file (PCI config space). */
int vmr_pread(const struct vmr_root *root, const char *path, void *buf,
	      size_t len, long off);

/* vmr_send of "value\n": the kernel's name matching ignores the newline. */
int vmr_send_line(const struct vmr_root *root, const char *path,
		  const char *value);

/* Final component of a symlink's target ("vfio-pci" for .../driver). */
int vmr_link_name(const struct vmr_root *root, const char *path, char *buf,
		  size_t size);

bool vmr_exists(const struct vmr_root *root, const char *path);

/*
 * Does a file of any size contain needle (at most 63 bytes)? Read in
 * chunks, for files like /proc/interrupts that grow with the CPU count.
 * Returns 1, 0, or -errno.
 */
int vmr_file_contains(const struct vmr_root *root, const char *path,
		      const char *needle);

/*
 * Call fn for every entry of a directory (not "." or ".."), in the order
 * the filesystem returns them; fn returning non-zero stops and is returned.
 */
typedef int (*vmr_dir_fn)(const char *name, void *ctx);
int vmr_foreach_dir(const struct vmr_root *root, const char *path,
		    vmr_dir_fn fn, void *ctx);

/* Write a whole file atomically: tmp file in the same dir, then rename. */
int vmr_mkdir_p(const struct vmr_root *root, const char *path, unsigned mode);
int vmr_replace(const struct vmr_root *root, const char *path,
		const char *data, size_t len);

/* Open for appending (log sinks); caller closes. */
int vmr_open_append(const struct vmr_root *root, const char *path);

#endif
