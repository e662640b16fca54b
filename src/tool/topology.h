/* SPDX-License-Identifier: MIT */
/*
 * CPU topology of one NUMA node, as the kernel shows it in sysfs.
 *
 * A physical core is the set of CPUs in a CPU's
 * topology/thread_siblings_list, restricted to the node. Core ids are not
 * contiguous (Westmere: 0,1,2,8,9,10) and sibling numbering is anything
 * (R710: 8 CPUs apart), so siblings are never derived from core_id or from
 * CPU numbers: core_id and physical_package_id only name a core.
 *
 * Host-only (the status tool); fixed arrays, no heap.
 */
#ifndef VMR_TOPOLOGY_H
#define VMR_TOPOLOGY_H

#include <stddef.h>

#include "sysroot.h"

#define VMR_TOPO_MAX_CPUS    1024  /* CPUs of one node */
#define VMR_TOPO_MAX_THREADS 8     /* SMT threads of one core (POWER: 8) */
#define VMR_CPU_ID_MAX       65535 /* highest CPU number a list may name */
#define VMR_CPULIST_TEXT     8192  /* a list file as read from sysfs */
#define VMR_TOPO_MAX_L3      256   /* L3 cache domains of one node */
#define VMR_TOPO_MAX_INDEX   16    /* cache/indexN directories tried */

struct vmr_core {
	int package;  /* physical_package_id, -1 when unreadable */
	int core_id;  /* core_id, -1 when unreadable; a name, not an index */
	int l3;       /* index into vmr_topo.l3, -1 when unknown */
	size_t n_cpu;
	unsigned cpu[VMR_TOPO_MAX_THREADS]; /* ascending */
};

/*
 * An L3 cache domain: the CPUs sharing one L3 (cpuN/cache/indexM with
 * level 3, its shared_cpu_list): a CCX on Zen 2, a CCD on Zen 3 and
 * later, a socket (or a sub-NUMA cluster) on most Intel parts. vCPUs
 * kept inside one share the guest's cache and do not contend with the
 * host's threads on another.
 */
struct vmr_l3 {
	unsigned first;   /* its lowest CPU: its name */
	/* shared_cpu_list as the kernel wrote it: as long as any list (an
	   interleaved numbering, 0,2,4,..., is long), never cut short */
	char cpus[VMR_CPULIST_TEXT];
	size_t n_core;    /* cores of the node in it */
};

struct vmr_topo {
	unsigned node;
	size_t n_cpu;
	unsigned cpu[VMR_TOPO_MAX_CPUS];          /* ascending */
	size_t n_core;
	struct vmr_core core[VMR_TOPO_MAX_CPUS];  /* by lowest CPU */
	size_t max_threads;                       /* most CPUs of one core */
	size_t n_l3;                              /* 0: no L3 known */
	struct vmr_l3 l3[VMR_TOPO_MAX_L3];
};

/*
 * Parse the kernel's list format ("0-3,8,10-11", "" for none) into cpus,
 * in the order written. Returns the count, -EINVAL on a malformed list
 * (or a number above VMR_CPU_ID_MAX), -E2BIG when more than max.
 */
int vmr_cpulist_parse(const char *s, unsigned *cpus, size_t max);

/*
 * Format ascending cpus in list form ("0-3,8"; "" for none). Returns the
 * length, or -ENOSPC when it does not fit in size.
 */
int vmr_cpulist_format(char *buf, size_t size, const unsigned *cpus,
		       size_t n);

/*
 * Read node's CPUs and group them into cores. Returns 0, or -errno with a
 * one-line message in err naming the file that failed (a node without
 * CPUs is not an error: n_cpu = 0).
 */
int vmr_topo_read(const struct vmr_root *root, unsigned node,
		  struct vmr_topo *t, char *err, size_t errlen);

/* Index of the core holding cpu, or -1. */
int vmr_topo_core_of(const struct vmr_topo *t, unsigned cpu);

#endif
