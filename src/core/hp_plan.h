/* SPDX-License-Identifier: MIT */
/*
 * The hugepage plan: page counts, the keep margin, the order of requests,
 * shared by the early binary (src/early/reserve.c) and the status tool.
 *
 * A write to nodeN/.../nr_hugepages is best effort: it never spills to
 * another node and returns success on a partial allocation, so every
 * request is read back. Requests are clamped so that each node keeps the
 * keep margin free: over-reserving in the initramfs OOM-kills udev workers
 * and makes the machine unbootable.
 */
#ifndef VMR_HP_PLAN_H
#define VMR_HP_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "cmdline.h"
#include "sysroot.h"

#define VMR_HP_RETRIES 3 /* compaction + rewrite rounds when short (2M) */
#define VMR_GIGANTIC_KB 1048576 /* pages this big are never retried */

enum vmr_hp_status {
	VMR_HP_OK,       /* obtained what was asked */
	VMR_HP_CLAMPED,  /* obtained the clamped target */
	VMR_HP_SHORT,    /* obtained less than the target */
	VMR_HP_INVALID,  /* node or page size does not exist */
	VMR_HP_FAILED,   /* could not read or write sysfs */
	VMR_HP_PLANNED,  /* --dry-run */
};

struct vmr_hp_result {
	uint64_t requested; /* pages asked (sizes rounded up) */
	uint64_t target;    /* pages after the keep clamp */
	uint64_t before;    /* nr_hugepages when we started */
	uint64_t obtained;  /* nr_hugepages read back at the end */
	uint64_t keep_kb;   /* margin applied on the node */
	uint64_t free_kb;   /* node MemFree before the request */
	unsigned retries;
	uint64_t write_us;  /* time inside nr_hugepages writes: kernel floor */
	enum vmr_hp_status status;
};

/* Pages a request asks for: a size is rounded up to whole pages. */
uint64_t vmr_hp_pages(const struct vmr_hp_req *req);

/*
 * The keep limit: the most pages of page_kb a node can hold when it holds
 * before of them and free_kb is free, keep_kb of which must stay free.
 * In pages; suggest's limit in KiB is this times page_kb.
 */
uint64_t vmr_hp_limit(uint64_t before, uint64_t free_kb, uint64_t keep_kb,
		      uint64_t page_kb);

/* The same for one request and its measures (vmreserve-early's clamp). */
uint64_t vmr_hp_keep_limit(const struct vmr_hp_req *req,
			   const struct vmr_hp_result *res);

/*
 * Does the plan have an entry for this node and page size? Its index, or
 * -1. The one lookup (vmreserve-early's 1G note, suggest's host_entry).
 */
int vmr_plan_hp_find(const struct vmr_plan *plan, unsigned node,
		     uint64_t page_kb);

/* 1G and larger: built by alloc_contig_range(), never retried. */
bool vmr_hp_gigantic(const struct vmr_hp_req *req);

/*
 * The order requests are applied in: emptying first (frees memory), then
 * large pages before small ones, while memory is still contiguous.
 */
void vmr_hp_order(const struct vmr_plan *plan, size_t order[VMR_MAX_HP]);

const char *vmr_hp_status_name(enum vmr_hp_status s);

/* "2M", "1G", "64K": short human form of a page size. */
void vmr_format_kb(char *buf, size_t size, uint64_t kb);

#endif
