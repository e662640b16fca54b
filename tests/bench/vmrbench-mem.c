/* SPDX-License-Identifier: MIT */
/*
 * vmrbench-mem: the benchmark's memory tools, run inside the bench VM (in
 * the initramfs and in the booted root). Built static with gcc; not shipped.
 *
 *   vmrbench-mem gbmap NODE
 *       For every naturally aligned 1 GiB range that holds memory of NODE,
 *       count its pages by what /proc/kpageflags says they are, and say
 *       whether a 1G page could be made of it now: every page of the range
 *       belongs to the node and is free or movable (buddy, evictable LRU,
 *       hugetlb). "other" is an upper bound of the unmovable pages: it also
 *       holds free pages sitting on per-CPU lists. A memory block shared by
 *       two nodes would count whole for both (not the case in the bench VM).
 *       Also lists the runs of reserved pages (memblock: kernel image,
 *       memmap, initrd, ...) so they can be matched to /proc/iomem and the
 *       kernel log.
 *   vmrbench-mem frag DIR TOTAL_MIB FILE_KIB
 *       Fragment memory the way a running host does: fill DIR (a tmpfs)
 *       with TOTAL_MIB of FILE_KIB files (data pages interleaved with the
 *       inodes' and dentries' slab pages), then delete every other file.
 *   vmrbench-mem hp NODE PAGE_KIB COUNT [compact]
 *       Write COUNT to the node's nr_hugepages, read it back; with
 *       "compact", on a shortfall compact the node and write again (what
 *       vmreserve-early does). Prints requested, obtained and the time
 *       spent in the writes.
 *
 * Output: key=value words on one line per record, for the bench's awk.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE_KIB 4
#define GB_PAGES (1048576 / PAGE_KIB)
#define MAX_GB 1024
#define MAX_RUNS 12

/* /proc/kpageflags bits (include/uapi/linux/kernel-page-flags.h) */
#define KPF_SLAB 7
#define KPF_BUDDY 10
#define KPF_LRU 5
#define KPF_HUGE 17
#define KPF_UNEVICTABLE 18
#define KPF_NOPAGE 20
#define KPF_PGTABLE 26
#define KPF_RESERVED 32
#define KPF_MLOCKED 33

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	close(fd);
	return n < 0 ? -errno : 0;
}

/* ---- gbmap ---------------------------------------------------------------- */

struct gb {
	bool seen;
	uint64_t in_node, buddy, lru, unevictable, huge, slab, pgtable,
		reserved, nopage, other;
	uint64_t run_start[MAX_RUNS], run_len[MAX_RUNS];
	unsigned n_runs;
};

static struct gb gbs[MAX_GB];

/* Which 4K pages belong to the node: its memory blocks, by number. */
static int node_blocks(unsigned node, uint64_t block_pages)
{
	char path[128];
	DIR *d;
	struct dirent *e;
	unsigned long id;

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%u", node);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char *end;

		if (strncmp(e->d_name, "memory", 6) != 0)
			continue;
		id = strtoul(e->d_name + 6, &end, 10);
		if (end == e->d_name + 6 || *end)
			continue;
		for (uint64_t p = id * block_pages; p < (id + 1) * block_pages;
		     p += GB_PAGES < block_pages ? GB_PAGES : block_pages) {
			uint64_t g = p / GB_PAGES;

			if (g >= MAX_GB)
				continue;
			gbs[g].seen = true;
			gbs[g].in_node += GB_PAGES < block_pages ? GB_PAGES :
					  block_pages;
		}
	}
	closedir(d);
	return 0;
}

static void add_run(struct gb *g, uint64_t pfn)
{
	if (g->n_runs > 0 && g->run_start[g->n_runs - 1] +
	    g->run_len[g->n_runs - 1] == pfn) {
		g->run_len[g->n_runs - 1]++;
		return;
	}
	if (g->n_runs == MAX_RUNS)
		return;
	g->run_start[g->n_runs] = pfn;
	g->run_len[g->n_runs++] = 1;
}

static void classify(struct gb *g, uint64_t pfn, uint64_t f)
{
	if (f & (1ULL << KPF_NOPAGE))
		g->nopage++;
	else if (f & (1ULL << KPF_RESERVED)) {
		g->reserved++;
		add_run(g, pfn);
	} else if (f & (1ULL << KPF_BUDDY))
		g->buddy++;
	else if (f & (1ULL << KPF_HUGE))
		g->huge++;
	else if (f & ((1ULL << KPF_UNEVICTABLE) | (1ULL << KPF_MLOCKED)))
		g->unevictable++; /* ramfs (the unpacked initramfs), mlock */
	else if (f & (1ULL << KPF_LRU))
		g->lru++;
	else if (f & (1ULL << KPF_SLAB))
		g->slab++;
	else if (f & (1ULL << KPF_PGTABLE))
		g->pgtable++;
	else
		g->other++;
}

static int scan_gb(int fd, uint64_t g)
{
	static uint64_t flags[4096];
	uint64_t base = g * GB_PAGES;

	for (uint64_t off = 0; off < GB_PAGES; off += 4096) {
		ssize_t n = pread(fd, flags, sizeof(flags),
				  (off_t)((base + off) * 8));

		if (n < 0)
			return -errno;
		for (ssize_t i = 0; i < n / 8; i++)
			classify(&gbs[g], base + off + (uint64_t)i, flags[i]);
		if (n < (ssize_t)sizeof(flags))
			break;
	}
	return 0;
}

static int gbmap(unsigned node)
{
	char buf[64];
	uint64_t block_bytes;
	int fd, r;

	r = read_text("/sys/devices/system/memory/block_size_bytes", buf,
		      sizeof(buf));
	if (r < 0) {
		fprintf(stderr, "block_size_bytes: %s\n", strerror(-r));
		return 1;
	}
	block_bytes = strtoull(buf, NULL, 16);
	if (block_bytes < 4096 || node_blocks(node, block_bytes / 4096) < 0) {
		fprintf(stderr, "node%u: no memory blocks\n", node);
		return 1;
	}
	fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror("/proc/kpageflags");
		return 1;
	}
	for (uint64_t g = 0; g < MAX_GB; g++) {
		struct gb *x = &gbs[g];
		bool usable;

		if (!x->seen)
			continue;
		if (scan_gb(fd, g) < 0) {
			perror("/proc/kpageflags");
			close(fd);
			return 1;
		}
		usable = x->in_node == GB_PAGES && x->reserved == 0 &&
			 x->unevictable == 0 && x->slab == 0 &&
			 x->pgtable == 0 && x->other == 0 && x->nopage == 0;
		printf("gb node=%u gib=%" PRIu64 " in_node=%" PRIu64
		       " buddy=%" PRIu64 " lru=%" PRIu64 " unevictable=%" PRIu64
		       " huge=%" PRIu64 " slab=%" PRIu64 " pgtable=%" PRIu64
		       " reserved=%" PRIu64 " other=%" PRIu64 " nopage=%" PRIu64
		       " usable_1g=%s\n", node, g, x->in_node, x->buddy, x->lru,
		       x->unevictable, x->huge, x->slab, x->pgtable, x->reserved,
		       x->other, x->nopage, usable ? "yes" : "no");
		for (unsigned i = 0; i < x->n_runs; i++)
			printf("reserved node=%u gib=%" PRIu64 " start=0x%" PRIx64
			       " end=0x%" PRIx64 " kib=%" PRIu64 "\n", node, g,
			       x->run_start[i] * 4096,
			       (x->run_start[i] + x->run_len[i]) * 4096 - 1,
			       x->run_len[i] * PAGE_KIB);
	}
	close(fd);
	return 0;
}

/* ---- frag ------------------------------------------------------------------ */

static int frag(const char *dir, unsigned long total_mib, unsigned long file_kib)
{
	static char data[1 << 16];
	unsigned long n = total_mib * 1024 / file_kib, freed = 0;
	char path[4096];

	memset(data, 0xa5, sizeof(data));
	for (unsigned long i = 0; i < n; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%lu", dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0) {
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
			return 1;
		}
		for (unsigned long left = file_kib * 1024; left > 0;) {
			size_t chunk = left < sizeof(data) ? left : sizeof(data);
			ssize_t w = write(fd, data, chunk);

			if (w <= 0) {
				fprintf(stderr, "%s: %s\n", path, strerror(errno));
				close(fd);
				return 1;
			}
			left -= (unsigned long)w;
		}
		close(fd);
	}
	for (unsigned long i = 0; i < n; i += 2) {
		snprintf(path, sizeof(path), "%s/f%lu", dir, i);
		freed += unlink(path) == 0;
	}
	printf("frag files=%lu file_kib=%lu deleted=%lu kept_mib=%lu\n", n,
	       file_kib, freed, (n - freed) * file_kib / 1024);
	return 0;
}

/* ---- hp ---------------------------------------------------------------------- */

static int hp(unsigned node, unsigned long page_kib, unsigned long count,
	      bool compact)
{
	char path[160], cpath[96], buf[32], val[32];
	unsigned long obtained = 0, before = 0;
	uint64_t t0, write_us = 0;
	unsigned retries = 0;
	int r;

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%u/"
		 "hugepages/hugepages-%lukB/nr_hugepages", node, page_kib);
	snprintf(cpath, sizeof(cpath), "/sys/devices/system/node/node%u/compact",
		 node);
	if (read_text(path, buf, sizeof(buf)) < 0) {
		perror(path);
		return 1;
	}
	before = strtoul(buf, NULL, 10);
	snprintf(val, sizeof(val), "%lu\n", count);
	for (;;) {
		t0 = now_us();
		r = write_text(path, val);
		write_us += now_us() - t0;
		if (r == 0)
			r = read_text(path, buf, sizeof(buf));
		if (r < 0) {
			fprintf(stderr, "%s: %s\n", path, strerror(-r));
			return 1;
		}
		obtained = strtoul(buf, NULL, 10);
		if (!compact || obtained >= count || retries == 3)
			break;
		retries++;
		write_text(cpath, "1\n");
	}
	printf("hp node=%u page_kib=%lu before=%lu requested=%lu obtained=%lu "
	       "retries=%u write_us=%" PRIu64 "\n", node, page_kib, before,
	       count, obtained, retries, write_us);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "gbmap") == 0)
		return gbmap((unsigned)strtoul(argv[2], NULL, 10));
	if (argc == 5 && strcmp(argv[1], "frag") == 0)
		return frag(argv[2], strtoul(argv[3], NULL, 10),
			    strtoul(argv[4], NULL, 10));
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "hp") == 0)
		return hp((unsigned)strtoul(argv[2], NULL, 10),
			  strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10),
			  argc == 6 && strcmp(argv[5], "compact") == 0);
	fprintf(stderr, "usage: vmrbench-mem gbmap NODE | frag DIR TOTAL_MIB "
		"FILE_KIB | hp NODE PAGE_KIB COUNT [compact]\n");
	return 2;
}
