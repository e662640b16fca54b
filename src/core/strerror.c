/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>

#include "log.h"

const char *vmr_strerror(int err)
{
	static const struct {
		int err;
		const char *text;
	} names[] = {
		{ EPERM, "operation not permitted" },
		{ ENOENT, "no such file or directory" },
		{ EIO, "input/output error" },
		{ ENXIO, "no such device or address" },
		{ ENOMEM, "out of memory" },
		{ EACCES, "permission denied" },
		{ EBUSY, "device or resource busy" },
		{ EEXIST, "file exists" },
		{ ENODEV, "no such device" },
		{ ENOTDIR, "not a directory" },
		{ EINVAL, "invalid argument" },
		{ EFBIG, "value too large" },
		{ ENOSPC, "no space left on device" },
		{ EROFS, "read-only file system" },
		{ ENAMETOOLONG, "path too long" },
		{ ENOEXEC, "exec format error" },
	};
	static char other[24];

	if (err < 0)
		err = -err;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].text;
	snprintf(other, sizeof(other), "error %d", err);
	return other;
}
