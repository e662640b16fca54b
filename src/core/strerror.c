/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

/*
 * Our own short texts (klibc's strerror table is large): each entry is
 * one byte, the errno, then its text; a table of pointers cost the size
 * budget about 230 bytes more. EISDIR, ELOOP and EFBIG are what reading
 * the config file gives for a directory, a symlink (O_NOFOLLOW) and a
 * file over its limit.
 */
const char *vmr_strerror(int err)
{
	static const char names[] =
		"\001operation not permitted\0"
		"\002no such file or directory\0"
		"\005input/output error\0"
		"\006no such device or address\0"
		"\014out of memory\0"
		"\015permission denied\0"
		"\020device or resource busy\0"
		"\021file exists\0"
		"\023no such device\0"
		"\024not a directory\0"
		"\025is a directory\0"
		"\026invalid argument\0"
		"\033too large\0"
		"\034no space left on device\0"
		"\036read-only file system\0"
		"\044path too long\0"
		"\050a symbolic link (not followed)\0"
		"\010exec format error\0";
	static char other[24];

	_Static_assert(EPERM == 1 && ENOENT == 2 && EIO == 5 && ENXIO == 6 &&
		       ENOMEM == 12 && EACCES == 13 && EBUSY == 16 &&
		       EEXIST == 17 && ENODEV == 19 && ENOTDIR == 20 &&
		       EISDIR == 21 && EINVAL == 22 && EFBIG == 27 &&
		       ENOSPC == 28 && EROFS == 30 && ENAMETOOLONG == 36 &&
		       ELOOP == 40 && ENOEXEC == 8, "Linux errno values");
	if (err < 0)
		err = -err;
	for (const char *p = names; *p; p += strlen(p) + 1)
		if (*p == err)
			return p + 1;
	snprintf(other, sizeof(other), "error %d", err);
	return other;
}
