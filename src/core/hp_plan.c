/* SPDX-License-Identifier: MIT */
#include "hp_plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



const char *vmr_hp_status_name(enum vmr_hp_status s)
{
	switch (s) {
	case VMR_HP_OK:      return "ok";
	case VMR_HP_CLAMPED: return "clamped";
	case VMR_HP_SHORT:   return "short";
	case VMR_HP_INVALID: return "invalid";
	case VMR_HP_FAILED:  return "failed";
	case VMR_HP_PLANNED: return "planned";
	}
	return "unknown";
}

void vmr_format_kb(char *buf, size_t size, uint64_t kb)
{
	static const char unit[] = "KMGT";
	unsigned u = 0;

	while (u < 3 && kb >= 1024 && kb % 1024 == 0) {
		kb /= 1024;
		u++;
	}
	snprintf(buf, size, "%llu%c", (unsigned long long)kb, unit[u]);
}

uint64_t vmr_hp_pages(const struct vmr_hp_req *req)
{
	uint64_t page = req->page_kb * 1024;

	if (!req->is_size)
		return req->amount;
	return req->amount / page + (req->amount % page != 0);
}

uint64_t vmr_hp_limit(uint64_t before, uint64_t free_kb, uint64_t keep_kb,
		      uint64_t page_kb)
{
	uint64_t spare = free_kb > keep_kb ? free_kb - keep_kb : 0;

	return before + spare / page_kb;
}

uint64_t vmr_hp_keep_limit(const struct vmr_hp_req *req,
			   const struct vmr_hp_result *res)
{
	return vmr_hp_limit(res->before, res->free_kb, res->keep_kb,
			    req->page_kb);
}

int vmr_plan_hp_find(const struct vmr_plan *plan, unsigned node,
		     uint64_t page_kb)
{
	for (size_t i = 0; i < plan->n_hp; i++)
		if (plan->hp[i].node == node && plan->hp[i].page_kb == page_kb)
			return (int)i;
	return -1;
}

/*
 * The kernel builds each 1G page with alloc_contig_range(), which already
 * migrates the movable pages of an aligned GiB. What spoils a GiB is
 * unmovable (memblock reservations such as the memmap or the swiotlb
 * buffer, slab, page tables), and compaction cannot move that either: for
 * 1G pages a retry only costs boot time (make bench: three rounds, about
 * 170 ms under TCG, never a page). 2M pages come from the buddy allocator,
 * where compaction does gather free blocks.
 */
bool vmr_hp_gigantic(const struct vmr_hp_req *req)
{
	return req->page_kb >= VMR_GIGANTIC_KB;
}

/* Emptying first (frees memory), then large pages while memory is whole. */
static bool goes_before(const struct vmr_hp_req *a, const struct vmr_hp_req *b)
{
	bool a_empty = a->amount == 0, b_empty = b->amount == 0;

	if (a_empty != b_empty)
		return a_empty;
	return a->page_kb > b->page_kb;
}

void vmr_hp_order(const struct vmr_plan *plan, size_t order[VMR_MAX_HP])
{
	/* Stable insertion sort: equal entries keep command-line order. */
	for (size_t i = 0; i < plan->n_hp; i++) {
		size_t j = i;

		for (; j > 0 && goes_before(&plan->hp[i], &plan->hp[order[j - 1]]); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}
