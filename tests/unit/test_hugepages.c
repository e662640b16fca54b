/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the retry policy of src/hugepages.c: when the kernel gives
 * fewer pages than the target, 2M requests get VMR_HP_RETRIES rounds of
 * "compact the node, write again"; 1G requests are written once (the
 * kernel's alloc_contig_range already migrates what compaction could) and
 * the log names the kernel's own boot-time reservation instead.
 *
 * The code runs against a real temporary root directory holding one NUMA
 * node. The kernel's refusal is simulated at the sysfs boundary: the binary
 * is linked with --wrap=vmr_set and --wrap=vmr_send, so every write to
 * nr_hugepages stores min(requested, cap) and every write is counted, in
 * order. The log goes to dev/kmsg under the root, a regular file that
 * vmr_log opens for append, so every line can be read back.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmdline.h"
#include "reserve.h"
#include "log.h"
#include "sysroot.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define NODE0   "sys/devices/system/node/node0"
#define HP2M    NODE0 "/hugepages/hugepages-2048kB/nr_hugepages"
#define HP1G    NODE0 "/hugepages/hugepages-1048576kB/nr_hugepages"
#define COMPACT NODE0 "/compact"
#define COMPACT_ALL "proc/sys/vm/compact_memory"
#define KMSG    "dev/kmsg"

/* Created in this order, removed in the reverse one. */
static const char *const dirs[] = {
	"sys", "sys/devices", "sys/devices/system", "sys/devices/system/node",
	NODE0, NODE0 "/hugepages", NODE0 "/hugepages/hugepages-2048kB",
	NODE0 "/hugepages/hugepages-1048576kB",
	"proc", "proc/sys", "proc/sys/vm", "dev",
};
static const char *const files[] = {
	NODE0 "/meminfo", COMPACT, HP2M, HP1G, COMPACT_ALL, KMSG,
};

/* 16 GiB node, 15 GiB free: with keep=0 nothing in these tests clamps. */
static const char meminfo[] =
	"Node 0 MemTotal:       16777216 kB\n"
	"Node 0 MemFree:        15728640 kB\n"
	"Node 0 MemUsed:         1048576 kB\n"
	"Node 0 HugePages_Total:     0\n"
	"Node 0 HugePages_Free:      0\n";

/* ------------------------------------------------- the simulated kernel */

#define MAX_WRITES 32

static struct {
	uint64_t cap_2m, cap_1g;  /* most pages the kernel will give */
	uint64_t compact_adds_2m; /* pages each compaction makes possible */
	unsigned set_2m, set_1g;  /* nr_hugepages writes */
	unsigned set_other;       /* any other vmr_set */
	unsigned compact_node, compact_all;
	size_t n_order;
	uint64_t order[MAX_WRITES]; /* page_kb of each nr_hugepages write */
	uint64_t asked[MAX_WRITES]; /* value of each nr_hugepages write */
} k;

int __real_vmr_set(const struct vmr_root *root, const char *path,
		   const char *value);
int __wrap_vmr_set(const struct vmr_root *root, const char *path,
		   const char *value);
int __real_vmr_send(const struct vmr_root *root, const char *path,
		    const char *value);
int __wrap_vmr_send(const struct vmr_root *root, const char *path,
		    const char *value);

int __wrap_vmr_set(const struct vmr_root *root, const char *path,
		   const char *value)
{
	char given[24], *end;
	unsigned long long want;
	uint64_t cap, page_kb;

	if (strcmp(path, HP2M) == 0) {
		page_kb = 2048;
		cap = k.cap_2m;
		k.set_2m++;
	} else if (strcmp(path, HP1G) == 0) {
		page_kb = 1048576;
		cap = k.cap_1g;
		k.set_1g++;
	} else {
		k.set_other++;
		return __real_vmr_set(root, path, value);
	}
	errno = 0;
	want = strtoull(value, &end, 10);
	if (errno || end == value || strcmp(end, "\n") != 0)
		return -EINVAL; /* the kernel's kstrtoul refuses it too */
	if (k.n_order < MAX_WRITES) {
		k.order[k.n_order] = page_kb;
		k.asked[k.n_order++] = want;
	}
	snprintf(given, sizeof(given), "%llu\n",
		 (unsigned long long)(want < cap ? want : cap));
	return __real_vmr_set(root, path, given);
}

int __wrap_vmr_send(const struct vmr_root *root, const char *path,
		    const char *value)
{
	if (strcmp(path, COMPACT) == 0) {
		k.compact_node++;
		k.cap_2m += k.compact_adds_2m;
	} else if (strcmp(path, COMPACT_ALL) == 0) {
		k.compact_all++;
	}
	return __real_vmr_send(root, path, value);
}

/* ------------------------------------------------------------- fixture */

struct fx {
	char dir[64];
	struct vmr_root root;
};

static struct vmr_plan plan; /* 12 KiB: off the test stack */
static struct vmr_hp_result res[VMR_MAX_HP];

static int put(int dirfd, const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			0644);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, len) == (ssize_t)len;
	return close(fd) == 0 && ok ? 0 : -1;
}

static int setup(void **ctx)
{
	static struct fx fx;

	snprintf(fx.dir, sizeof(fx.dir), "/tmp/vmr-hp-XXXXXX");
	if (!mkdtemp(fx.dir) || vmr_root_open(&fx.root, fx.dir) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (mkdirat(fx.root.fd, dirs[i], 0755) < 0)
			return -1;
	if (put(fx.root.fd, NODE0 "/meminfo", meminfo) < 0 ||
	    put(fx.root.fd, COMPACT, "") < 0 ||
	    put(fx.root.fd, HP2M, "0\n") < 0 ||
	    put(fx.root.fd, HP1G, "0\n") < 0 ||
	    put(fx.root.fd, COMPACT_ALL, "") < 0 ||
	    put(fx.root.fd, KMSG, "") < 0)
		return -1;
	vmr_log_setup(&fx.root, VMR_SINK_KMSG);
	memset(&k, 0, sizeof(k));
	memset(res, 0, sizeof(res));
	*ctx = &fx;
	return 0;
}

static int teardown(void **ctx)
{
	struct fx *fx = *ctx;

	vmr_log_setup(NULL, VMR_SINK_STDERR);
	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		unlinkat(fx->root.fd, files[i], 0);
	for (size_t i = ARRAY_SIZE(dirs); i-- > 0;)
		unlinkat(fx->root.fd, dirs[i], AT_REMOVEDIR);
	vmr_root_close(&fx->root);
	return rmdir(fx->dir);
}

/* ------------------------------------------------------------- helpers */

static void apply(struct fx *fx, const char *cmdline, size_t n_hp)
{
	assert_int_equal(vmr_cmdline_parse(cmdline, &plan), 0);
	assert_int_equal(plan.n_hp, n_hp);
	vmr_hugepages_apply(&fx->root, &plan, res, false);
}

/* The whole kernel log the run wrote (every line, dev/kmsg is appended). */
static const char *kmsg(struct fx *fx)
{
	static char text[8192];

	assert_in_range(vmr_read(&fx->root, KMSG, text, sizeof(text)), 1,
			sizeof(text) - 1);
	return text;
}

/* The one log line that starts with prefix (after "<N>vmreserve: "). */
static const char *log_line(struct fx *fx, const char *prefix)
{
	static char line[VMR_LOG_LINE + 1];
	const char *text = kmsg(fx), *found = NULL, *p, *body, *eol;
	size_t len;

	for (p = text; *p; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		body = strstr(p, "vmreserve: ");
		if (!body || body > eol)
			continue;
		body += strlen("vmreserve: ");
		if (strncmp(body, prefix, strlen(prefix)) != 0)
			continue;
		assert_null(found); /* exactly one result line per entry */
		found = p;
		len = (size_t)(eol - p);
		assert_true(len < sizeof(line));
		memcpy(line, p, len);
		line[len] = '\0';
	}
	if (!found)
		fail_msg("no log line '%s' in:\n%s", prefix, text);
	return line;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

static uint64_t read_u64(struct fx *fx, const char *path)
{
	uint64_t v = 0;

	assert_int_equal(vmr_read_u64(&fx->root, path, &v), 0);
	return v;
}

static const char hint_2m[] =
	": SHORT, the kernel could not find enough free memory on this node";
static const char hint_1g[] =
	"reserve 1G pages with the kernel's hugepagesz=1G "
	"hugepages=NODE:COUNT and keep this entry to check them";

/* --------------------------------------------------------------- tests */

/* 2M short: every retry round compacts the node and writes the target. */
static void test_2m_short_retries(void **ctx)
{
	struct fx *fx = *ctx;
	const char *line;

	k.cap_2m = 1;
	apply(fx, "rd.vmreserve.hugepages=0:4 rd.vmreserve.keep=0", 1);

	assert_int_equal(res[0].status, VMR_HP_SHORT);
	assert_int_equal(res[0].requested, 4);
	assert_int_equal(res[0].target, 4); /* not clamped */
	assert_int_equal(res[0].before, 0);
	assert_int_equal(res[0].obtained, 1);
	assert_int_equal(res[0].retries, VMR_HP_RETRIES);
	assert_int_equal(k.set_2m, 1 + VMR_HP_RETRIES);
	assert_int_equal(k.set_1g, 0);
	assert_int_equal(k.set_other, 0);
	for (size_t i = 0; i < k.n_order; i++)
		assert_int_equal(k.asked[i], 4); /* the target, every time */
	assert_int_equal(k.compact_node, VMR_HP_RETRIES);
	assert_int_equal(k.compact_all, 0); /* the node's own file exists */
	assert_int_equal(read_u64(fx, HP2M), 1);

	line = log_line(fx, "node 0: 2M pages:");
	assert_true(strncmp(line, "<27>", 4) == 0); /* LOG_DAEMON | LOG_ERR */
	assert_non_null(strstr(line, "obtained 1 (was 0; 3 retries;"));
	assert_true(ends_with(line, hint_2m));
	assert_null(strstr(line, "hugepagesz="));
}

/* 1G short: one write, no compaction, the kernel's own reservation named. */
static void test_1g_short_no_retry(void **ctx)
{
	struct fx *fx = *ctx;
	const char *line;

	k.cap_1g = 0;
	apply(fx, "rd.vmreserve.hugepages=0:2:1G rd.vmreserve.keep=0", 1);

	assert_int_equal(res[0].status, VMR_HP_SHORT);
	assert_int_equal(res[0].requested, 2);
	assert_int_equal(res[0].target, 2);
	assert_int_equal(res[0].obtained, 0);
	assert_int_equal(res[0].retries, 0);
	assert_int_equal(k.set_1g, 1);
	assert_int_equal(k.set_2m, 0);
	assert_int_equal(k.asked[0], 2);
	assert_int_equal(k.compact_node, 0);
	assert_int_equal(k.compact_all, 0);
	assert_int_equal(read_u64(fx, HP1G), 0);

	line = log_line(fx, "node 0: 1G pages:");
	assert_true(strncmp(line, "<27>", 4) == 0);
	assert_non_null(strstr(line, "obtained 0 (was 0; 0 retries;"));
	assert_non_null(strstr(line, ": SHORT, "));
	assert_non_null(strstr(line, "hugepagesz=1G hugepages=NODE:COUNT"));
	/* the whole hint fits in one log line (VMR_LOG_LINE), not truncated */
	assert_true(ends_with(line, hint_1g));
	assert_null(strstr(line, "could not find enough free memory"));
}

/* 2M met on the first write: no retry, no compaction, no SHORT. */
static void test_2m_met_first_write(void **ctx)
{
	struct fx *fx = *ctx;
	const char *line;

	k.cap_2m = 1000;
	apply(fx, "rd.vmreserve.hugepages=0:4 rd.vmreserve.keep=0", 1);

	assert_int_equal(res[0].status, VMR_HP_OK);
	assert_int_equal(res[0].obtained, 4);
	assert_int_equal(res[0].retries, 0);
	assert_int_equal(k.set_2m, 1);
	assert_int_equal(k.compact_node + k.compact_all, 0);
	assert_int_equal(read_u64(fx, HP2M), 4);

	line = log_line(fx, "node 0: 2M pages:");
	assert_true(strncmp(line, "<30>", 4) == 0); /* LOG_DAEMON | LOG_INFO */
	assert_non_null(strstr(line, "obtained 4 (was 0; 0 retries;"));
	assert_null(strstr(line, "SHORT"));
}

/* 2M met after one compaction: the loop stops as soon as the target is. */
static void test_2m_met_after_compaction(void **ctx)
{
	struct fx *fx = *ctx;

	k.cap_2m = 2;
	k.compact_adds_2m = 2;
	apply(fx, "rd.vmreserve.hugepages=0:4 rd.vmreserve.keep=0", 1);

	assert_int_equal(res[0].status, VMR_HP_OK);
	assert_int_equal(res[0].obtained, 4);
	assert_int_equal(res[0].retries, 1);
	assert_int_equal(k.set_2m, 2);
	assert_int_equal(k.compact_node, 1);
	assert_null(strstr(log_line(fx, "node 0: 2M pages:"), "SHORT"));
}

/* Both sizes in one plan: the 1G entry is written first, whatever the order
 * on the command line, while memory is still contiguous. */
static void test_1g_before_2m(void **ctx)
{
	struct fx *fx = *ctx;
	const char *text, *line_1g, *line_2m;

	k.cap_2m = 1000;
	k.cap_1g = 1000;
	apply(fx, "rd.vmreserve.hugepages=0:4,0:1:1G rd.vmreserve.keep=0", 2);

	assert_int_equal(plan.hp[0].page_kb, 2048); /* command-line order */
	assert_int_equal(plan.hp[1].page_kb, 1048576);
	assert_int_equal(k.n_order, 2);
	assert_int_equal(k.order[0], 1048576);
	assert_int_equal(k.order[1], 2048);
	/* results stay at the index of their request */
	assert_int_equal(res[0].status, VMR_HP_OK);
	assert_int_equal(res[0].obtained, 4);
	assert_int_equal(res[1].status, VMR_HP_OK);
	assert_int_equal(res[1].obtained, 1);
	/* Both lines must be there: a missing one is NULL, and NULL compares
	 * below any pointer. */
	text = kmsg(fx);
	line_1g = strstr(text, "node 0: 1G pages:");
	line_2m = strstr(text, "node 0: 2M pages:");
	assert_non_null(line_1g);
	assert_non_null(line_2m);
	assert_true(line_1g < line_2m);
}

/* Both short in one plan: the policy is per entry (1G once, 2M retried). */
static void test_both_short(void **ctx)
{
	struct fx *fx = *ctx;
	static const uint64_t want[] = {
		1048576, 2048, 2048, 2048, 2048,
	};

	k.cap_2m = 1;
	k.cap_1g = 0;
	apply(fx, "rd.vmreserve.hugepages=0:4,0:1:1G rd.vmreserve.keep=0", 2);

	assert_int_equal(res[0].status, VMR_HP_SHORT);
	assert_int_equal(res[0].retries, VMR_HP_RETRIES);
	assert_int_equal(res[1].status, VMR_HP_SHORT);
	assert_int_equal(res[1].retries, 0);
	assert_int_equal(k.n_order, ARRAY_SIZE(want));
	assert_memory_equal(k.order, want, sizeof(want));
	assert_int_equal(k.compact_node, VMR_HP_RETRIES);
	assert_true(ends_with(log_line(fx, "node 0: 1G pages:"), hint_1g));
	assert_true(ends_with(log_line(fx, "node 0: 2M pages:"), hint_2m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_2m_short_retries, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_1g_short_no_retry, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_2m_met_first_write, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_2m_met_after_compaction,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_1g_before_2m, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_both_short, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
