/* SPDX-License-Identifier: MIT */
/* What the host cannot spare (spare.h). */
#include "spare.h"

static bool display(uint32_t class)
{
	return (class >> 16) == 0x03;
}

bool vmr_host_only_display(const struct vmr_report *r, const struct vmr_fn *m)
{
	for (size_t k = 0; k < r->n_fn; k++) {
		const struct vmr_fn *f = &r->fn[k];

		if (f != m && f->sel < 0 && display(f->class))
			return false;
	}
	return true;
}

bool vmr_host_display(const struct vmr_report *r, const struct vmr_fn *m)
{
	return display(m->class) &&
	       (m->boot_vga || vmr_host_only_display(r, m));
}

bool vmr_host_storage(const struct vmr_fn *m)
{
	return (m->class >> 16) == 0x01 && m->driver[0] && !m->driver_unread;
}
