/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the state record reader: the status tool, running
 * as root, reads a file anyone with write access to /run could have made.
 * Any input is a record; the reader must never crash, and what it trusts
 * must keep the schema's promises. A broken one calls abort().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static struct vmr_record rec;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t slot = 0;

	vmr_record_parse(&rec, (const char *)data, size);
	check(rec.n_bad <= rec.n_lines);
	check(rec.n_bad == 0 || (rec.bad_line >= 1 &&
				 rec.bad_line <= rec.n_lines));
	check(memchr(rec.bad, '\0', sizeof(rec.bad)) != NULL);
	for (const char *p = rec.bad; *p; p++)
		check(*p >= 0x20 && *p < 0x7f);
	check(rec.cut == (size >= sizeof(rec.buf)));
	for (int k = 0; k < VMR_K_COUNT; k++) {
		for (size_t i = 0; i < vmr_rec_count[k]; i++, slot++) {
			const struct vmr_rval *v = vmr_rec(&rec, (enum vmr_rk)k, i);

			check(v == &rec.val[slot]);
			if (!v->seen) {
				check(!v->known);
				continue;
			}
			/* a trusted value is in the buffer, one line, bounded */
			check(v->str >= rec.buf &&
			      v->str < rec.buf + sizeof(rec.buf));
			check(strlen(v->str) <= vmr_rec_max((enum vmr_rk)k));
			for (const char *c = v->str; *c; c++)
				check(((unsigned char)*c >= 0x20 || *c == '\t') &&
				      *c != 0x7f);
			check(!v->known ||
			      vmr_rec_type((enum vmr_rk)k) != VMR_RT_STR);
			if (v->known && vmr_rec_type((enum vmr_rk)k) == VMR_RT_U64)
				check(v->str[0] >= '0' && v->str[0] <= '9');
		}
	}
	check(slot == VMR_REC_SLOTS);
	check(!vmr_rec(&rec, VMR_K_COUNT, 0)->seen);
	return 0;
}
