/* SPDX-License-Identifier: MIT */
/* O_PATH (glibc; klibc has it anyway) */
#define _GNU_SOURCE
#include "sysroot.h"
#include "text.h"

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * The early binary runs on the real root only and never sets root->open:
 * under klibc the hook's code is left out (the size budget).
 */
#ifdef __KLIBC__
#define confined(root) ((void)(root), 0)
#else
#define confined(root) ((root)->open != NULL)
#endif

int vmr_root_open(struct vmr_root *root, const char *dir)
{
	int fd = open(dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	root->fd = fd;
#ifndef __KLIBC__
	root->open = NULL;
#endif
	return 0;
}

void vmr_root_close(struct vmr_root *root)
{
	if (root->fd >= 0)
		close(root->fd);
	root->fd = -1;
}

int vmr_path(char path[VMR_PATH_MAX], const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(path, VMR_PATH_MAX, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= VMR_PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

/* Relative paths only: an absolute one would escape --sysroot. */
int vmr_openat(const struct vmr_root *root, const char *path, int flags)
{
	int fd;

	if (path[0] == '/')
		return -EINVAL;
	fd = confined(root) ? root->open(root->fd, path, flags | O_CLOEXEC) :
	     openat(root->fd, path, flags | O_CLOEXEC, 0644);
	return fd < 0 ? -errno : fd;
}

/*
 * Under a confined root (root->open set), the directory holding path's
 * last component is opened through the hook, so readlinkat() and
 * faccessat() see only the tree; *base is that component. Returns the
 * directory's fd (the root's own when unconfined or at the top: the caller
 * closes it only when it differs), or -errno.
 */
static int parent_at(const struct vmr_root *root, const char *path,
		     const char **base)
{
	char dir[VMR_PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;

	*base = path;
	if (!confined(root) || !slash)
		return root->fd;
	if (len >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, path, len);
	dir[len] = '\0';
	*base = slash + 1;
	return vmr_openat(root, dir, O_RDONLY | O_DIRECTORY);
}

static void parent_close(const struct vmr_root *root, int fd)
{
	if (fd >= 0 && fd != root->fd)
		close(fd);
}

/* 0 when path exists (following a last link, inside the root), or -errno. */
static int exists_at(const struct vmr_root *root, const char *path)
{
	int fd;

	if (!confined(root))
		return faccessat(root->fd, path, F_OK, 0) == 0 ? 0 : -errno;
	fd = vmr_openat(root, path, O_PATH);
	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

int vmr_read(const struct vmr_root *root, const char *path, char *buf,
	     size_t size)
{
	return vmr_read_flags(root, path, 0, buf, size);
}

int vmr_read_flags(const struct vmr_root *root, const char *path, int flags,
		   char *buf, size_t size)
{
	size_t len = 0;
	int fd = vmr_openat(root, path, O_RDONLY | flags);

	if (fd < 0)
		return fd;
	while (len < size) {
		ssize_t n = read(fd, buf + len, size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len == size) {
		buf[size - 1] = '\0'; /* the start, for readers of long files */
		return -EFBIG;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	buf[len] = '\0';
	return (int)len;
}

int vmr_file_contains(const struct vmr_root *root, const char *path,
		      const char *needle)
{
	char buf[4096 + 64];
	size_t keep = 0, nlen = strlen(needle);
	int found = 0, fd;

	if (nlen == 0 || nlen >= 64)
		return -EINVAL;
	fd = vmr_openat(root, path, O_RDONLY);
	if (fd < 0)
		return fd;
	for (;;) {
		ssize_t n = read(fd, buf + keep, sizeof(buf) - 1 - keep);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			found = n < 0 ? -errno : 0;
			break;
		}
		keep += (size_t)n;
		buf[keep] = '\0';
		if (vmr_find(buf, needle)) {
			found = 1;
			break;
		}
		/* Keep the tail: the needle may straddle two reads. */
		if (keep >= nlen) {
			memmove(buf, buf + keep - (nlen - 1), nlen - 1);
			keep = nlen - 1;
		}
	}
	close(fd);
	return found;
}

int vmr_read_u64(const struct vmr_root *root, const char *path,
		 uint64_t *value)
{
	char buf[32];
	const char *end;
	int r = vmr_read(root, path, buf, sizeof(buf));

	if (r < 0)
		return r;
	end = vmr_scan_u64(buf, 10, value);
	return end && !*end ? 0 : -EINVAL;
}

int vmr_read_hex(const struct vmr_root *root, const char *path,
		 uint32_t *value)
{
	char buf[32];
	const char *end;
	uint64_t v;
	int r = vmr_read(root, path, buf, sizeof(buf));

	if (r < 0)
		return r;
	end = vmr_scan_u64(buf, 16, &v);
	if (!end || *end || v > UINT32_MAX)
		return -EINVAL;
	*value = (uint32_t)v;
	return 0;
}

int vmr_pread(const struct vmr_root *root, const char *path, void *buf,
	      size_t len, long off)
{
	ssize_t n;
	int fd = vmr_openat(root, path, O_RDONLY);

	if (fd < 0)
		return fd;
	do
		n = pread(fd, buf, len, (off_t)off);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int vmr_link_name(const struct vmr_root *root, const char *path, char *buf,
		  size_t size)
{
	char target[VMR_PATH_MAX];
	const char *base;
	ssize_t n;
	size_t len;
	int dfd;

	if (path[0] == '/')
		return -EINVAL;
	dfd = parent_at(root, path, &base);
	if (dfd < 0)
		return dfd;
	n = readlinkat(dfd, base, target, sizeof(target) - 1);
	if (n < 0)
		n = -errno;
	parent_close(root, dfd);
	if (n < 0)
		return (int)n;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	len = strlen(base);
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(buf, base, len + 1);
	return (int)len;
}

bool vmr_exists(const struct vmr_root *root, const char *path)
{
	return path[0] != '/' && exists_at(root, path) == 0;
}

/*
 * Directory entries straight from getdents64 into a stack buffer, with no
 * heap and no DIR: smaller than klibc's opendir/readdir (about 130 bytes)
 * and bounded. The record layout is the kernel's linux_dirent64, the same
 * for every libc.
 */
struct vmr_dirent64 {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static long read_dirents(int fd, void *buf, size_t size)
{
#ifdef __KLIBC__
	return getdents((unsigned)fd, buf, (unsigned)size);
#else
	return syscall(SYS_getdents64, fd, buf, size);
#endif
}

int vmr_foreach_dir(const struct vmr_root *root, const char *path,
		    vmr_dir_fn fn, void *ctx)
{
	_Alignas(8) char buf[4096];
	int r = 0, fd = vmr_openat(root, path, O_RDONLY | O_DIRECTORY);
	long n;

	if (fd < 0)
		return fd;
	while (r == 0 && (n = read_dirents(fd, buf, sizeof(buf))) > 0) {
		for (long at = 0; r == 0 && at < n;) {
			const struct vmr_dirent64 *de = (const void *)(buf + at);

			at += de->reclen;
			if (de->reclen == 0)
				break;
			if (strcmp(de->name, ".") != 0 && strcmp(de->name, "..") != 0)
				r = fn(de->name, ctx);
		}
	}
	if (n < 0 && r == 0)
		r = -errno;
	close(fd);
	return r;
}


/* ---- format and read in one call --------------------------------------- */

static int at_path(const struct vmr_root *root, enum vmr_at_op op, void *out,
		   size_t size, const char *path)
{
	const struct vmr_dir_cb *cb = out;

	switch (op) {
	case VMR_AT_READ:
		return vmr_read(root, path, out, size);
	case VMR_AT_U64:
		return vmr_read_u64(root, path, out);
	case VMR_AT_HEX:
		return vmr_read_hex(root, path, out);
	case VMR_AT_LINK:
		return vmr_link_name(root, path, out, size);
	case VMR_AT_EXISTS:
		return exists_at(root, path);
	case VMR_AT_DIR:
		return vmr_foreach_dir(root, path, cb->fn, cb->ctx);
	}
	return -EINVAL;
}

int vmr_atv(const struct vmr_root *root, enum vmr_at_op op, void *out,
	    size_t size, char path[VMR_PATH_MAX], const char *fmt, va_list ap)
{
	int n = vsnprintf(path, VMR_PATH_MAX, fmt, ap), r;

	r = n < 0 || n >= VMR_PATH_MAX ? -ENAMETOOLONG :
	    path[0] == '/' ? -EINVAL : at_path(root, op, out, size, path);
	/* A string result is empty on error: callers may print it. */
	if (r < 0 && size && (op == VMR_AT_READ || op == VMR_AT_LINK))
		*(char *)out = '\0';
	return r;
}

int vmr_at(const struct vmr_root *root, enum vmr_at_op op, void *out,
	   size_t size, const char *fmt, ...)
{
	char path[VMR_PATH_MAX];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vmr_atv(root, op, out, size, path, fmt, ap);
	va_end(ap);
	return r;
}
