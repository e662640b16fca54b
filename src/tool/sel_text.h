/* SPDX-License-Identifier: MIT */
/*
 * The selector text suggest and status propose to the user: one form,
 * written once. The seed's short form drops the domain when it is 0000
 * ("0000:05:00.1" -> "05:00.1"); a pinned selector adds the device's ids
 * (05:00.1@10de:0fb9: this function, and only while it is this device).
 *
 * Host-only (the status tool): the early binary only parses selectors.
 */
#ifndef VMR_SEL_TEXT_H
#define VMR_SEL_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* addr, a function's or a slot's, without a 0000: domain. */
const char *vmr_short_addr(const char *addr);

/* "BB:SS.F@VVVV:DDDD" (or a slot's "BB:SS@VVVV:DDDD") into buf. */
void vmr_pinned_sel(char *buf, size_t size, const char *addr,
		    uint16_t vendor, uint16_t device);

/* Room for one pinned selector: a full address, '@', the ids. */
#define VMR_PINNED_LEN 40

#endif
