/* SPDX-License-Identifier: MIT */
/*
 * The early binary's writes into the kernel's files and /run: only
 * vmreserve-early links this, so the status tool cannot change a thing.
 */
#include "sysfs_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all_once(int fd, const char *value)
{
	size_t len = strlen(value);
	ssize_t n;

	do
		n = write(fd, value, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static int write_file(const struct vmr_root *root, const char *path,
		      const char *value, int flags)
{
	int r, fd = vmr_openat(root, path, O_WRONLY | flags);

	if (fd < 0)
		return fd;
	r = write_all_once(fd, value);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

int vmr_set(const struct vmr_root *root, const char *path, const char *value)
{
	return write_file(root, path, value, O_TRUNC);
}

int vmr_send(const struct vmr_root *root, const char *path, const char *value)
{
	return write_file(root, path, value, O_APPEND);
}

int vmr_send_line(const struct vmr_root *root, const char *path,
		  const char *value)
{
	char line[VMR_VALUE_MAX];
	int n = snprintf(line, sizeof(line), "%s\n", value);

	if (n < 0 || (size_t)n >= sizeof(line))
		return -ENAMETOOLONG;
	return vmr_send(root, path, line);
}

int vmr_mkdir_p(const struct vmr_root *root, const char *path, unsigned mode)
{
	char buf[VMR_PATH_MAX];
	size_t len = strlen(path);

	if (path[0] == '/' || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, path, len + 1);
	for (char *p = buf; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;

		*p = '\0';
		if (mkdirat(root->fd, buf, (mode_t)mode) < 0 && errno != EEXIST)
			return -errno;
		if (saved == '\0')
			return 0;
		*p = saved;
	}
}

int vmr_replace(const struct vmr_root *root, const char *path,
		const char *data, size_t len)
{
	char tmp[VMR_PATH_MAX];
	int r, fd;

	r = vmr_path(tmp, "%s.tmp", path);
	if (r < 0)
		return r;
	/*
	 * A file written as root: whatever holds the .tmp name (a stale
	 * file, a planted link) is removed, then ours is made O_EXCL and
	 * O_NOFOLLOW, so nothing is ever written through a link.
	 */
	unlinkat(root->fd, tmp, 0);
	fd = vmr_openat(root, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW);
	if (fd < 0)
		return fd;
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r = n < 0 ? -errno : -EIO;
			close(fd);
			unlinkat(root->fd, tmp, 0);
			return r;
		}
		done += (size_t)n;
	}
	if (close(fd) < 0 || renameat(root->fd, tmp, root->fd, path) < 0) {
		r = -errno;
		unlinkat(root->fd, tmp, 0);
		return r;
	}
	return 0;
}

int vmr_open_append(const struct vmr_root *root, const char *path)
{
	return vmr_openat(root, path, O_WRONLY | O_APPEND | O_NOCTTY);
}
