/* SPDX-License-Identifier: MIT */
/*
 * `vmreserve check-domain`: does a libvirt domain fit this host now?
 *
 * The domain (domain_xml.h) is judged against the status report
 * (report.h), the same facts `vmreserve status` shows: each PCI hostdev
 * exists, is on vfio-pci (or managed='yes' so libvirt moves it), has an
 * IOMMU group that is viable with the domain's hostdevs, and is not the
 * boot VGA device; hugepage-backed memory fits the free pages of the host
 * nodes <numatune> allows (strict: those nodes only); vCPU pins name CPUs
 * this host has, on the nodes holding the guest's memory. One structure,
 * three printers (text, JSON, one line for the libvirt hook).
 *
 * Exit status: 0 fits, 1 fits with warnings, 2 does not fit (libvirt would
 * fail, or the guest would run without what it asks), 3 usage or an XML
 * that cannot be read.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_CHECK_DOMAIN_H
#define VMR_CHECK_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "domain_xml.h"
#include "report.h"

#define VMR_DC_MAX_MEM (VMR_DOM_MAX_CELL + 1)

struct vmr_dc_dev {
	char addr[VMR_BDF_LEN];
	bool managed, interface;
	bool exists;
	char id[10];              /* "10de:1c81", "" when unknown */
	char driver[VMR_DRV_LEN]; /* "" none */
	int group;                /* -1 none */
	int viable;               /* 1, 0, -1 not judged */
	bool boot_vga;
	enum vmr_level level;
};

/* Guest memory of one page size that may come from one set of nodes. */
struct vmr_dc_mem {
	uint64_t page_kb;
	char nodes[VMR_DOM_SET_LEN]; /* host nodes, list form; "" any node */
	const char *mode;            /* strict, preferred, ..., "any" */
	uint64_t need;               /* pages */
	uint64_t free;               /* free pages on those nodes */
	bool free_known;
	enum vmr_level level;
};

struct vmr_dcheck {
	char name[VMR_DOM_NAME_LEN];
	size_t n_dev;
	struct vmr_dc_dev *dev;      /* heap: one per hostdev */
	bool hugepages;              /* memory is hugepage-backed */
	size_t n_mem;
	struct vmr_dc_mem mem[VMR_DC_MAX_MEM];
	size_t n_pin, n_pin_off;     /* pins judged, pins off their nodes */
	struct vmr_advice_list advice; /* its worst is the verdict */
	int exit;                    /* enum vmr_exit */
};

/*
 * Judge d against the report r built on root: 0, or -ENOMEM. c->dev is
 * on the heap (c is judged once per run: it is not freed).
 */
int vmr_check_domain(const struct vmr_root *root, const struct vmr_report *r,
		     const struct vmr_domain *d, struct vmr_dcheck *c);

/*
 * Read the XML from file ("-" or NULL: standard input), parse it and judge
 * it against r into c. Returns 0, or VMR_EXIT_USAGE for a file that cannot
 * be read or parsed, with one line on stderr naming it and why. The caller
 * prints c (check_domain_print.h) and exits with c->exit.
 */
int vmr_check_domain_file(const struct vmr_root *root,
			  const struct vmr_report *r, const char *file,
			  struct vmr_dcheck *c);

#endif
