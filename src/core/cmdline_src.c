/* SPDX-License-Identifier: MIT */
#include "cmdline_src.h"

#include <errno.h>

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
