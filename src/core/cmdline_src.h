/* SPDX-License-Identifier: MIT */
/*
 * Reading one command-line source (/proc/cmdline, a dracut cmdline.d file)
 * for the parser, with the same bounds in both programs.
 */
#ifndef VMR_CMDLINE_SRC_H
#define VMR_CMDLINE_SRC_H

#include <stddef.h>

#include "sysroot.h"

/*
 * Buffer for one source. The kernel's COMMAND_LINE_SIZE is at most a few
 * KiB, but bootconfig adds up to 32 KiB of parameters to /proc/cmdline:
 * 64 KiB holds any of them (static storage: BSS, not file size).
 */
#define VMR_CMDLINE_MAX 65536

/*
 * Read path whole into buf (a newline is whitespace to the parser, as to
 * dracut, which joins the lines of its files). When it is longer than size - 1
 * bytes, *lost points at the last parameter in buf, which was cut: name
 * it, then end buf there (**lost = '\0') so that only whole parameters
 * are parsed; else *lost is NULL. Returns the length read or -errno.
 */
int vmr_read_params(const struct vmr_root *root, const char *path, char *buf,
		    size_t size, char **lost);

#endif
