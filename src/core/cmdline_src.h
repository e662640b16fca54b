/* SPDX-License-Identifier: MIT */
/*
 * Reading one command-line source (/proc/cmdline, a dracut cmdline.d file)
 * for the parser, with the same bounds in both programs.
 */
#ifndef VMR_CMDLINE_SRC_H
#define VMR_CMDLINE_SRC_H

#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"
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
 * where the generators only ever put a regular file); not a symlink
 * unless follow (the initramfs' copy is never one; the host's may be, where the generators copy its target), at
 * most VMR_CONF_MAX bytes. fp gets the fingerprint: "absent" (-ENOENT),
 * "skipped" (any other error), or "SIZE:HASH", the length read (trailing
 * newlines and blanks dropped, as vmr_read does) and its 32-bit FNV-1a
 * hash in 8 hex digits. Returns the length or -errno.
 */
int vmr_conf_read(const struct vmr_root *root, bool follow, char *buf,
		  char fp[VMR_CONF_FP_LEN]);

/*
 * Where a plan comes from: one ordered table of sources both programs walk
 * (like kmod's lookup[]), each row marked with where it exists. Inside the
 * initramfs: etc/vmreserve.conf first (vmreserve.conf(5): the command line
 * wins over it), then dracut's getcmdline() order
 * (modules.d/80base/dracut-lib.sh): the initramfs' own keys (dracut
 * --kernel-cmdline, kernel_cmdline=) first, so that the boot loader's
 * /proc/cmdline wins, then run/initramfs/cmdline.d. On the host: this
 * boot's record first, which holds the plan as read at boot (the
 * initramfs' own files too) and wins whole; else the host's config file
 * now, then the command line.
 */
enum vmr_where {
	VMR_IN_INITRAMFS = 1, /* vmreserve-early */
	VMR_ON_HOST = 2,      /* the status tool after switch_root */
};

enum vmr_src_kind {
	VMR_SK_RECORD, /* /run/vmreserve/state: read by the tool's callback */
	VMR_SK_CONF,   /* etc/vmreserve.conf: vmr_conf_read */
	VMR_SK_FILE,   /* one command-line file */
	VMR_SK_DIR,    /* DIR/[!.]*.conf, in byte order as the shell's glob */
};

struct vmr_plan_src {
	unsigned char kind;  /* enum vmr_src_kind */
	unsigned char src;   /* enum vmr_src (VMR_SRC_COUNT: the record) */
	unsigned char where; /* VMR_IN_INITRAMFS | VMR_ON_HOST */
};

#define VMR_N_PLAN_SRC 6
extern const struct vmr_plan_src vmr_plan_srcs[VMR_N_PLAN_SRC];

/* What vmr_plan_load needs, and what it says besides the plan. */
struct vmr_plan_load {
	enum vmr_where where;  /* the rows walked */
	/*
	 * The text of the proc/cmdline row instead of reading it: --cmdline
	 * STR (both programs), or the text the tool already read. NULL: it
	 * is read into proc.
	 */
	const char *cmdline;
	char *text;  /* VMR_CMDLINE_MAX bytes: every other source in turn */
	char *proc;  /* VMR_CMDLINE_MAX bytes: proc/cmdline, kept (the
			kernel's own keys); unused when cmdline is set */
	char *names; /* a cmdline.d's file names: names_size bytes; the
			first in byte order that fit are read, each other
			one is logged when report (names.h; initramfs rows
			only) */
	size_t names_size;
	/*
	 * Log a source that cannot be read or is too long (its whole
	 * parameters are still parsed) and count it as a plan error (an
	 * unreadable config file, a cut source): the early binary's rule.
	 * The tool leaves it false and says it in its own words.
	 */
	bool report;
	/*
	 * The record row (host only): rebuild the plan from this boot's
	 * record into plan; true when it held the whole plan (then no other
	 * row is read). NULL skips the row (--cmdline, a plan given).
	 */
	bool (*record)(struct vmr_plan *plan, void *ctx);
	void *ctx;
	/* out */
	bool from_record;              /* the plan is the record's */
	int conf_r;                    /* vmr_conf_read's length or -errno */
	char conf_fp[VMR_CONF_FP_LEN]; /* its fingerprint (vmr_conf_read) */
};

/*
 * Build the plan from every row of vmr_plan_srcs that exists at
 * l->where, in order (vmr_plan_init first). The config file is followed
 * through a symlink on the host only (the generators copy its target; the
 * initramfs' copy is never one). A missing file is normal. Returns 0, or
 * -EIO when proc/cmdline cannot be read: then nothing may be done (it may
 * hold rd.vmreserve=0); the rows after it are not read.
 *
 * The early binary: where VMR_IN_INITRAMFS, report true, its fixed
 * buffers, record NULL. The tool (status, suggest):
 *   static char text[VMR_CMDLINE_MAX];
 *   struct vmr_plan_load l = { .where = VMR_ON_HOST, .cmdline = r->cmdline,
 *       .text = text, .record = plan_from_record (NULL with --cmdline),
 *       .ctx = r };
 *   vmr_plan_load(root, &l, &plan);
 * then l.from_record says whether the plan is the record's (the plan's
 * origin), l.conf_r / l.conf_fp what the host's config file gave.
 */
int vmr_plan_load(const struct vmr_root *root, struct vmr_plan_load *l,
		  struct vmr_plan *plan);

#endif
