/* SPDX-License-Identifier: MIT */
/*
 * A passed-through PCI function on another NUMA node than the guest runs
 * on: its DMA and interrupts cross the interconnect. One judgement and one
 * sentence for `vmreserve libvirt` (a comment in the XML it writes) and
 * check-domain (a warning).
 */
#ifndef VMR_DEV_NODE_H
#define VMR_DEV_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

/* Does the guest run on node (its vCPUs or its memory)? */
typedef bool (*vmr_guest_on_fn)(unsigned node, const void *ctx);

/*
 * f's NUMA node when the kernel knows it and the guest does not run
 * there, else -1 (no node: a single-node host, or firmware that gives
 * none; nothing to judge).
 */
int vmr_dev_node_far(const struct vmr_fn *f, vmr_guest_on_fn guest_on,
		     const void *ctx);

/*
 * The sentence: "ADDR is on NUMA node N, the domain's WHERE: its DMA and
 * interrupts cross the interconnect", WHERE naming the guest's nodes
 * ("vCPUs and memory on node 0").
 */
void vmr_dev_node_text(char *buf, size_t size, const struct vmr_fn *f,
		       int node, const char *where);

#endif
