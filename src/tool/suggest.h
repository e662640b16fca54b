/* SPDX-License-Identifier: MIT */
/*
 * `vmreserve suggest DEVICE`: the configuration that passes DEVICE's slot
 * through on this host, judged as status would judge it. One structure,
 * filled once, printed as text or JSON (suggest_print.c), so the two agree.
 *
 * The judgement is the status tool's: the report (status.h) gathers the
 * host with the proposed rd.vmreserve.pci key as its plan; group viability
 * is the core's rule (vmr_member_blocks), the keep margin the core's
 * (vmr_keep_bytes), the XML the libvirt generator's, the checks checks.c's.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_SUGGEST_H
#define VMR_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "group_truth.h"
#include "hostboot.h"
#include "report.h"
#include "sysroot.h"

struct vmr_suggest_opts {
	const char *device;   /* address or vendor:device id */
	uint64_t memory_kb;   /* 0: the default (vmreserve(8), suggest) */
	const char *memory_arg; /* as given, for messages */
	unsigned vcpus;       /* 0: the libvirt generator's default */
	uint64_t page_kb;     /* 2048 or 1048576 */
	const char *sysroot;  /* absolute, for libkmod; NULL: / */
	const char *cmdline;  /* --cmdline: the host's kernel keys */
};

struct vmr_sg_group {
	int id;
	bool viable;          /* once the whole slot is on vfio-pci */
	bool unknown;         /* a member's driver could not be read */
	size_t n_block;
	size_t block[8];      /* blocking members (r->fn indexes) */
	size_t n_binder;      /* members the keys leave on vfio-pci: */
	size_t binder[8];     /* viable only via another binder */
};

enum vmr_sg_limit {
	VMR_SG_LIMIT_TOTAL,    /* the node's total less the keep margin */
	VMR_SG_LIMIT_BOOT,     /* the free memory the record measured */
	VMR_SG_LIMIT_FREE_NOW, /* the free memory now (no measurement) */
};

/* Where the VM's memory comes from (vmreserve(8), suggest). */
enum vmr_sg_mem {
	VMR_SG_MEM_OPTION,     /* --memory */
	VMR_SG_MEM_HALF,       /* default: half the node above its keep margin */
	VMR_SG_MEM_LIMIT,      /* default, capped at what fits */
};

#define VMR_SG_MAX_GROUPS 8
/* The keys: rd.vmreserve.pci= (up to VMR_ARG_LEN) and the rest. */
#define VMR_SG_KEYS_LEN (2 * VMR_ARG_LEN + 512)

struct vmr_suggest {
	struct vmr_report r;         /* the host, plan = the proposed slot */
	char device[64];             /* DEVICE as given */
	char asked[VMR_BDF_LEN];     /* the function DEVICE names (the first) */
	bool asked_one;              /* DEVICE matched one function */
	char slot[VMR_BDF_LEN];      /* "0000:06:00" */
	char sel[VMR_BDF_LEN + 12];  /* "06:00@10de:1c81" */
	bool pinned;
	uint16_t pin_vendor, pin_device;
	size_t n_fn;
	size_t *fn;                  /* the slot's functions, address order:
					those the keys select (group_truth.h) */
	struct vmr_gt gt;            /* other functions, extra members, the
					keys' selectors (gt.sel) */
	size_t n_group;
	struct vmr_sg_group group[VMR_SG_MAX_GROUPS];
	bool iommu_on;
	const char *iommu_key;       /* "intel_iommu=on" or NULL */
	unsigned node;
	bool node_from_device;       /* else: the most free memory */
	uint64_t page_kb, pages, memory_kb, limit_kb, keep_kb, node_total_kb;
	enum vmr_sg_limit limit_from; /* what bounds limit_kb */
	enum vmr_sg_mem memory_from;  /* how memory_kb was chosen */
	/* The host's own plan (vmr_report_host_plan) and what it reserves on
	   the node: the chosen size's entry (the keys hold it plus
	   memory_kb), and the other sizes. */
	const struct vmr_plan *host;
	const char *host_from;
	uint64_t host_kb, other_kb;
	size_t n_empty;
	unsigned empty[16];          /* other nodes emptied */
	/* The kernel command-line keys: the host's whole rd.vmreserve
	   configuration, meant to replace its keys (not to be added). */
	char keys[VMR_SG_KEYS_LEN];
	char conf_pci[VMR_SG_KEYS_LEN], conf_hp[VMR_SG_KEYS_LEN];
	char conf_keep[64];          /* "" unless keep_key */
	struct vmr_keep keep;        /* the host's rd.vmreserve.keep, or the
					default */
	bool keep_key;               /* the keys carry rd.vmreserve.keep= */
	struct vmr_hostboot hb;
	char apply[VMR_SG_KEYS_LEN + 256]; /* how the keys reach the boot */
	char *xml;                   /* libvirt domain (heap) */
	struct vmr_advice_list advice;
	int exit;                    /* enum vmr_exit */
};

/*
 * Fill s. Returns 0 (s->exit says 0, 1 or 2), or -EINVAL on a usage
 * problem (no such device, an id matching several, memory that does not
 * fit, a page size the node lacks, bad --vcpus) with one line in err
 * naming the value and the fix. vmr_suggest_free() after either.
 */
int vmr_suggest_build(const struct vmr_root *root,
		      const struct vmr_suggest_opts *o, struct vmr_suggest *s,
		      char *err, size_t errlen);
void vmr_suggest_free(struct vmr_suggest *s);


#endif
