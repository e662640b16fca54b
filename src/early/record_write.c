/* SPDX-License-Identifier: MIT */
/* Writing the state record under /run (early binary only). */
#include <string.h>

#include "record.h"
#include "sysfs_write.h"

int vmr_state_write(const struct vmr_root *root, struct vmr_state *st)
{
	static const char tail[] = "truncated=1\n";
	int r;

	if (st->overflow && st->len + sizeof(tail) <= sizeof(st->buf)) {
		memcpy(st->buf + st->len, tail, sizeof(tail));
		st->len += sizeof(tail) - 1;
	}
	r = vmr_mkdir_p(root, VMR_STATE_DIR, 0755);
	if (r < 0)
		return r;
	return vmr_replace(root, VMR_STATE_PATH, st->buf, st->len);
}

