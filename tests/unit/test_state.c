/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for src/state.c: the record the early binary writes is the
 * record the status tool reads back, key by key, through a real root
 * directory (a temporary one).
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

#include "record.h"
#include "sysroot.h"

static struct vmr_state wr, rd; /* 24 KiB each: off the stack */

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
	vmr_root_close(&fx->root);
	return rmdir(fx->dir);
}

static const char *get(const char *key)
{
	static char val[256];

	return vmr_state_get(&rd, key, val, sizeof(val));
}

static void test_round_trip(void **ctx)
{
	struct fx *fx = *ctx;

	vmr_state_init(&wr);
	vmr_state_add(&wr, "hp.1.node=%u", 0u);
	vmr_state_add(&wr, "hp.10.node=%u", 7u);
	vmr_state_add(&wr, "dev.0.why=%s", "held by nouveau; a=b");
	vmr_state_add(&wr, "empty=");
	assert_int_equal(vmr_state_write(&fx->root, &wr), 0);
	assert_int_equal(vmr_state_load(&fx->root, &rd), 0);
	assert_string_equal(get("version"), "1");
	/* A key is never mistaken for another that it prefixes. */
	assert_string_equal(get("hp.1.node"), "0");
	assert_string_equal(get("hp.10.node"), "7");
	assert_null(get("hp.1"));
	assert_null(get("hp.1.nod"));
	/* Values may hold '=' and ';'. */
	assert_string_equal(get("dev.0.why"), "held by nouveau; a=b");
	assert_string_equal(get("empty"), "");
	assert_null(get("absent"));
}

static void test_newline_cannot_forge_a_key(void **ctx)
{
	struct fx *fx = *ctx;

	vmr_state_init(&wr);
	vmr_state_add(&wr, "dev.0.why=%s", "x\nresult=ok");
	vmr_state_add(&wr, "result=%s", "partial");
	assert_int_equal(vmr_state_write(&fx->root, &wr), 0);
	assert_int_equal(vmr_state_load(&fx->root, &rd), 0);
	assert_string_equal(get("result"), "partial");
	assert_string_equal(get("dev.0.why"), "x result=ok");
}

static void test_last_line_wins(void **ctx)
{
	struct fx *fx = *ctx;

	vmr_state_init(&wr);
	vmr_state_add(&wr, "exit=%d", 0);
	vmr_state_add(&wr, "exit=%d", 2);
	assert_int_equal(vmr_state_write(&fx->root, &wr), 0);
	assert_int_equal(vmr_state_load(&fx->root, &rd), 0);
	assert_string_equal(get("exit"), "2");
}

static void test_value_truncated_to_buffer(void **ctx)
{
	struct fx *fx = *ctx;
	char small[5];

	vmr_state_init(&wr);
	vmr_state_add(&wr, "writer=%s", "vmreserve-early 0.1.0");
	assert_int_equal(vmr_state_write(&fx->root, &wr), 0);
	assert_int_equal(vmr_state_load(&fx->root, &rd), 0);
	assert_string_equal(vmr_state_get(&rd, "writer", small, sizeof(small)),
			    "vmre");
	assert_null(vmr_state_get(&rd, "writer", small, 0));
}

static void test_missing_record(void **ctx)
{
	struct fx *fx = *ctx;

	unlinkat(fx->root.fd, VMR_STATE_PATH, 0);
	assert_int_equal(vmr_state_load(&fx->root, &rd), -ENOENT);
	assert_null(get("version"));
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
		cmocka_unit_test(test_newline_cannot_forge_a_key),
		cmocka_unit_test(test_last_line_wins),
		cmocka_unit_test(test_value_truncated_to_buffer),
		cmocka_unit_test(test_missing_record),
		cmocka_unit_test(test_foreach_dir_many_entries),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
