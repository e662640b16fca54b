/* SPDX-License-Identifier: MIT */
/*
 * Every key of the record's schema (record.h) has a row in the writer's
 * table (src/early/record_write.c): a key added without one would be
 * missing from every record, or (before K_NONE) written as the first bytes
 * of the plan. Built twice: as is, where no key may lack its row, and with
 * VMR_TEST_DROP_ROW naming a key whose row the build removes, where the
 * check must name exactly that key (the test can fail).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"

static void test_every_key_has_a_row(void **ctx)
{
	enum vmr_rk k = vmr_record_unwritten();

	(void)ctx;
#ifdef VMR_TEST_DROP_ROW
	if (k != VMR_TEST_DROP_ROW)
		fail_msg("row of %s removed, the check says %s",
			 vmr_rec_name(VMR_TEST_DROP_ROW),
			 k < VMR_K_COUNT ? vmr_rec_name(k) : "none missing");
#else
	if (k != VMR_K_COUNT)
		fail_msg("the record key %s has no row in the writer's table "
			 "(src/early/record_write.c)", vmr_rec_name(k));
#endif
}

/* A key without its row is not written at all, never as the plan's bytes. */
static void test_missing_row_writes_nothing(void **ctx)
{
	static struct vmr_plan plan;
	static struct vmr_pci pci;
	static struct vmr_hp_result hp[VMR_MAX_HP];
	static struct vmr_state st;
	struct vmr_run run = { &plan, hp, &pci, { 0, 0, 0 }, "ok", 0, true };

	(void)ctx;
	vmr_plan_init(&plan);
	vmr_plan_add(&plan, "rd.vmreserve.keep=1G rd.vmreserve.hugepages=0:2",
		     VMR_SRC_PROC);
	vmr_state_init(&st);
	vmr_record_fill(&st, &run);
	st.buf[st.len] = '\0';
#ifdef VMR_TEST_DROP_ROW
	/* hp.0.status= is not in the record */
	assert_null(strstr(st.buf, "\nhp.0.status="));
	assert_non_null(strstr(st.buf, "\nhp.0.write_us="));
#else
	assert_non_null(strstr(st.buf, "\nhp.0.status=ok\n"));
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key_has_a_row),
		cmocka_unit_test(test_missing_row_writes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
