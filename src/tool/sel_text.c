/* SPDX-License-Identifier: MIT */
#include "sel_text.h"

#include <stdio.h>
#include <string.h>

const char *vmr_short_addr(const char *addr)
{
	return strncmp(addr, "0000:", 5) == 0 ? addr + 5 : addr;
}

void vmr_pinned_sel(char *buf, size_t size, const char *addr,
		    uint16_t vendor, uint16_t device)
{
	snprintf(buf, size, "%s@%04x:%04x", vmr_short_addr(addr), vendor,
		 device);
}
