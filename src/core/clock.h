/* SPDX-License-Identifier: MIT */
#ifndef VMR_CLOCK_H
#define VMR_CLOCK_H

#include <stdint.h>
#include <sys/time.h>

/* Microseconds for durations; klibc has gettimeofday but no clock_gettime. */
static inline uint64_t vmr_now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

#endif
