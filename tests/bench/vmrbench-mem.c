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
 *   vmrbench-mem hp NODE PAGE_KIB COUNT [compact]
 *       Write COUNT to the node's nr_hugepages, read it back; with
 *       "compact", on a shortfall compact the node and write again (what
 *       vmreserve-early does). Prints requested, obtained and the time
 *       spent in the writes.
 *   vmrbench-mem pbmap NODE
 *       Classify every page of the node (/proc/kpageflags, and
 *       /proc/kpagecgroup for pages without a flag) and count the node's
 *       2 MiB pageblocks (and aligned 1 GiB ranges) by what they hold: all
 *       free, free or movable only ("clean": compaction can make a
 *       hugepage of it), at least one unmovable page (slab, page table,
 *       reserved, or a flagless page charged to a memory cgroup: pipe
 *       buffers, kernel stacks), or only "unknown" flagless pages besides
 *       (free pages on per-CPU lists look the same as uncharged kernel
 *       pages). See README, "A long-running host".
 *   vmrbench-mem longrun DEV NODE CPU UNMOV_MIB ROUNDS DROP_EVERY CMD
 *       The long-running-host workload (bound to NODE, pinned to CPU):
 *       fill the node with page cache read from the block device DEV, then
 *       in ROUNDS rounds, while memory stays full: read an eighth of DEV
 *       more (more than the drop below frees, so memory is full again and
 *       reclaim runs every round), drop one random 4 KiB page in
 *       DROP_EVERY of its cached data (the cold pages a reclaim pass
 *       frees, scattered over the node), and allocate
 *       UNMOV_MIB / ROUNDS of unmovable kernel memory in 4 KiB pieces: half
 *       page tables (one page-table page per 2 MiB of a sparse mapping,
 *       touched by reads: only the shared zero page is mapped), half pipe
 *       buffers (full 64 KiB pipes). Then drop the page cache and, holding
 *       all of it, run CMD (sh -c, spawned without copying the mapping).
 *
 * Output: key=value words on one line per record, for the bench's awk.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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
#define KPF_COMPOUND_TAIL 16
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

/* the node's memory blocks, by number (block_pages pages each) */
#define MAX_BLOCKS 8192
static bool blk_in_node[MAX_BLOCKS];
static uint64_t blk_pages;

static bool node_has_pfn(uint64_t pfn)
{
	uint64_t id = pfn / blk_pages;

	return id < MAX_BLOCKS && blk_in_node[id];
}

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
		blk_pages = block_pages;
		if (id < MAX_BLOCKS)
			blk_in_node[id] = true;
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

/* ---- pbmap ------------------------------------------------------------------ */

/*
 * Page classes. Since 4.6 /proc/kpageflags reports every page of a free
 * buddy block as KPF_BUDDY, not only the first (fs/proc/page.c,
 * is_free_buddy_page()); KPF_PGTABLE exists since 4.18 and is bit 26 in
 * 6.1 and 6.12 (include/uapi/linux/kernel-page-flags.h). Slab and
 * hugetlb tails carry the head's flag; other compound tails take the class
 * of their head.
 */
enum pclass { P_HOLE, P_FREE, P_HUGE, P_LRU, P_SLAB, P_PGTABLE, P_RESERVED,
	      P_KERNEL, P_UNKNOWN, P_NCLASS };
static const char *const pclass_name[P_NCLASS] = {
	"hole", "free", "hugetlb", "lru", "slab", "pgtable", "reserved",
	"kernel", "unknown" };

static enum pclass page_class(uint64_t f, uint64_t cg, enum pclass head)
{
	if (f & (1ULL << KPF_NOPAGE))
		return P_HOLE;
	if (f & (1ULL << KPF_BUDDY))
		return P_FREE;
	if (f & (1ULL << KPF_HUGE))
		return P_HUGE;
	if (f & (1ULL << KPF_LRU))
		return P_LRU;
	if (f & (1ULL << KPF_SLAB))
		return P_SLAB;
	if (f & (1ULL << KPF_PGTABLE))
		return P_PGTABLE;
	if (f & (1ULL << KPF_RESERVED))
		return P_RESERVED;
	if (f & (1ULL << KPF_COMPOUND_TAIL))
		return head;
	/* no flag: charged to a cgroup means allocated (pipe buffer, kernel
	 * stack, ...); uncharged may be a free page on a per-CPU list */
	return cg ? P_KERNEL : P_UNKNOWN;
}

#define PB_PAGES 512 /* x86-64 pageblock: 2 MiB (pageblock_order 9) */

struct blocks { /* blocks of one size */
	uint64_t total, free, clean, unmovable, unknown_only, hugetlb;
};

static void block_done(struct blocks *b, const uint64_t *c, uint64_t pages)
{
	if (c[P_HOLE] == pages)
		return;
	b->total++;
	if (c[P_FREE] == pages)
		b->free++;
	else if (c[P_HUGE] == pages)
		b->hugetlb++;
	if (c[P_SLAB] + c[P_PGTABLE] + c[P_RESERVED] + c[P_KERNEL] + c[P_HOLE])
		b->unmovable++;
	else if (c[P_UNKNOWN])
		b->unknown_only++;
	else if (c[P_FREE] != pages && c[P_HUGE] != pages)
		b->clean++;
}

static int pbmap(unsigned node)
{
	static uint64_t fl[PB_PAGES], cg[PB_PAGES];
	uint64_t pages[P_NCLASS] = { 0 }, pb[P_NCLASS], gb[P_NCLASS] = { 0 };
	struct blocks b2m = { 0 }, b1g = { 0 };
	char buf[64];
	uint64_t block_pages;
	int ffd, cfd;
	enum pclass head = P_UNKNOWN;

	if (read_text("/sys/devices/system/memory/block_size_bytes", buf,
		      sizeof(buf)) < 0) {
		perror("block_size_bytes");
		return 1;
	}
	block_pages = strtoull(buf, NULL, 16) / 4096;
	if (block_pages < PB_PAGES || node_blocks(node, block_pages) < 0) {
		fprintf(stderr, "node%u: no memory blocks\n", node);
		return 1;
	}
	ffd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	cfd = open("/proc/kpagecgroup", O_RDONLY | O_CLOEXEC);
	if (ffd < 0) {
		perror("/proc/kpageflags");
		return 1;
	}
	for (uint64_t g = 0; g < MAX_GB; g++) {
		if (!gbs[g].seen)
			continue;
		memset(gb, 0, sizeof(gb));
		for (uint64_t p = g * GB_PAGES; p < (g + 1) * GB_PAGES; p += PB_PAGES) {
			ssize_t n = pread(ffd, fl, sizeof(fl), (off_t)(p * 8));

			memset(pb, 0, sizeof(pb));
			if (n != (ssize_t)sizeof(fl)) { /* past the end of memory */
				pb[P_HOLE] = PB_PAGES;
			} else {
				if (cfd < 0 || pread(cfd, cg, sizeof(cg), (off_t)(p * 8)) != (ssize_t)sizeof(cg))
					memset(cg, 0, sizeof(cg));
				for (unsigned i = 0; i < PB_PAGES; i++) {
					enum pclass c = page_class(fl[i], cg[i], head);

					if (!(fl[i] & (1ULL << KPF_COMPOUND_TAIL)))
						head = c;
					pb[c]++;
				}
			}
			/* a pageblock of another node's memory block: a hole here */
			if (!node_has_pfn(p))
				memset(pb, 0, sizeof(pb)), pb[P_HOLE] = PB_PAGES;
			block_done(&b2m, pb, PB_PAGES);
			for (int c = 0; c < P_NCLASS; c++)
				gb[c] += pb[c], pages[c] += pb[c];
		}
		block_done(&b1g, gb, GB_PAGES);
	}
	close(ffd);
	if (cfd >= 0)
		close(cfd);
	printf("pb node=%u cgroup=%s blocks=%" PRIu64 " blocks_free=%" PRIu64
	       " blocks_clean=%" PRIu64 " blocks_unmovable=%" PRIu64
	       " blocks_unknown_only=%" PRIu64 " blocks_hugetlb=%" PRIu64
	       " gib=%" PRIu64 " gib_free=%" PRIu64 " gib_clean=%" PRIu64
	       " gib_unmovable=%" PRIu64 " gib_hugetlb=%" PRIu64, node,
	       cfd >= 0 ? "yes" : "no", b2m.total, b2m.free, b2m.clean,
	       b2m.unmovable, b2m.unknown_only, b2m.hugetlb, b1g.total,
	       b1g.free, b1g.clean, b1g.unmovable, b1g.hugetlb);
	for (int c = P_FREE; c < P_NCLASS; c++)
		printf(" pages_%s=%" PRIu64, pclass_name[c], pages[c]);
	printf("\n");
	return 0;
}

/* ---- longrun ------------------------------------------------------------------ */

#define CHUNK (1 << 20)
#define DROP_BYTES (4 << 10)
#define PT_SPAN (2UL << 20) /* one page-table page maps 2 MiB */
#define PIPE_BYTES (64 << 10)

/* read LEN bytes of DEV from *pos on, wrapping at SIZE */
static int read_dev(int fd, uint64_t size, uint64_t *pos, uint64_t len)
{
	static char buf[CHUNK];

	while (len > 0) {
		size_t want = len < CHUNK ? (size_t)len : CHUNK;
		ssize_t n;

		if (*pos >= size)
			*pos = 0;
		if (want > size - *pos)
			want = (size_t)(size - *pos);
		n = pread(fd, buf, want, (off_t)*pos);
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		*pos += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return 0;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL; /* fixed seed: repeatable */
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int longrun(const char *dev, unsigned node, unsigned cpu,
		   unsigned long unmov_mib, unsigned rounds, unsigned drop_every,
		   const char *cmd)
{
	static char pipe_data[PIPE_BYTES];
	unsigned long nodemask = 1UL << node;
	uint64_t size, pos = 0, t0 = now_us(), read_bytes = 0, dropped = 0;
	unsigned long pt_total = unmov_mib * 256 / 2, pipes_total = unmov_mib * 16 / 2;
	unsigned long pt_done = 0, pipes_done = 0;
	struct rlimit rl = { 1 << 16, 1 << 16 };
	cpu_set_t set;
	char *map;
	int fd, st;
	pid_t pid;
	char *argv[] = { "sh", "-c", (char *)cmd, NULL };

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0 ||
	    syscall(SYS_set_mempolicy, 2 /* MPOL_BIND */, &nodemask,
		    sizeof(nodemask) * 8) < 0 || setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		perror("longrun: affinity, mempolicy or rlimit");
		return 1;
	}
	fd = open(dev, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (size = (uint64_t)lseek(fd, 0, SEEK_END)) < DROP_BYTES) {
		fprintf(stderr, "%s: %s\n", dev, fd < 0 ? strerror(errno) : "too small");
		return 1;
	}
	/* the sparse mapping whose page tables we keep; never copied to the
	 * spawned command, never a transparent hugepage */
	map = mmap(NULL, pt_total * PT_SPAN, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED || madvise(map, pt_total * PT_SPAN, MADV_NOHUGEPAGE) < 0 ||
	    madvise(map, pt_total * PT_SPAN, MADV_DONTFORK) < 0) {
		perror("longrun: mmap");
		return 1;
	}
	memset(pipe_data, 0x5a, sizeof(pipe_data));
	/* fill: the whole device once */
	if (read_dev(fd, size, &pos, size) < 0) {
		perror(dev);
		return 1;
	}
	read_bytes += size;
	for (unsigned r = 1; r <= rounds; r++) {
		uint64_t chunk = size / 8;
		unsigned long pt_to = pt_total * r / rounds, pipes_to = pipes_total * r / rounds;

		if (read_dev(fd, size, &pos, chunk) < 0) {
			perror(dev);
			return 1;
		}
		read_bytes += chunk;
		for (uint64_t off = 0; off + DROP_BYTES <= size; off += DROP_BYTES) {
			if (rng() % drop_every)
				continue;
			posix_fadvise(fd, (off_t)off, DROP_BYTES, POSIX_FADV_DONTNEED);
			dropped++;
		}
		for (; pt_done < pt_to; pt_done++) {
			volatile char c = map[pt_done * PT_SPAN];
			(void)c;
		}
		for (; pipes_done < pipes_to; pipes_done++) {
			int p[2];

			if (pipe2(p, O_CLOEXEC) < 0 || write(p[1], pipe_data, PIPE_BYTES) != PIPE_BYTES) {
				perror("longrun: pipe");
				return 1;
			}
		}
	}
	write_text("/proc/sys/vm/drop_caches", "1\n");
	printf("longrun node=%u cpu=%u dev_mib=%" PRIu64 " read_mib=%" PRIu64
	       " rounds=%u drop_every=%u dropped_ranges=%" PRIu64
	       " pgtable_pages=%lu pipes=%lu pipe_pages=%lu unmovable_mib=%lu"
	       " workload_ms=%" PRIu64 "\n", node, cpu, size >> 20,
	       read_bytes >> 20, rounds, drop_every, dropped, pt_done,
	       pipes_done, pipes_done * (PIPE_BYTES / 4096), unmov_mib,
	       (now_us() - t0) / 1000);
	fflush(stdout);
	close(fd);
	/* posix_spawn: vfork semantics, no copy of our page tables */
	if (posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ) != 0 ||
	    waitpid(pid, &st, 0) < 0) {
		perror("longrun: sh");
		return 1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "gbmap") == 0)
		return gbmap((unsigned)strtoul(argv[2], NULL, 10));
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "hp") == 0)
		return hp((unsigned)strtoul(argv[2], NULL, 10),
			  strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10),
			  argc == 6 && strcmp(argv[5], "compact") == 0);
	if (argc == 3 && strcmp(argv[1], "pbmap") == 0)
		return pbmap((unsigned)strtoul(argv[2], NULL, 10));
	if (argc == 9 && strcmp(argv[1], "longrun") == 0)
		return longrun(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
			       (unsigned)strtoul(argv[4], NULL, 10),
			       strtoul(argv[5], NULL, 10),
			       (unsigned)strtoul(argv[6], NULL, 10),
			       (unsigned)strtoul(argv[7], NULL, 10), argv[8]);
	fprintf(stderr, "usage: vmrbench-mem gbmap NODE | hp NODE PAGE_KIB COUNT [compact] | pbmap NODE | "
		"longrun DEV NODE CPU UNMOV_MIB ROUNDS DROP_EVERY CMD\n");
	return 2;
}
