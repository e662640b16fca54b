/* SPDX-License-Identifier: MIT */
/*
 * The one owner of filesystem access (reads only: the early binary's writes
 * are in src/early/sysfs_write.h, which the status tool does not link). Every path into /proc, /sys, /run and
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
#include <stdarg.h>
#include <stdint.h>

#define VMR_PATH_MAX  256 /* longest relative path we build */
#define VMR_VALUE_MAX 256 /* longest sysfs value we read with vmr_read */

/*
 * open: NULL is openat(root->fd, ...), for a root that is this host's own
 * (vmreserve-early, which only ever runs on the real root, and the tool
 * without --sysroot). The tool under --sysroot sets it (src/tool/root_in.c)
 * to an open that stays inside the tree, so that nothing in a tree someone
 * sent (a symlink, "..") reaches files outside it. It returns -1 and errno
 * like openat(). Everything below opens through vmr_openat, so the one hook
 * covers reads, directory walks, readlink and existence.
 */
struct vmr_root {
	int fd;
	int (*open)(int dirfd, const char *path, int flags);
};

int vmr_root_open(struct vmr_root *root, const char *dir);
void vmr_root_close(struct vmr_root *root);

/* openat() under the root (through root->open when set): a relative path
 * only (-EINVAL otherwise). */
int vmr_openat(const struct vmr_root *root, const char *path, int flags);

/* snprintf into a VMR_PATH_MAX buffer; -ENAMETOOLONG when it does not fit. */
int vmr_path(char path[VMR_PATH_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Read a whole small file into buf (NUL-terminated, trailing newlines
 * removed). Returns the length, or -EFBIG when it did not fit: buf then
 * holds its first size - 1 bytes.
 */
int vmr_read(const struct vmr_root *root, const char *path, char *buf,
	     size_t size);

/* The same, opened with more flags (O_NOFOLLOW, O_NONBLOCK). */
int vmr_read_flags(const struct vmr_root *root, const char *path, int flags,
		   char *buf, size_t size);

/* Read a file holding one unsigned decimal number. */
int vmr_read_u64(const struct vmr_root *root, const char *path,
		 uint64_t *value);

/* Read a file holding one hex number ("0x10de"). */
int vmr_read_hex(const struct vmr_root *root, const char *path,
		 uint32_t *value);

/* Read len bytes at off of a binary file (PCI config space). */
int vmr_pread(const struct vmr_root *root, const char *path, void *buf,
	      size_t len, long off);

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

/*
 * Format and read in one call, like util-linux's ul_path_readf_*():
 * vmr_readf_u64(root, &v, "sys/devices/system/node/node%u/...", node).
 * One call per fact at the call site; a path that does not fit is
 * -ENAMETOOLONG, and on any error a string buffer is left empty.
 *
 * They are macros over one variadic function, vmr_at(): each variadic
 * function costs about 130 bytes of register spills in the klibc binary,
 * and its size budget has no room for six. The compound literals keep the
 * pointer types checked.
 */
enum vmr_at_op {
	VMR_AT_READ,   /* out: char[size], vmr_read */
	VMR_AT_U64,    /* out: uint64_t *, vmr_read_u64 */
	VMR_AT_HEX,    /* out: uint32_t *, vmr_read_hex */
	VMR_AT_LINK,   /* out: char[size], vmr_link_name */
	VMR_AT_EXISTS, /* 0 when it exists, else -errno (-ENOENT: absent) */
	VMR_AT_DIR,    /* out: struct vmr_dir_cb *, vmr_foreach_dir */
};

struct vmr_dir_cb {
	vmr_dir_fn fn;
	void *ctx;
};

int vmr_at(const struct vmr_root *root, enum vmr_at_op op, void *out,
	   size_t size, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * vmr_at() that also hands back the path it formatted, for a caller that
 * names an unreadable file (the status tool).
 */
int vmr_atv(const struct vmr_root *root, enum vmr_at_op op, void *out,
	    size_t size, char path[VMR_PATH_MAX], const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

#define vmr_readf(root, buf, size, ...) \
	vmr_at((root), VMR_AT_READ, (char *){ (buf) }, (size), __VA_ARGS__)
#define vmr_readf_u64(root, value, ...) \
	vmr_at((root), VMR_AT_U64, (uint64_t *){ (value) }, 0, __VA_ARGS__)
#define vmr_readf_hex(root, value, ...) \
	vmr_at((root), VMR_AT_HEX, (uint32_t *){ (value) }, 0, __VA_ARGS__)
#define vmr_linkf(root, buf, size, ...) \
	vmr_at((root), VMR_AT_LINK, (char *){ (buf) }, (size), __VA_ARGS__)
#define vmr_existsf(root, ...) \
	(vmr_at((root), VMR_AT_EXISTS, NULL, 0, __VA_ARGS__) == 0)
#define vmr_foreach_dirf(root, fn, ctx, ...) \
	vmr_at((root), VMR_AT_DIR, &(struct vmr_dir_cb){ (fn), (ctx) }, 0, \
	       __VA_ARGS__)

#endif
