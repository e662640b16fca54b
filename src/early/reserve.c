/* SPDX-License-Identifier: MIT */
/*
 * Reserving hugepages: the early binary's nr_hugepages writes, read back,
 * with compaction and retries for 2M pages. The plan (page counts, keep
 * margin, order) is the core's (hp_plan.c).
 */
#include "reserve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "sysfs_write.h"
#include "text.h"

/*
 * How the messages about an entry name it: "rd.vmreserve.hugepages", or
 * "/etc/vmreserve.conf:LINE: hugepages" for a line of the config file, as
 * the parser's diagnostics do.
 */
static const char *origin(const struct vmr_hp_req *req,
			  char buf[VMR_ORIGIN_LEN])
{
	return vmr_origin(req->from, "hugepages", buf);
}

/*
 * One format per directory, the file name an argument: each distinct
 * format string costs its full length in the initramfs binary.
 */
#define NODE_DIR "sys/devices/system/node/node%u/%s"
#define HP_DIR   "sys/devices/system/node/node%u/hugepages/hugepages-%llukB/%s"

/* The count asked for, with a note when a size was rounded up. */
static uint64_t requested_pages(const struct vmr_hp_req *req)
{
	uint64_t pages = vmr_hp_pages(req);
	char ps[24], at[VMR_ORIGIN_LEN];

	if (req->is_size && req->amount % (req->page_kb * 1024)) {
		vmr_format_kb(ps, sizeof(ps), req->page_kb);
		vmr_log(LOG_NOTICE, "%s: '%s': not a multiple of %s, rounded "
			"up to %llu pages", origin(req, at), req->text, ps,
			(unsigned long long)pages);
	}
	return pages;
}

static int node_memory(const struct vmr_root *root, unsigned node,
		       uint64_t *total_kb, uint64_t *free_kb)
{
	char text[4096];
	int r = vmr_readf(root, text, sizeof(text), NODE_DIR, node, "meminfo");

	if (r >= 0)
		r = vmr_meminfo_kb(text, "MemTotal:", total_kb);
	if (r == 0)
		r = vmr_meminfo_kb(text, "MemFree:", free_kb);
	return r;
}

struct sizes_ctx {
	char list[96];
	size_t len;
};

static int add_size(const char *name, void *ctx)
{
	struct sizes_ctx *c = ctx;
	char kb[24];
	const char *end;
	uint64_t v;
	int n;

	if (strncmp(name, "hugepages-", 10) != 0)
		return 0;
	end = vmr_scan_u64(name + 10, 10, &v);
	if (!end || strcmp(end, "kB") != 0)
		return 0;
	vmr_format_kb(kb, sizeof(kb), v);
	n = snprintf(c->list + c->len, sizeof(c->list) - c->len, "%s%s",
		     c->len ? " " : "", kb);
	if (n > 0 && (size_t)n < sizeof(c->list) - c->len)
		c->len += (size_t)n;
	return 0;
}

/* Say exactly which part of the entry the kernel cannot serve. */
static bool entry_valid(const struct vmr_root *root,
			const struct vmr_hp_req *req)
{
	char online[64], ps[24], at[VMR_ORIGIN_LEN];
	struct sizes_ctx sizes = { "", 0 };

	if (!vmr_existsf(root, NODE_DIR, req->node, "")) {
		if (vmr_read(root, "sys/devices/system/node/online", online,
			     sizeof(online)) < 0)
			snprintf(online, sizeof(online), "unknown");
		vmr_log(LOG_ERR, "%s: '%s': node %u does not exist (online "
			"nodes: %s)", origin(req, at), req->text, req->node, online);
		return false;
	}
	if (vmr_existsf(root, HP_DIR, req->node,
			(unsigned long long)req->page_kb, ""))
		return true;
	vmr_format_kb(ps, sizeof(ps), req->page_kb);
	vmr_foreach_dirf(root, add_size, &sizes, NODE_DIR, req->node,
			 "hugepages");
	vmr_log(LOG_ERR, "%s: '%s': node %u offers no %s pages (it offers: "
		"%s)%s", origin(req, at), req->text, req->node, ps,
		sizes.len ? sizes.list : "none",
		req->page_kb == 1048576 ? "; 1G pages need the CPU flag "
		"pdpe1gb (try hugepagesz=1G on the kernel command line)" : "");
	return false;
}

static int write_count(const struct vmr_root *root, const char *path,
		       uint64_t pages, struct vmr_hp_result *res)
{
	char value[24];
	uint64_t t0 = vmr_now_us();
	int r;

	snprintf(value, sizeof(value), "%llu\n", (unsigned long long)pages);
	r = vmr_set(root, path, value);
	res->write_us += vmr_now_us() - t0;
	if (r == 0)
		r = vmr_read_u64(root, path, &res->obtained);
	return r;
}

/* Compaction gathers free 2M/1G ranges that fragmentation scattered. */
static void compact(const struct vmr_root *root, unsigned node)
{
	char path[VMR_PATH_MAX];

	if (vmr_path(path, NODE_DIR, node, "compact") == 0 &&
	    vmr_exists(root, path) && vmr_send(root, path, "1\n") == 0)
		return;
	vmr_send(root, "proc/sys/vm/compact_memory", "1\n");
}

static int reserve(const struct vmr_root *root, const struct vmr_hp_req *req,
		   const char *path, struct vmr_hp_result *res)
{
	int r = write_count(root, path, res->target, res);

	while (r == 0 && res->obtained < res->target && !vmr_hp_gigantic(req) &&
	       res->retries < VMR_HP_RETRIES) {
		res->retries++;
		compact(root, req->node);
		r = write_count(root, path, res->target, res);
	}
	return r;
}

static void log_result(const struct vmr_hp_req *req,
		       const struct vmr_hp_result *res)
{
	char ps[24];

	vmr_format_kb(ps, sizeof(ps), req->page_kb);
	if (res->status == VMR_HP_PLANNED) {
		vmr_log(LOG_INFO, "node %u: %s pages: would set nr_hugepages to "
			"%llu (now %llu)", req->node, ps,
			(unsigned long long)res->target,
			(unsigned long long)res->before);
		return;
	}
	vmr_log(res->status == VMR_HP_OK || res->status == VMR_HP_CLAMPED ?
		LOG_INFO : LOG_ERR,
		"node %u: %s pages: requested %llu, target %llu, obtained %llu "
		"(was %llu; %u retries; %llu us)%s", req->node, ps,
		(unsigned long long)res->requested,
		(unsigned long long)res->target,
		(unsigned long long)res->obtained,
		(unsigned long long)res->before, res->retries,
		(unsigned long long)res->write_us,
		res->status != VMR_HP_SHORT ? "" : vmr_hp_gigantic(req) ?
		": SHORT, the kernel found no aligned GiB of this node it could "
		"empty; reserve 1G pages with the kernel's "
		"hugepagesz=1G hugepages=NODE:COUNT and keep this entry to "
		"check them" : ": SHORT, the kernel could not find enough free "
		"memory on this node");
}

/* The keep margin is named where it was asked, as the entry is. */
static void clamp(const struct vmr_plan *plan, const struct vmr_hp_req *req,
		  struct vmr_hp_result *res)
{
	uint64_t limit = vmr_hp_keep_limit(req, res);
	char ps[24], at[VMR_ORIGIN_LEN], keep[VMR_ORIGIN_LEN];

	if (res->requested <= res->before || res->requested <= limit)
		return;
	res->target = limit;
	res->status = VMR_HP_CLAMPED;
	vmr_format_kb(ps, sizeof(ps), req->page_kb);
	vmr_log(LOG_WARNING, "%s: '%s': node %u has %llu "
		"MiB free and must keep %llu MiB (%s): clamped "
		"from %llu to %llu %s pages", origin(req, at), req->text,
		req->node, (unsigned long long)(res->free_kb / 1024),
		(unsigned long long)(res->keep_kb / 1024),
		vmr_origin(plan->keep_from, "keep", keep),
		(unsigned long long)res->requested,
		(unsigned long long)limit, ps);
}

static void apply_one(const struct vmr_root *root, const struct vmr_plan *plan,
		      const struct vmr_hp_req *req, struct vmr_hp_result *res,
		      bool dry_run)
{
	char path[VMR_PATH_MAX], at[VMR_ORIGIN_LEN];
	uint64_t total_kb = 0;

	memset(res, 0, sizeof(*res));
	res->status = VMR_HP_INVALID;
	if (!entry_valid(root, req))
		return;
	res->status = VMR_HP_FAILED;
	res->requested = res->target = requested_pages(req);
	if (vmr_path(path, HP_DIR, req->node,
		     (unsigned long long)req->page_kb, "nr_hugepages") < 0 ||
	    vmr_read_u64(root, path, &res->before) < 0 ||
	    node_memory(root, req->node, &total_kb, &res->free_kb) < 0) {
		vmr_log(LOG_ERR, "%s: '%s': cannot read "
			"node %u's hugepages or meminfo: not reserving blind",
			origin(req, at), req->text, req->node);
		return;
	}
	res->obtained = res->before;
	res->keep_kb = vmr_keep_kb(&plan->keep, total_kb);
	res->status = VMR_HP_OK;
	clamp(plan, req, res);
	if (dry_run) {
		res->status = VMR_HP_PLANNED;
		log_result(req, res);
		return;
	}
	if (reserve(root, req, path, res) < 0)
		res->status = VMR_HP_FAILED;
	else if (res->obtained != res->target)
		res->status = VMR_HP_SHORT;
	log_result(req, res);
}

/*
 * The kernel's boot-time hugepages=NODE:COUNT puts the 1G pages that do not
 * fit on the named node on another node and does not say where (make bench
 * saw it happen). So when 1G pages are asked for, name every node the plan
 * does not mention that holds pages of that size, and how to free them.
 */
struct elsewhere {
	const struct vmr_root *root;
	const struct vmr_plan *plan;
	uint64_t page_kb;
};

static int note_elsewhere(const char *name, void *ctx)
{
	const struct elsewhere *e = ctx;
	char ps[24];
	const char *end;
	uint64_t node, nr;

	if (strncmp(name, "node", 4) != 0)
		return 0;
	end = vmr_scan_u64(name + 4, 10, &node);
	if (!end || *end || node > VMR_MAX_NODE ||
	    vmr_plan_hp_find(e->plan, (unsigned)node, e->page_kb) >= 0)
		return 0;
	if (vmr_readf_u64(e->root, &nr, HP_DIR, (unsigned)node,
			  (unsigned long long)e->page_kb, "nr_hugepages") < 0 ||
	    nr == 0)
		return 0;
	vmr_format_kb(ps, sizeof(ps), e->page_kb);
	vmr_log(LOG_NOTICE, "node %u holds %llu %s pages not asked for "
		"(the kernel's hugepages= may have put them there): add "
		"%u:0:%s to free them", (unsigned)node, (unsigned long long)nr,
		ps, (unsigned)node, ps);
	return 0;
}

static void note_gigantic_elsewhere(const struct vmr_root *root,
				    const struct vmr_plan *plan)
{
	for (size_t i = 0; i < plan->n_hp; i++) {
		struct elsewhere e = { root, plan, plan->hp[i].page_kb };
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= plan->hp[j].page_kb == e.page_kb;
		if (!seen && vmr_hp_gigantic(&plan->hp[i]))
			vmr_foreach_dir(root, "sys/devices/system/node",
					note_elsewhere, &e);
	}
}

void vmr_hugepages_apply(const struct vmr_root *root,
			 const struct vmr_plan *plan,
			 struct vmr_hp_result res[VMR_MAX_HP], bool dry_run)
{
	size_t order[VMR_MAX_HP];

	vmr_hp_order(plan, order);
	for (size_t i = 0; i < plan->n_hp; i++)
		apply_one(root, plan, &plan->hp[order[i]], &res[order[i]],
			  dry_run);
	note_gigantic_elsewhere(root, plan);
}
