/* SPDX-License-Identifier: MIT */
#include "dev_node.h"

#include <stdio.h>

int vmr_dev_node_far(const struct vmr_fn *f, vmr_guest_on_fn guest_on,
		     const void *ctx)
{
	if (!f || f->numa_node < 0 || guest_on((unsigned)f->numa_node, ctx))
		return -1;
	return f->numa_node;
}

void vmr_dev_node_text(char *buf, size_t size, const struct vmr_fn *f,
		       int node, const char *where)
{
	snprintf(buf, size, "%s is on NUMA node %d, the domain's %s: its DMA "
		 "and interrupts cross the interconnect", f->addr, node,
		 where);
}
