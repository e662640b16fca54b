/* SPDX-License-Identifier: MIT */
/*
 * `vmreserve libvirt`: the domain XML that uses what vmreserve reserved.
 *
 * vCPUs are pinned in groups of T (threads per core) to the T SMT siblings
 * of one host core (thread_siblings_list), because QEMU makes consecutive
 * vCPUs siblings; all on one node, whose hugepages back the guest memory
 * (numatune strict). The node's first core (lowest CPU) is never given to
 * vCPUs: it and any other CPU of the node not used by vCPUs run the
 * emulator and I/O threads. Every function on vfio-pci becomes a hostdev.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_LIBVIRT_H
#define VMR_LIBVIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"
#include "sysroot.h"

#define VMR_LV_MAX_IOTHREADS 64     /* they share the emulator's CPUs */
#define VMR_LV_DEFAULT_MEM_KB 1048576 /* placeholder: no hugepages */
#define VMR_LV_GUEST_NAME "vmreserve-guest"

struct vmr_lv_opts {
	int node;           /* -1: default (see vmr_libvirt_print) */
	unsigned vcpus;     /* 0: default, every core but the first */
	unsigned iothreads; /* 0: none; the command line's default is 1 */
	bool full;          /* a whole <domain>, not a fragment */
	/* suggest: the guest it proposes, not what the host has now. */
	uint64_t page_kb, pages; /* 0: the node's reserved hugepages */
	const size_t *devs;      /* hostdevs (r->fn indexes, address order);
				    NULL: the functions on vfio-pci */
	size_t n_devs;
};

/*
 * Print the XML to out. The default node is the one holding the most
 * reserved hugepage memory, else the node of the first function (in address
 * order) on vfio-pci that has one, else 0. On a usage problem (bad node,
 * vcpus not a multiple of threads per core, too many vcpus, no CPU left for
 * the emulator) return -EINVAL with a one-line message in err naming the bad
 * value and the fix; other failures -errno with a message. Nothing is
 * printed when it fails, except for -EIO (out could not be written).
 */
int vmr_libvirt_print(FILE *out, const struct vmr_root *root,
		      const struct vmr_report *r, const struct vmr_lv_opts *o,
		      char *err, size_t errlen);

#endif
