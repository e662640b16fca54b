/* SPDX-License-Identifier: MIT */
#include "cmdline_src.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"

int vmr_read_params(const struct vmr_root *root, const char *path, char *buf,
		    size_t size, char **lost)
{
	int r = vmr_read(root, path, buf, size);

	*lost = NULL;
	if (r != -EFBIG)
		return r;
	/* Never a piece of a parameter: "rd.vmreserve.keep=1" of "=10G". */
	*lost = buf + vmr_cmdline_cut(buf);
	return (int)size - 1;
}

int vmr_conf_read(const struct vmr_root *root, bool follow, char *buf,
		  char fp[VMR_CONF_FP_LEN])
{
	/* O_NONBLOCK: a FIFO put there cannot hang the boot */
	int r = vmr_read_flags(root, VMR_CONF_PATH, O_NONBLOCK |
			       (follow ? 0 : O_NOFOLLOW), buf, VMR_CONF_MAX + 1);
	uint32_t h = 2166136261u;

	if (r < 0) {
		strcpy(fp, r == -ENOENT ? "absent" : "skipped");
		return r;
	}
	for (int i = 0; i < r; i++)
		h = (h ^ (unsigned char)buf[i]) * 16777619u;
	snprintf(fp, VMR_CONF_FP_LEN, "%d:%08x", r, (unsigned)h);
	return r;
}
