/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the kernel list format in src/topology.c ("0-3,8,10-11"):
 * node/cpulist and thread_siblings_list are parsed with it, and the
 * libvirt cpusets are printed with it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "topology.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void test_parse_valid(void **state)
{
	static const struct {
		const char *in;
		int n;
		unsigned cpus[8];
	} cases[] = {
		{ "", 0, { 0 } },
		{ "0", 1, { 0 } },
		{ "0-3", 4, { 0, 1, 2, 3 } },
		{ "0,8", 2, { 0, 8 } },
		{ "0-1,8,10-11", 5, { 0, 1, 8, 10, 11 } },
		{ "5-5", 1, { 5 } },
		{ "0,2,4,6,8,10,12,14", 8, { 0, 2, 4, 6, 8, 10, 12, 14 } },
	};
	unsigned out[8];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int n = vmr_cpulist_parse(cases[i].in, out, ARRAY_SIZE(out));

		assert_int_equal(n, cases[i].n);
		assert_memory_equal(out, cases[i].cpus, (size_t)n * sizeof(out[0]));
	}
}

static void test_parse_malformed(void **state)
{
	static const char *const bad[] = {
		"a", "0-", "-1", "3-1", "0,,1", "0,", "1 2", "0x1", "70000",
	};
	unsigned out[8];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(vmr_cpulist_parse(bad[i], out, ARRAY_SIZE(out)),
				 -EINVAL);
}

static void test_parse_too_many(void **state)
{
	unsigned out[4];

	(void)state;
	assert_int_equal(vmr_cpulist_parse("0-4", out, ARRAY_SIZE(out)), -E2BIG);
	assert_int_equal(vmr_cpulist_parse("0-3", out, ARRAY_SIZE(out)), 4);
}

static void test_format(void **state)
{
	static const unsigned a[] = { 0, 1, 2, 3, 8, 10, 11 }, b[] = { 4 },
			      c[] = { 1, 3, 5 };
	char buf[32];

	(void)state;
	assert_int_equal(vmr_cpulist_format(buf, sizeof(buf), a, ARRAY_SIZE(a)),
			 (int)strlen("0-3,8,10-11"));
	assert_string_equal(buf, "0-3,8,10-11");
	vmr_cpulist_format(buf, sizeof(buf), b, 1);
	assert_string_equal(buf, "4");
	vmr_cpulist_format(buf, sizeof(buf), c, ARRAY_SIZE(c));
	assert_string_equal(buf, "1,3,5");
	assert_int_equal(vmr_cpulist_format(buf, sizeof(buf), a, 0), 0);
	assert_string_equal(buf, "");
	assert_int_equal(vmr_cpulist_format(buf, 5, a, ARRAY_SIZE(a)), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_parse_too_many),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
