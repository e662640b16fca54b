/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the state record (src/core/record.c, src/early/
 * record_write.c): the record the early binary writes is the record the
 * status tool reads back, through a real root directory (a temporary one);
 * a record at every documented limit fits; the writer leaves no holes; the
 * schema is the one vmreserve-early(8) documents.
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
#include "cmdline_src.h"
#include "record.h"
#include "sysroot.h"

/* Big: off the stack. */
static struct vmr_state wr;
static struct vmr_record rd;
static struct vmr_plan plan;
static struct vmr_pci pci;
static struct vmr_hp_result hp[VMR_MAX_HP];

struct fx {
	char dir[64];
	struct vmr_root root;
};

static int setup(void **ctx)
{
	static struct fx fx;

	snprintf(fx.dir, sizeof(fx.dir), "/tmp/vmr-state-XXXXXX");
	if (!mkdtemp(fx.dir) || vmr_root_open(&fx.root, fx.dir) < 0)
		return -1;
	*ctx = &fx;
	return 0;
}

static int teardown(void **ctx)
{
	struct fx *fx = *ctx;

	/* What vmr_state_write makes, removed without a shell. */
	unlinkat(fx->root.fd, VMR_STATE_PATH, 0);
	unlinkat(fx->root.fd, VMR_STATE_DIR, AT_REMOVEDIR);
	unlinkat(fx->root.fd, "run", AT_REMOVEDIR);
	unlinkat(fx->root.fd, "cmdline", 0);
	vmr_root_close(&fx->root);
	return rmdir(fx->dir);
}

static const struct vmr_rval *val(enum vmr_rk k, size_t idx)
{
	return vmr_rec(&rd, k, idx);
}

static const char *str(enum vmr_rk k, size_t idx)
{
	const struct vmr_rval *v = val(k, idx);

	return v->seen ? v->str : NULL;
}

/* The early binary's sequence: version, writer, the rest, the tail. */
static void write_record(struct fx *fx, const char *result, int code,
			 bool acted)
{
	struct vmr_run run = { &plan, hp, &pci, { 1, 2, 3 }, result, code,
			       acted };

	vmr_state_init(&wr);
	vmr_state_put(&wr, VMR_K_WRITER, 0, "vmreserve-early test", 0);
	vmr_record_fill(&wr, &run);
	if (fx)
		assert_int_equal(vmr_state_write(&fx->root, &wr), 0);
}

static void parse_written(void)
{
	vmr_record_parse(&rd, wr.buf, wr.len);
}

static void reset(void)
{
	memset(&pci, 0, sizeof(pci));
	memset(hp, 0, sizeof(hp));
	pci.modprobe_status = -1;
}

static void test_round_trip(void **ctx)
{
	struct fx *fx = *ctx;

	reset();
	vmr_plan_init(&plan);
	vmr_plan_add(&plan, "rd.vmreserve.keep=10%", VMR_SRC_CMDLINE_D);
	vmr_plan_add(&plan, "ro rd.vmreserve.pci=06:00 "
		     "\"rd.vmreserve.hugepages=0:1G,0:12X\"", VMR_SRC_PROC);
	pci.n_dev = 1;
	snprintf(pci.dev[0].addr, sizeof(pci.dev[0].addr), "0000:06:00.0");
	pci.dev[0].vendor = 0x10de;
	pci.dev[0].device = 0x1c81;
	pci.dev[0].class = 0x030000;
	pci.dev[0].group = -1;
	pci.dev[0].status = VMR_DEV_FAILED;
	snprintf(pci.dev[0].why, sizeof(pci.dev[0].why), "held by x; a=b");
	pci.sel_hits[0] = 2;
	hp[0].requested = 512;
	hp[0].target = 400;
	hp[0].status = VMR_HP_CLAMPED;
	write_record(fx, "partial", 1, true);
	assert_int_equal(vmr_record_load(&fx->root, &rd), 0);
	assert_int_equal(rd.n_bad, 0);
	assert_int_equal(rd.n_unknown, 0);
	assert_true(val(VMR_K_VERSION, 0)->known);
	assert_int_equal(val(VMR_K_VERSION, 0)->u, VMR_STATE_VERSION);
	assert_string_equal(str(VMR_K_KEEP, 0), "10%");
	/* The parameters as written, quotes and all, and where from. */
	assert_int_equal(val(VMR_K_ARG_COUNT, 0)->u, 3);
	assert_string_equal(str(VMR_K_ARG, 0), "rd.vmreserve.keep=10%");
	assert_string_equal(str(VMR_K_ARG_SOURCE, 0), "/etc/cmdline.d");
	assert_string_equal(str(VMR_K_ARG, 2),
			    "\"rd.vmreserve.hugepages=0:1G,0:12X\"");
	assert_string_equal(str(VMR_K_ARG_SOURCE, 2), "/proc/cmdline");
	assert_string_equal(str(VMR_K_DIAG, 0), "error: rd.vmreserve.hugepages: "
			    "'0:12X': unknown size suffix 'X'");
	assert_string_equal(str(VMR_K_HP_ENTRY, 0), "0:1G");
	assert_int_equal(val(VMR_K_HP_PAGE_KB, 0)->u, 2048);
	assert_int_equal(val(VMR_K_HP_TARGET, 0)->u, 400);
	assert_string_equal(str(VMR_K_HP_STATUS, 0), "clamped");
	assert_string_equal(str(VMR_K_SEL, 0), "0000:06:00");
	assert_int_equal(val(VMR_K_SEL_MATCHES, 0)->u, 2);
	assert_string_equal(str(VMR_K_IOMMU, 0), "off");
	assert_int_equal(val(VMR_K_MODPROBE, 0)->s, -1);
	assert_string_equal(str(VMR_K_DEV_ID, 0), "10de:1c81");
	assert_string_equal(str(VMR_K_DEV_CLASS, 0), "0x030000");
	assert_string_equal(str(VMR_K_DEV_SELECTOR, 0), "0000:06:00");
	assert_int_equal(val(VMR_K_DEV_GROUP, 0)->s, -1);
	assert_string_equal(str(VMR_K_DEV_DRIVER_BEFORE, 0), "");
	assert_string_equal(str(VMR_K_DEV_STATUS, 0), "failed");
	/* Values may hold '=' and ';'. */
	assert_string_equal(str(VMR_K_DEV_WHY, 0), "held by x; a=b");
	assert_int_equal(val(VMR_K_TIME_TOTAL, 0)->u, 3);
	assert_string_equal(str(VMR_K_RESULT, 0), "partial");
	assert_int_equal(val(VMR_K_EXIT, 0)->s, 1);
	assert_false(val(VMR_K_TRUNCATED, 0)->seen);
	/* The plan comes back from the recorded parameters, whole. */
	{
		static struct vmr_plan again;

		vmr_plan_init(&again);
		for (size_t i = 0; i < val(VMR_K_ARG_COUNT, 0)->u; i++)
			vmr_plan_add(&again, str(VMR_K_ARG, i), VMR_SRC_PROC);
		assert_int_equal(again.n_sel, plan.n_sel);
		assert_int_equal(again.n_hp, plan.n_hp);
		assert_int_equal(again.n_errors, plan.n_errors);
		assert_int_equal(again.keep.kind, VMR_KEEP_PERCENT);
		assert_string_equal(again.diag[0].msg, plan.diag[0].msg);
	}
}

/* Without a run (rd.vmreserve=0): the plan and the tail, no hp.*, dev.*. */
static void test_not_acted(void **ctx)
{
	(void)ctx;
	reset();
	vmr_cmdline_parse("rd.vmreserve.pci=06:00 rd.vmreserve=off", &plan);
	write_record(NULL, "disabled", 0, false);
	parse_written();
	assert_int_equal(rd.n_bad, 0);
	assert_int_equal(val(VMR_K_DISABLED, 0)->u, 1);
	assert_string_equal(str(VMR_K_ARG, 1), "rd.vmreserve=off");
	assert_false(val(VMR_K_SEL_COUNT, 0)->seen);
	assert_false(val(VMR_K_HP_COUNT, 0)->seen);
	assert_false(val(VMR_K_DEV_COUNT, 0)->seen);
	assert_true(val(VMR_K_TIME_TOTAL, 0)->seen);
	assert_string_equal(str(VMR_K_RESULT, 0), "disabled");
}

static void test_newline_cannot_forge_a_key(void **ctx)
{
	(void)ctx;
	reset();
	vmr_cmdline_parse("rd.vmreserve.pci=06:00.0", &plan);
	pci.n_dev = 1;
	snprintf(pci.dev[0].why, sizeof(pci.dev[0].why), "x\nresult=ok");
	write_record(NULL, "partial", 1, true);
	parse_written();
	assert_int_equal(rd.n_bad, 0);
	assert_string_equal(str(VMR_K_RESULT, 0), "partial");
	assert_string_equal(str(VMR_K_DEV_WHY, 0), "x result=ok");
}

static void fill(char *s, size_t size, char c)
{
	memset(s, c, size - 1);
	s[size - 1] = '\0';
}

/*
 * Every list at its limit, every string at its longest, every number at
 * its widest: the record fits its buffer whole (VMR_STATE_SIZE is summed
 * from the schema), and reads back without a bad line.
 */
static void test_record_at_the_limits_fits(void **ctx)
{
	struct fx *fx = *ctx;

	reset();
	vmr_plan_init(&plan);
	plan.disabled = false;
	plan.keep = (struct vmr_keep){ VMR_KEEP_BYTES, UINT64_MAX };
	plan.n_args = VMR_MAX_ARGS;
	plan.n_args_lost = SIZE_MAX;
	for (size_t i = 0; i < VMR_MAX_ARGS; i++) {
		plan.arg[i].src = VMR_SRC_RUN_D;
		fill(plan.arg[i].text, sizeof(plan.arg[i].text), 'a');
	}
	plan.n_diag = VMR_MAX_DIAG;
	plan.n_diag_lost = plan.n_errors = SIZE_MAX;
	for (size_t i = 0; i < VMR_MAX_DIAG; i++) {
		plan.diag[i].level = VMR_DIAG_WARNING;
		fill(plan.diag[i].msg, sizeof(plan.diag[i].msg), 'd');
	}
	plan.n_hp = VMR_MAX_HP;
	for (size_t i = 0; i < VMR_MAX_HP; i++) {
		fill(plan.hp[i].text, sizeof(plan.hp[i].text), 'h');
		plan.hp[i].node = UINT32_MAX;
		plan.hp[i].page_kb = UINT64_MAX;
		hp[i] = (struct vmr_hp_result){ UINT64_MAX, UINT64_MAX,
			UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX,
			UINT32_MAX, UINT64_MAX, VMR_HP_INVALID };
	}
	plan.n_sel = VMR_MAX_SEL;
	for (size_t i = 0; i < VMR_MAX_SEL; i++) {
		fill(plan.sel[i].text, sizeof(plan.sel[i].text), 's');
		pci.sel_hits[i] = UINT32_MAX;
	}
	pci.modprobe_status = INT32_MIN;
	pci.n_dev = VMR_MAX_DEV;
	pci.n_dropped = SIZE_MAX;
	for (size_t i = 0; i < VMR_MAX_DEV; i++) {
		struct vmr_dev *d = &pci.dev[i];

		fill(d->addr, sizeof(d->addr), 'p');
		d->vendor = d->device = 0xffff;
		d->class = 0xffffff;
		d->sel = VMR_MAX_SEL - 1;
		d->group = INT32_MIN;
		d->boot_vga = true;
		fill(d->driver_before, sizeof(d->driver_before), 'b');
		fill(d->driver_after, sizeof(d->driver_after), 'f');
		d->status = VMR_DEV_NO_IOMMU;
		fill(d->why, sizeof(d->why), 'w');
	}
	{
		struct vmr_run run = { &plan, hp, &pci,
				       { UINT64_MAX, UINT64_MAX, UINT64_MAX },
				       "config-error", 2, true };

		vmr_state_init(&wr);
		vmr_state_put(&wr, VMR_K_WRITER, 0,
			      "vmreserve-early 0.1.0 and a long suffix .....",
			      0);
		vmr_state_put(&wr, VMR_K_CONF, 0, "4294967295:ffffffff....", 0);
		vmr_record_fill(&wr, &run);
	}
	assert_false(wr.overflow);
	assert_int_equal(vmr_state_write(&fx->root, &wr), 0);
	assert_int_equal(vmr_record_load(&fx->root, &rd), 0);
	assert_false(rd.cut);
	assert_int_equal(rd.n_bad, 0);
	assert_false(val(VMR_K_TRUNCATED, 0)->seen);
	assert_int_equal(val(VMR_K_ARG_LOST, 0)->u, SIZE_MAX);
	assert_int_equal(strlen(str(VMR_K_ARG, VMR_MAX_ARGS - 1)),
			 VMR_ARG_LEN - 1);
	assert_string_equal(str(VMR_K_ARG_SOURCE, 31),
			    "/run/initramfs/cmdline.d");
	assert_int_equal(val(VMR_K_HP_WRITE_US, VMR_MAX_HP - 1)->u,
			 UINT64_MAX);
	assert_int_equal(val(VMR_K_MODPROBE, 0)->s, INT32_MIN);
	assert_int_equal(val(VMR_K_DEV_GROUP, VMR_MAX_DEV - 1)->s, INT32_MIN);
	assert_int_equal(strlen(str(VMR_K_DEV_WHY, VMR_MAX_DEV - 1)),
			 VMR_MSG_LEN - 1);
	assert_string_equal(str(VMR_K_RESULT, 0), "config-error");
	assert_int_equal(val(VMR_K_EXIT, 0)->s, 2);
	/* Every slot of every key was written and read back. */
	for (int k = 0; k < VMR_K_TRUNCATED; k++)
		for (size_t i = 0; i < vmr_rec_count[k]; i++)
			assert_true(val((enum vmr_rk)k, i)->seen);
}

/*
 * Past the buffer: the first line that does not fit stops the writer (a
 * shorter one after it is not written: no holes), and result=, exit= and
 * truncated=1 still fit at the end.
 */
static void test_writer_stops_no_holes(void **ctx)
{
	size_t pad;

	(void)ctx;
	vmr_state_init(&wr);
	/* An unknown key as padding, leaving room for 100 bytes more. */
	pad = sizeof(wr.buf) - VMR_STATE_TAIL - wr.len - 100;
	memcpy(wr.buf + wr.len, "pad=", 4);
	memset(wr.buf + wr.len + 4, 'x', pad - 5);
	wr.buf[wr.len + pad - 1] = '\n';
	wr.len += pad;
	wr.buf[wr.len] = '\0';
	vmr_state_put(&wr, VMR_K_WRITER, 0, "short", 0);
	vmr_state_put(&wr, VMR_K_DEV_WHY, 3, "a reason longer than the rest of "
		      "the buffer: it does not fit in 100 bytes, so it stops "
		      "the writer here.", 0);
	vmr_state_put(&wr, VMR_K_IOMMU, 0, "on", 0);
	assert_true(wr.overflow);
	{
		struct vmr_run run = { &plan, hp, &pci, { 0, 0, 0 },
				       "partial", 1, false };

		vmr_plan_init(&plan);
		vmr_record_fill(&wr, &run);
	}
	parse_written();
	assert_int_equal(rd.n_bad, 0);
	assert_int_equal(rd.n_unknown, 1);
	assert_string_equal(str(VMR_K_WRITER, 0), "short");
	assert_null(str(VMR_K_DEV_WHY, 3));
	assert_null(str(VMR_K_IOMMU, 0));
	assert_null(str(VMR_K_DISABLED, 0));
	assert_string_equal(str(VMR_K_RESULT, 0), "partial");
	assert_int_equal(val(VMR_K_EXIT, 0)->s, 1);
	assert_int_equal(val(VMR_K_TRUNCATED, 0)->u, 1);
	assert_true(wr.len < sizeof(wr.buf));
}

/* ---- hostile records -------------------------------------------------- */

static void parse_text(const char *text)
{
	vmr_record_parse(&rd, text, strlen(text));
}

static void test_bad_number_is_unknown(void **ctx)
{
	(void)ctx;
	parse_text("version=1\nhp.count=1\nhp.0.target=12x\nexit=-3\n"
		   "hp.0.before=-1\ntime.total_us=99999999999999999999999\n");
	assert_int_equal(rd.n_bad, 3);
	assert_int_equal(rd.bad_line, 3);
	assert_string_equal(rd.bad, "not a number: 'hp.0.target'");
	/* seen, but unknown: never 0 */
	assert_true(val(VMR_K_HP_TARGET, 0)->seen);
	assert_false(val(VMR_K_HP_TARGET, 0)->known);
	assert_false(val(VMR_K_HP_BEFORE, 0)->known);
	assert_false(val(VMR_K_TIME_TOTAL, 0)->known);
	/* exit is signed: -3 is a number (the tool judges its range) */
	assert_true(val(VMR_K_EXIT, 0)->known);
	assert_int_equal(val(VMR_K_EXIT, 0)->s, -3);
	assert_int_equal(val(VMR_K_HP_COUNT, 0)->u, 1);
}

static void test_missing_header(void **ctx)
{
	(void)ctx;
	parse_text("result=ok\nversion=1\n");
	assert_int_equal(rd.bad_line, 1);
	assert_string_equal(rd.bad, "missing version= header: 'result'");
	parse_text("");
	assert_int_equal(rd.n_bad, 1);
	assert_string_equal(rd.bad, "missing version= header: ''");
}

static void test_index_out_of_range(void **ctx)
{
	char text[128];

	(void)ctx;
	snprintf(text, sizeof(text), "version=1\nhp.%d.node=1\n"
		 "dev.99999999999999999999.addr=x\nsel.0.matches=3\n",
		 VMR_MAX_HP);
	parse_text(text);
	assert_int_equal(rd.n_bad, 2);
	assert_int_equal(rd.bad_line, 2);
	assert_string_equal(rd.bad, "index out of range: 'hp.32.node'");
	assert_int_equal(val(VMR_K_SEL_MATCHES, 0)->u, 3);
	/* vmr_rec never reads outside its table */
	assert_false(vmr_rec(&rd, VMR_K_HP_NODE, VMR_MAX_HP)->seen);
	assert_false(vmr_rec(&rd, VMR_K_COUNT, 0)->seen);
}

static void test_duplicate_keeps_the_first(void **ctx)
{
	(void)ctx;
	parse_text("version=1\nresult=ok\nresult=partial\n");
	assert_int_equal(rd.n_bad, 1);
	assert_int_equal(rd.bad_line, 3);
	assert_string_equal(rd.bad, "duplicate key: 'result'");
	assert_string_equal(str(VMR_K_RESULT, 0), "ok");
}

static void test_malformed_lines(void **ctx)
{
	static char text[8192];
	size_t n;

	(void)ctx;
	/* no '=', a value longer than the writer writes, a NUL byte (a
	 * control character) */
	n = (size_t)snprintf(text, sizeof(text), "version=1\njunk\n"
			     "dev.0.status=%0100d\nresult=o", 7);
	memcpy(text + n, "\0k\nexit=0", 9);
	vmr_record_parse(&rd, text, n + 9);
	assert_int_equal(rd.n_bad, 4);
	assert_int_equal(rd.bad_line, 2);
	assert_string_equal(rd.bad, "no '=': 'junk'");
	assert_false(val(VMR_K_DEV_STATUS, 0)->seen);
	assert_false(val(VMR_K_RESULT, 0)->seen);
	/* the last line has no newline: not trusted either */
	assert_false(val(VMR_K_EXIT, 0)->seen);
	/* a terminal escape in a value is not trusted (read as root) */
	parse_text("version=1\ndev.0.why=\033]0;owned\007\nresult=ok\n");
	assert_int_equal(rd.n_bad, 1);
	assert_string_equal(rd.bad, "control character: 'dev.0.why'");
	assert_false(val(VMR_K_DEV_WHY, 0)->seen);
	/* leading zeros are not an index the writer writes: not our key */
	parse_text("version=1\nhp.01.node=3\n");
	assert_int_equal(rd.n_bad, 0);
	assert_int_equal(rd.n_unknown, 1);
	assert_false(val(VMR_K_HP_NODE, 1)->seen);
}

static void test_unknown_keys_are_not_bad(void **ctx)
{
	(void)ctx;
	/* a newer writer may add keys (vmreserve-early(8)) */
	parse_text("version=2\nnew.key=1\nresult=ok\n");
	assert_int_equal(rd.n_bad, 0);
	assert_int_equal(rd.n_unknown, 1);
	assert_int_equal(val(VMR_K_VERSION, 0)->u, 2);
}

static void test_missing_record(void **ctx)
{
	struct fx *fx = *ctx;

	unlinkat(fx->root.fd, VMR_STATE_PATH, 0);
	assert_int_equal(vmr_record_load(&fx->root, &rd), -ENOENT);
	assert_int_equal(rd.n_bad, 0);
	assert_false(val(VMR_K_VERSION, 0)->seen);
}

/* Every key of the schema is in vmreserve-early(8), STATE RECORD. */
static void test_schema_documented(void **ctx)
{
	static char page[65536];
	FILE *f = fopen("src/early/vmreserve-early.8", "r");
	size_t n;

	(void)ctx;
	assert_non_null(f);
	n = fread(page, 1, sizeof(page) - 1, f);
	fclose(f);
	page[n] = '\0';
	assert_non_null(strstr(page, ".SH STATE RECORD"));
	for (int k = 0; k < VMR_K_COUNT; k++) {
		char want[64], *p = want;
		const char *name = vmr_rec_name((enum vmr_rk)k);

		/* "hp.%zu.node" is shown as hp.\fIN\fB.node */
		for (; *name; name++) {
			if (strncmp(name, "%zu", 3) == 0) {
				p += sprintf(p, "\\fIN\\fB");
				name += 2;
			} else {
				*p++ = *name;
			}
		}
		*p = '\0';
		if (!strstr(strstr(page, ".SH STATE RECORD"), want))
			fail_msg("vmreserve-early(8) lacks the key %s", want);
	}
}

/* ---- command-line sources --------------------------------------------- */

/* A source longer than the buffer keeps its whole parameters only. */
static void test_read_params_cut(void **ctx)
{
	struct fx *fx = *ctx;
	char buf[32], *lost;
	int fd = openat(fx->root.fd, "cmdline", O_WRONLY | O_CREAT | O_TRUNC,
			0600);
	const char text[] = "ro rd.vmreserve.keep=1G rd.vmreserve.pci=06:00\n";

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1), sizeof(text) - 1);
	close(fd);
	assert_int_equal(vmr_read_params(&fx->root, "cmdline", buf,
					 sizeof(buf), &lost), 31);
	assert_non_null(lost);
	assert_string_equal(lost, "rd.vmre");
	*lost = '\0';
	assert_string_equal(buf, "ro rd.vmreserve.keep=1G ");
	/* a buffer that holds it: no cut, the newline trimmed */
	{
		static char big[256];

		assert_int_equal(vmr_read_params(&fx->root, "cmdline", big,
						 sizeof(big), &lost),
				 sizeof(text) - 2);
		assert_null(lost);
	}
	unlinkat(fx->root.fd, "cmdline", 0);
}

/*
 * vmr_foreach_dir reads getdents64 records into a 4 KiB buffer: a
 * directory of 1000 long names takes many reads, and every name must come
 * back exactly once, without "." and "..".
 */
#define MANY 1000

struct seen {
	unsigned char hit[MANY];
	int calls, dots, bad;
};

static int count_name(const char *name, void *ctx)
{
	struct seen *s = ctx;
	unsigned long i;
	char *end;

	s->calls++;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		s->dots++;
		return 0;
	}
	i = strtoul(name + strlen("entry-with-a-longish-name-"), &end, 10);
	if (strncmp(name, "entry-with-a-longish-name-", 26) != 0 || *end ||
	    i >= MANY)
		s->bad++;
	else
		s->hit[i]++;
	return 0;
}

static void test_foreach_dir_many_entries(void **ctx)
{
	struct fx *fx = *ctx;
	static struct seen s;
	char name[64];

	assert_int_equal(mkdirat(fx->root.fd, "many", 0700), 0);
	for (int i = 0; i < MANY; i++) {
		int fd;

		snprintf(name, sizeof(name), "many/entry-with-a-longish-name-%d", i);
		fd = openat(fx->root.fd, name, O_WRONLY | O_CREAT, 0600);
		assert_true(fd >= 0);
		close(fd);
	}
	memset(&s, 0, sizeof(s));
	assert_int_equal(vmr_foreach_dir(&fx->root, "many", count_name, &s), 0);
	assert_int_equal(s.calls, MANY);
	assert_int_equal(s.dots, 0);
	assert_int_equal(s.bad, 0);
	for (int i = 0; i < MANY; i++)
		assert_int_equal(s.hit[i], 1);
	for (int i = 0; i < MANY; i++) {
		snprintf(name, sizeof(name), "many/entry-with-a-longish-name-%d", i);
		unlinkat(fx->root.fd, name, 0);
	}
	unlinkat(fx->root.fd, "many", AT_REMOVEDIR);
	assert_int_equal(vmr_foreach_dir(&fx->root, "many", count_name, &s),
			 -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_not_acted),
		cmocka_unit_test(test_newline_cannot_forge_a_key),
		cmocka_unit_test(test_record_at_the_limits_fits),
		cmocka_unit_test(test_writer_stops_no_holes),
		cmocka_unit_test(test_bad_number_is_unknown),
		cmocka_unit_test(test_missing_header),
		cmocka_unit_test(test_index_out_of_range),
		cmocka_unit_test(test_duplicate_keeps_the_first),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_unknown_keys_are_not_bad),
		cmocka_unit_test(test_missing_record),
		cmocka_unit_test(test_schema_documented),
		cmocka_unit_test(test_read_params_cut),
		cmocka_unit_test(test_foreach_dir_many_entries),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
