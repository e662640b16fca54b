/* SPDX-License-Identifier: MIT */
/*
 * Reading one command-line source (/proc/cmdline, a dracut cmdline.d file)
 * for the parser, with the same bounds in both programs.
 */
#ifndef VMR_CMDLINE_SRC_H
#define VMR_CMDLINE_SRC_H

#include <stdbool.h>
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

/*
 * The config file (vmreserve.conf(5)), read by both programs with the same
 * rules, so that the fingerprint the early binary records for the copy in
 * the initramfs and the one the status tool computes for the host's file
 * are equal when the files are.
 */
#define VMR_CONF_PATH   "etc/vmreserve.conf"
#define VMR_CONF_MAX    16384 /* bytes; a larger file is not read */
#define VMR_CONF_FP_LEN 24    /* "16384:89abcdef", "absent", "skipped" */

/*
 * Read etc/vmreserve.conf into buf (VMR_CONF_MAX + 1 bytes): a directory
 * gives -EISDIR and a file longer than VMR_CONF_MAX -EFBIG; a FIFO (opened
 * O_NONBLOCK, so it cannot hang the boot) reads as empty and a device as
 * what it gives (no fstat: its bytes are not worth it in the initramfs,
 * where the generators only ever put a regular file); not a symlink unless follow (the initramfs' copy is
 * never one; the host's may be, where the generators copy its target), at
 * most VMR_CONF_MAX bytes. fp gets the fingerprint: "absent" (-ENOENT),
 * "skipped" (any other error), or "SIZE:HASH", the length read (trailing
 * newlines and blanks dropped, as vmr_read does) and its 32-bit FNV-1a
 * hash in 8 hex digits. Returns the length or -errno.
 */
int vmr_conf_read(const struct vmr_root *root, bool follow, char *buf,
		  char fp[VMR_CONF_FP_LEN]);

#endif
