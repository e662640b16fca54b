/* SPDX-License-Identifier: MIT */
/*
 * The status report, the model every step shares: filled once by the read
 * step (read.h) from the command line, the early binary's state record and
 * the kernel's view, judged (judge.h), then handed to the printers
 * (report_print.h: text, JSON, Prometheus). Printers only format; every
 * judgement (in effect or not, viable or not, what advice) is made before,
 * so the three outputs cannot disagree. This header declares the model and
 * its accessors (report.c) only: it includes nothing of the tool above the
 * advice list.
 *
 * Host-only (the status tool). Functions, groups, nodes and hugepage rows
 * live on the heap and grow with the machine; what could not be held (out
 * of memory) and the advice past VMR_MAX_ADVICE are counted and named in
 * every output. A value the tool could not read is unknown, not a fact: its
 * *_unread field points at the path and errno (see struct vmr_unread).
 */
#ifndef VMR_REPORT_H
#define VMR_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "advice.h"
#include "cmdline.h"
#include "cmdline_src.h"
#include "pci.h"
#include "record.h"
#include "sysroot.h"

#define VMR_MAX_HOSTDRV 4    /* host drivers named per device */
#define VMR_CPULIST_LEN 4096 /* 1024 CPUs numbered alternately */
#define VMR_ISO_MAX 16       /* slots and ports named per group */

/* Exit status, like a monitoring check (vmreserve(8), EXIT STATUS). */
enum vmr_exit {
	VMR_EXIT_OK = 0,
	VMR_EXIT_WARNING = 1,
	VMR_EXIT_CRITICAL = 2,
	VMR_EXIT_USAGE = 3,
};

/*
 * A file the tool could not read (other than an absence that is a fact,
 * such as no driver link): the path below the root and -errno. Values
 * refer to one with a *_unread field: 0 read, k for r->unread[k - 1].
 */
struct vmr_unread {
	char path[VMR_PATH_MAX];
	int err;
};

/* One PCI function as the kernel shows it now. */
struct vmr_fn {
	char addr[VMR_BDF_LEN];
	uint16_t vendor, device;
	uint32_t class;
	char driver[VMR_DRV_LEN];   /* "" when none */
	char override[VMR_DRV_LEN]; /* "" when unset ("(null)" or empty) */
	int group;                  /* -1 when none */
	int numa_node;              /* -1 when unknown */
	bool boot_vga;
	bool bridge;                /* class 0x06 or a non-normal header */
	bool blocks;                /* keeps its group from being viable;
				       status names only unselected ones
				       (a selected one has its own advice) */
	int sel;                    /* first selector matching it, -1 none */
	bool sel_by_address;
	size_t n_host;              /* host drivers its modalias names */
	char host[VMR_MAX_HOSTDRV][VMR_DRV_LEN];
	int host_lookup;            /* 0, or -errno when libkmod could not say */
	/* Selected functions only: */
	char early[16];             /* status the state record gives, "" none */
	char why[VMR_MSG_LEN];      /* the record's dev.N.why, "" none */
	char before[VMR_DRV_LEN];   /* the record's dev.N.driver_before:
				       the driver vmreserve-early found */
	bool in_effect;             /* on vfio-pci now */
	/* Where it sits and what it is (isolation.c): the bridge above it
	 * (its index in fn, -1 on a root bus) and the revision (config
	 * byte 0x08). */
	long up;
	uint8_t revision;
	bool rev_known;
	/* Unknown values (0: read): ids, class or boot_vga; driver link;
	 * override; group link; numa_node. */
	unsigned id_unread, driver_unread, override_unread, group_unread,
		 numa_unread;
};

struct vmr_group {
	int id;
	size_t first, count; /* slice of report.fn (sorted by group) */
	bool viable;
	bool selected;       /* holds a selected function */
	unsigned unread;     /* a member's driver is unknown: viability too */
	/* Isolation (ACS), apart from viability (isolation.c): the slots
	 * ("0000:01:00") its endpoints sit in, bridges aside, and the ports
	 * below the point where two slots' paths meet (one of them lacks
	 * ACS). Counts may exceed what is held (VMR_ISO_MAX). */
	size_t n_slot, n_port;
	char slot[VMR_ISO_MAX][VMR_BDF_LEN];
	char port[VMR_ISO_MAX][VMR_BDF_LEN];
};

struct vmr_node {
	unsigned id;
	uint64_t mem_total_kb, mem_free_kb;
	char cpulist[VMR_CPULIST_LEN];
	unsigned meminfo_unread, cpulist_unread;
	unsigned hp_unread;    /* its hugepages directory: sizes unknown */
};

/* One node and page size: what the kernel has, what was asked. */
struct vmr_hprow {
	unsigned node;
	uint64_t page_kb;
	uint64_t total, free, surplus; /* nr_hugepages, free_, surplus_ */
	bool asked;
	uint64_t requested;    /* pages the command line asks */
	uint64_t target;       /* after the early binary's clamp (= requested
				  when there is no record) */
	bool target_known;     /* false: the record's number did not parse */
	char early[16];        /* status the state record gives, "" none */
	enum vmr_level level;  /* OK when total >= target */
	unsigned unread;       /* total, free or surplus unknown: all three
				  shown unknown, the row not judged */
};

/* The record's dev.N entries: status, reason, the driver found at boot. */
struct vmr_rec_dev {
	char addr[VMR_BDF_LEN];
	char status[16];
	char why[VMR_MSG_LEN];
	char before[VMR_DRV_LEN];
};

/* The record's hp.N entries. */
struct vmr_rec_hp {
	bool known;            /* node and page_kb parsed: the entry matches */
	unsigned node;
	uint64_t page_kb;
	bool target_seen, target_known;
	uint64_t target;       /* pages after the clamp */
	char status[16];
	bool measured;         /* free_kb and before parsed */
	uint64_t free_kb, before; /* the node's free memory, pages held */
};

/*
 * Without a record: what the kernel log says of vmreserve-early in this
 * boot (read_kmsg.c), so that "could not write it" is not "did not run".
 */
enum vmr_klog {
	VMR_KLOG_NOT_READ, /* the record exists: the log is not read */
	VMR_KLOG_UNKNOWN,  /* unreadable (dmesg_restrict, not root): klog_error */
	VMR_KLOG_SILENT,   /* read: no line of vmreserve-early */
	VMR_KLOG_RAN,      /* it ran; klog_reason: why the record is missing */
};

#define VMR_KLOG_REASON 160

/*
 * The record as read (vmr_record_load, checked against the schema), its
 * values copied here by the read step; a number that did not parse is
 * unknown (its _known is false), never 0.
 */
struct vmr_early_rec {
	bool present;     /* /run/vmreserve/state exists */
	int read_error;   /* -errno when present but unreadable */
	unsigned version; /* record format (state version=) */
	char writer[48];
	char result[24];  /* ok, partial, config-error, disabled */
	int exit;
	bool exit_known;
	uint64_t total_us;
	bool total_known;
	bool truncated;   /* truncated=1: the writer ran out of room */
	bool cut;         /* larger than the reader's buffer */
	size_t n_bad;     /* lines not trusted */
	size_t bad_line;  /* the first of them (from 1) and what is wrong */
	char bad[VMR_REC_BAD_LEN];
	char conf[VMR_CONF_FP_LEN]; /* conf=, "" when the record has none */
	enum vmr_klog klog;         /* no record: the kernel log's word */
	int klog_error;             /* VMR_KLOG_UNKNOWN: -errno */
	char klog_reason[VMR_KLOG_REASON]; /* VMR_KLOG_RAN: the logged error,
					      "" when none was logged */
	size_t n_dev, n_hp;
	struct vmr_rec_dev dev[VMR_MAX_DEV];
	struct vmr_rec_hp hp[VMR_MAX_HP];
};

/* Where the judged plan comes from. */
enum vmr_plan_origin {
	VMR_PLAN_PROC,    /* /proc/cmdline */
	VMR_PLAN_RECORD,  /* the parameters the early binary recorded */
	VMR_PLAN_ARG,     /* --cmdline */
	VMR_PLAN_SUGGEST, /* suggest's proposed keys: nothing applied yet */
};

/*
 * /etc/vmreserve.conf: the initramfs' copy at boot against the host's file
 * now (conf_drift.c).
 */
enum vmr_conf_drift {
	VMR_CONF_UNKNOWN, /* no record, or one without conf= */
	VMR_CONF_SAME,
	VMR_CONF_CHANGED,
	VMR_CONF_ADDED,   /* on the host, not in the initramfs */
	VMR_CONF_REMOVED, /* in the initramfs, not on the host */
};

struct vmr_conf_check {
	char boot[VMR_CONF_FP_LEN]; /* the record's conf=, "" unknown */
	char now[VMR_CONF_FP_LEN];  /* the host's file: absent, skipped, S:H */
	int now_err;                /* -errno when it is there, not read */
	enum vmr_conf_drift drift;
	const char *generator;      /* hostboot.h: dracut, initramfs-tools */
	const char *rebuild;        /* the command that rebuilds the images */
};

struct vmr_iommu {
	bool dmar, ivrs;       /* ACPI tables present */
	unsigned groups;
	bool enabled;          /* groups > 0, or a function has a group */
	int irq_remap;         /* 1 on, 0 off, -1 cannot tell */
	bool unsafe_type1;     /* vfio_iommu_type1.allow_unsafe_interrupts=Y */
	bool unsafe_iommufd;   /* iommufd.allow_unsafe_interrupts=Y */
	/* Unknown values (0: read). groups_unread: neither the count nor,
	 * unless a function has a group link, whether the IOMMU is on. */
	unsigned acpi_unread, groups_unread, irq_unread, unsafe_unread;
};

/* Keys of other tools that overlap ours, from /proc/cmdline. */
struct vmr_foreign {
	char vfio_ids[1024];  /* vfio-pci.ids= / vfio_pci.ids= (binders.c) */
	bool vfio_ids_cut;    /* longer than vfio_ids: not known whole */
	char hugepages[128];  /* hugepages= (last) */
};

/*
 * Hugepage counts other settings ask (read_sysctl.c): vm.nr_hugepages and
 * vm.nr_hugepages_mempolicy as systemd-sysctl applies them after boot (the
 * last assignment in its file order wins; where names FILE:LINE), and the
 * kernel's own hugepagesz= / hugepages= / default_hugepagesz=, which
 * reserve before the initramfs runs. Judged in judge_hp.c.
 */
struct vmr_hp_set {
	bool set;
	unsigned seq;            /* order applied: the later of two wins */
	uint64_t pages;
	char where[VMR_PATH_MAX + 16]; /* "/etc/sysctl.conf:12" */
};

#define VMR_MAX_KHP 8
#define VMR_SYSCTL_FILES 128 /* sysctl files read, the first in order */
struct vmr_khp {
	uint64_t page_kb;
	int node;                /* -1: hugepages=N over all nodes */
	uint64_t pages;
	char text[48];           /* "hugepagesz=1G hugepages=16" */
};

struct vmr_hp_other {
	struct vmr_hp_set nr, mempolicy;
	unsigned files;          /* sysctl files read */
	unsigned seq;            /* assignments seen */
	bool cut;                /* a file past 64 KiB, or no memory */
	unsigned dropped;        /* sysctl files not read: over the bound */
	bool conf_linked;        /* sysctl.d links /etc/sysctl.conf */
	/* /etc/sysctl.conf's setting when nothing links it (procps only) */
	struct vmr_hp_set conf_only;
	bool conf_only_mempolicy; /* conf_only is vm.nr_hugepages_mempolicy */
	uint64_t default_kb;     /* default_hugepagesz=, else 2048 */
	size_t n_khp;
	struct vmr_khp khp[VMR_MAX_KHP];
	bool blamed;             /* a row named the sysctl as the cause */
};

struct vmr_report {
	char cmdline[VMR_CMDLINE_MAX]; /* /proc/cmdline, or --cmdline */
	unsigned cmdline_unread;  /* /proc/cmdline unreadable */
	struct vmr_plan plan;
	enum vmr_plan_origin plan_from;
	/* The plan this boot's record holds (the read step rebuilt it):
	   status's plan, and the host's for suggest. */
	bool boot_plan_ok;
	struct vmr_plan boot_plan;
	struct vmr_foreign foreign;
	struct vmr_hp_other hp_other;
	struct vmr_early_rec early;
	struct vmr_conf_check conf;
	struct vmr_iommu iommu;
	/* SMBIOS chassis type (/sys/class/dmi/id/chassis_type: 9 laptop,
	 * 10 notebook, ...); 0: absent or unread. quirks.c asks it. */
	unsigned chassis_type, chassis_unread;

	unsigned devices_unread;           /* sys/bus/pci/devices */
	unsigned ids_unread;               /* a function's ids (the first) */
	unsigned nodes_unread;             /* sys/devices/system/node */
	/* Heap arrays; *_dropped: not held (out of memory), named in advice. */
	size_t n_fn, n_fn_dropped, cap_fn;
	struct vmr_fn *fn;                 /* by group, then address */
	size_t n_group, n_group_dropped, cap_group;
	struct vmr_group *group;
	unsigned sel_hits[VMR_MAX_SEL];
	uint32_t sel_found[VMR_MAX_SEL];   /* see vmr_plan_match() */
	size_t n_selected;
	size_t *selected;                  /* selected functions (index into
					      fn), in address order */

	size_t n_node, n_node_dropped, cap_node;
	struct vmr_node *node;
	size_t n_hp, n_hp_dropped, cap_hp;
	struct vmr_hprow *hp;              /* by node, then page size */

	size_t n_unread, n_unread_dropped, cap_unread;
	struct vmr_unread *unread;

	struct vmr_advice_list advice;

	size_t asked, in_effect; /* items the command line asked, and met */
	size_t partly, unknown;  /* in effect in part; cannot be judged */
	enum vmr_level level;    /* the verdict (vmr_judge_verdict) */
	int exit;                /* enum vmr_exit */
};

const char *vmr_plan_origin_name(enum vmr_plan_origin o);
const char *vmr_conf_drift_name(enum vmr_conf_drift d);

/*
 * What the state record measured for NODE's PAGE_KB request at boot: the
 * node's free memory before it (hp.N.free_kb) and the pages it held then
 * (hp.N.before). false when this boot's record has no such entry.
 */
bool vmr_report_boot_free(const struct vmr_report *r, unsigned node,
			  uint64_t page_kb, uint64_t *free_kb, uint64_t *before);

/* The record's entry for this node and page size, or NULL. */
const struct vmr_rec_hp *vmr_report_rec_hp(const struct vmr_report *r,
					   unsigned node, uint64_t page_kb);

/* The record's status, reason and driver before for f (or ""), into f. */
void vmr_report_rec_dev(const struct vmr_report *r, struct vmr_fn *f);

void vmr_report_free(struct vmr_report *r);

/* "cannot read /PATH: reason" for a *_unread value (k > 0). */
void vmr_unread_text(const struct vmr_report *r, unsigned k, char *buf,
		     size_t size);

const char *vmr_class_name(uint32_t class);

/*
 * Were all PCI functions read? If not, a selector that matched none is
 * not judged (not "unmatched"): the function may be among the others.
 */
bool vmr_report_listed_all(const struct vmr_report *r);

/* The group with this id, or NULL. */
const struct vmr_group *vmr_report_group(const struct vmr_report *r, int id);

/* One lookup each: the function at an address, the node with an id, the
 * hugepage row of a node and page size; NULL when the report has none. */
struct vmr_fn *vmr_report_fn(const struct vmr_report *r, const char *addr);
struct vmr_node *vmr_report_node(const struct vmr_report *r, unsigned id);
struct vmr_hprow *vmr_report_hp(const struct vmr_report *r, unsigned node,
				uint64_t page_kb);

/* idx (indexes into fn, n of them) in bus address order. */
void vmr_fn_sort_by_addr(const struct vmr_fn *fn, size_t *idx, size_t n);

/* An asked item whose state is unknown (k: its *_unread): counted in
 * r->unknown and said as a warning, neither met nor a finding. */
void vmr_cannot_judge(struct vmr_report *r, unsigned k, const char *what);

/* A risk whose cause cannot be read: a warning naming the file. */
void vmr_advise_unread(struct vmr_report *r, unsigned k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
