/* SPDX-License-Identifier: MIT */
/*
 * vmr_scan_u64 and vmr_find stand in for strtoull and strstr in the early
 * binary: the sysfs and meminfo formats they read, and the inputs strtoull
 * would take but a sysfs number never has.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

static void scan_ok(const char *s, unsigned base, uint64_t want,
		    const char *rest)
{
	uint64_t v = 12345;
	const char *end = vmr_scan_u64(s, base, &v);

	assert_non_null(end);
	assert_int_equal(v, want);
	assert_string_equal(end, rest);
}

static void test_scan_sysfs_formats(void **state)
{
	(void)state;
	scan_ok("0x10de", 16, 0x10de, "");          /* vendor */
	scan_ok("0x030000", 16, 0x030000, "");      /* class */
	scan_ok("0000", 16, 0, "");                 /* bdf domain */
	scan_ok("1f", 16, 0x1f, "");
	scan_ok("FF:", 16, 0xff, ":");
	scan_ok("512", 10, 512, "");                /* nr_hugepages */
	scan_ok("   4023468 kB", 10, 4023468, " kB"); /* meminfo */
	scan_ok("2048kB", 10, 2048, "kB");          /* hugepages-2048kB */
	scan_ok("18446744073709551615", 10, UINT64_MAX, "");
	scan_ok("0xffffffffffffffff", 16, UINT64_MAX, "");
	/* "0x" with no hex digit after it is the number 0, then "x" */
	scan_ok("0x", 16, 0, "x");
	/* base 10 does not take a hex prefix */
	scan_ok("0x10", 10, 0, "x10");
}

static void test_scan_refuses(void **state)
{
	uint64_t v = 7;

	(void)state;
	assert_null(vmr_scan_u64("", 10, &v));
	assert_null(vmr_scan_u64("   ", 10, &v));
	assert_null(vmr_scan_u64("-1", 10, &v));      /* no sign */
	assert_null(vmr_scan_u64("+1", 10, &v));
	assert_null(vmr_scan_u64("kB", 10, &v));
	assert_null(vmr_scan_u64("g", 16, &v));
	assert_null(vmr_scan_u64("18446744073709551616", 10, &v)); /* 2^64 */
	assert_null(vmr_scan_u64("0x10000000000000000", 16, &v));
	assert_int_equal(v, 7); /* untouched on refusal */
}

static void test_find(void **state)
{
	const char *meminfo = "Node 0 MemTotal:  100 kB\nNode 0 MemFree:  40 kB\n";

	(void)state;
	assert_ptr_equal(vmr_find(meminfo, "MemFree:"), strstr(meminfo, "MemFree:"));
	assert_ptr_equal(vmr_find(meminfo, "Node"), meminfo);
	assert_null(vmr_find(meminfo, "MemAvailable:"));
	assert_null(vmr_find("Mem", "MemFree:"));
	assert_ptr_equal(vmr_find(meminfo, ""), meminfo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_sysfs_formats),
		cmocka_unit_test(test_scan_refuses),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
