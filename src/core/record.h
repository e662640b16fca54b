/* SPDX-License-Identifier: MIT */
/*
 * The state record: /run/vmreserve/state, written by vmreserve-early in
 * the initramfs and read after switch_root (/run survives it). Line-based
 * "key=value", one fact per line, values on one line.
 *
 * VMR_RECORD_KEYS is the schema: the one list of keys the writer (early
 * binary) and the reader (status tool) use, and what vmreserve-early(8),
 * STATE RECORD, documents (a unit test holds the page to it). Each entry:
 *
 *   X(ID, NAME, TYPE, COUNT, MAX, MEANING)
 *
 * NAME has %zu where an index goes ("hp.%zu.node": the writer formats
 * it with the index, the man page shows hp.N.node); COUNT is how many
 * indexes there can be (1 for a key without one); MAX the longest value
 * the writer writes (it cuts longer strings there); MEANING is for people
 * and tests, never compiled into the early binary. VMR_STATE_SIZE is
 * summed from COUNT and MAX, so a record at every limit fits.
 * VMR_STATE_VERSION changes when a key changes meaning; keys may be added.
 */
#ifndef VMR_RECORD_H
#define VMR_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline.h"
#include "cmdline_src.h"
#include "hp_plan.h"
#include "pci.h"
#include "sysroot.h"

#define VMR_STATE_VERSION 1
#define VMR_STATE_DIR     "run/vmreserve"
#define VMR_STATE_PATH    "run/vmreserve/state"

enum vmr_rt {
	VMR_RT_U64, /* unsigned decimal */
	VMR_RT_S64, /* decimal, may be negative (-1: not run, no group) */
	VMR_RT_STR, /* text to the end of the line */
};

#define VMR_REC_NUM 20 /* digits of a 64-bit number, sign included */
#define VMR_REC_FIELD(type, member) (sizeof(((type *)0)->member) - 1)
#define VMR_REC_SEL_LEN VMR_REC_FIELD(struct vmr_pci_sel, text)
#define VMR_REC_FROM (VMR_FROM_LEN - 1)

#define VMR_RECORD_KEYS(X) \
	X(VERSION, "version", U64, 1, VMR_REC_NUM, \
	  "record format (first line); changes when a key changes meaning") \
	X(WRITER, "writer", STR, 1, 47, "program and version") \
	X(CONF, "conf", STR, 1, VMR_CONF_FP_LEN - 1, \
	  "/etc/vmreserve.conf in the initramfs: absent; skipped (there " \
	  "but not read, the log says why); or SIZE:HASH of what was read " \
	  "(its length without the trailing newlines and spaces, and the " \
	  "FNV-1a 32 of those bytes in hex, as vmreserve.conf(5) says)") \
	X(DISABLED, "disabled", U64, 1, VMR_REC_NUM, \
	  "1 when rd.vmreserve=0 (or no, off, false)") \
	X(KEEP, "keep", STR, 1, 24, "keep margin: default, bytes, or N%") \
	X(KEEP_SOURCE, "keep.source", STR, 1, VMR_REC_FROM, \
	  "where keep was asked, as arg.N.source; empty for the default") \
	X(ARG_COUNT, "arg.count", U64, 1, VMR_REC_NUM, \
	  "rd.vmreserve* parameters kept below, in the order they apply") \
	X(ARG_LOST, "arg.lost", U64, 1, VMR_REC_NUM, \
	  "parameters not kept (too many, or too long); they were applied") \
	X(ARG, "arg.%zu", STR, VMR_MAX_ARGS, VMR_ARG_LEN - 1, \
	  "one parameter as written, quotes included") \
	X(ARG_SOURCE, "arg.%zu.source", STR, VMR_MAX_ARGS, VMR_REC_FROM, \
	  "where it was read: /etc/vmreserve.conf:LINE (a line of the " \
	  "config file, without the rd.vmreserve. prefix), " \
	  "/etc/cmdline.d, /etc/cmdline, /proc/cmdline or " \
	  "/run/initramfs/cmdline.d") \
	X(DIAG_COUNT, "diag.count", U64, 1, VMR_REC_NUM, \
	  "command-line problems listed below") \
	X(DIAG_LOST, "diag.lost", U64, 1, VMR_REC_NUM, \
	  "problems not listed (too many)") \
	X(DIAG_ERRORS, "diag.errors", U64, 1, VMR_REC_NUM, \
	  "errors among all problems, listed or not") \
	X(DIAG, "diag.%zu", STR, VMR_MAX_DIAG, 9 + VMR_DIAG_LEN - 1, \
	  "error: or warning: and the message") \
	X(HP_COUNT, "hp.count", U64, 1, VMR_REC_NUM, "hugepage entries") \
	X(HP_ENTRY, "hp.%zu.entry", STR, VMR_MAX_HP, \
	  VMR_REC_FIELD(struct vmr_hp_req, text), "the entry as written") \
	X(HP_NODE, "hp.%zu.node", U64, VMR_MAX_HP, VMR_REC_NUM, "NUMA node") \
	X(HP_PAGE_KB, "hp.%zu.page_kb", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "page size in KiB") \
	X(HP_SOURCE, "hp.%zu.source", STR, VMR_MAX_HP, VMR_REC_FROM, \
	  "where the entry was asked, as arg.N.source") \
	X(HP_REQUESTED, "hp.%zu.requested", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "pages asked (sizes rounded up)") \
	X(HP_TARGET, "hp.%zu.target", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "pages after the keep clamp") \
	X(HP_BEFORE, "hp.%zu.before", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "nr_hugepages before") \
	X(HP_OBTAINED, "hp.%zu.obtained", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "nr_hugepages read back") \
	X(HP_FREE_KB, "hp.%zu.free_kb", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "node MemFree before") \
	X(HP_KEEP_KB, "hp.%zu.keep_kb", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "keep margin on the node") \
	X(HP_RETRIES, "hp.%zu.retries", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "compaction retries") \
	X(HP_WRITE_US, "hp.%zu.write_us", U64, VMR_MAX_HP, VMR_REC_NUM, \
	  "microseconds inside the nr_hugepages writes") \
	X(HP_STATUS, "hp.%zu.status", STR, VMR_MAX_HP, 8, \
	  "ok, clamped, short, invalid, failed or planned") \
	X(SEL_COUNT, "sel.count", U64, 1, VMR_REC_NUM, "PCI selectors") \
	X(SEL, "sel.%zu", STR, VMR_MAX_SEL, VMR_REC_SEL_LEN, \
	  "a selector in canonical form") \
	X(SEL_MATCHES, "sel.%zu.matches", U64, VMR_MAX_SEL, VMR_REC_NUM, \
	  "devices it matched") \
	X(SEL_MISMATCH, "sel.%zu.mismatch", STR, VMR_MAX_SEL, 9, \
	  "vendor:device found at a pinned address that holds another " \
	  "card (nothing taken there); empty otherwise") \
	X(SEL_SOURCE, "sel.%zu.source", STR, VMR_MAX_SEL, VMR_REC_FROM, \
	  "where the selector was first asked, as arg.N.source") \
	X(IOMMU, "iommu", STR, 1, 9, "on, off or unchecked") \
	X(MODPROBE, "modprobe", S64, 1, VMR_REC_NUM, \
	  "exit status of modprobe, 128+N when signal N killed it, 127 " \
	  "when it could not be run, -1 when not run") \
	X(DEV_COUNT, "dev.count", U64, 1, VMR_REC_NUM, "selected devices") \
	X(DEV_DROPPED, "dev.dropped", U64, 1, VMR_REC_NUM, \
	  "selected devices beyond the limit, not handled") \
	X(DEV_ADDR, "dev.%zu.addr", STR, VMR_MAX_DEV, VMR_BDF_LEN - 1, \
	  "PCI address") \
	X(DEV_ID, "dev.%zu.id", STR, VMR_MAX_DEV, 9, "vendor:device") \
	X(DEV_CLASS, "dev.%zu.class", STR, VMR_MAX_DEV, 10, "class, 0x%06x") \
	X(DEV_SELECTOR, "dev.%zu.selector", STR, VMR_MAX_DEV, VMR_REC_SEL_LEN, \
	  "the selector that matched it") \
	X(DEV_GROUP, "dev.%zu.group", S64, VMR_MAX_DEV, VMR_REC_NUM, \
	  "IOMMU group, -1 when none") \
	X(DEV_BOOT_VGA, "dev.%zu.boot_vga", U64, VMR_MAX_DEV, VMR_REC_NUM, \
	  "1 for the boot VGA device") \
	X(DEV_DRIVER_BEFORE, "dev.%zu.driver_before", STR, VMR_MAX_DEV, \
	  VMR_DRV_LEN - 1, "driver before, empty when none") \
	X(DEV_DRIVER_AFTER, "dev.%zu.driver_after", STR, VMR_MAX_DEV, \
	  VMR_DRV_LEN - 1, "driver read back") \
	X(DEV_STATUS, "dev.%zu.status", STR, VMR_MAX_DEV, 11, \
	  "bound, failed, rolled-back, refused, no-iommu or planned") \
	X(DEV_WHY, "dev.%zu.why", STR, VMR_MAX_DEV, VMR_MSG_LEN - 1, \
	  "why it was refused or failed, empty otherwise") \
	X(TIME_HUGEPAGES, "time.hugepages_us", U64, 1, VMR_REC_NUM, \
	  "microseconds inside nr_hugepages writes") \
	X(TIME_MODPROBE, "time.modprobe_us", U64, 1, VMR_REC_NUM, \
	  "microseconds inside modprobe") \
	X(TIME_TOTAL, "time.total_us", U64, 1, VMR_REC_NUM, \
	  "microseconds in all") \
	X(RESULT, "result", STR, 1, 12, \
	  "ok, partial, config-error or disabled") \
	X(EXIT, "exit", S64, 1, VMR_REC_NUM, "the exit status") \
	X(TRUNCATED, "truncated", U64, 1, VMR_REC_NUM, \
	  "1: lines after the last one before result= did not fit")

/*
 * A byte a record line may hold: the reader runs as root and prints values
 * to a terminal, so no control character but a tab (and no DEL); the
 * writer replaces any other with '?' (a newline with a space).
 */
static inline bool vmr_rec_byte_ok(unsigned char c)
{
	return (c >= 0x20 || c == '\t') && c != 0x7f;
}

#define VMR_REC_ENUM(id, name, type, count, max, meaning) VMR_K_##id,
enum vmr_rk { VMR_RECORD_KEYS(VMR_REC_ENUM) VMR_K_COUNT };
#undef VMR_REC_ENUM

/* A line: key (%zu is as long as a 3-digit index), '=', value, '\n'. */
#define VMR_REC_LINE(id, name, type, count, max, meaning) \
	+ (size_t)(count) * (sizeof(name) + 2 + (size_t)(max))
#define VMR_STATE_SIZE (1 VMR_RECORD_KEYS(VMR_REC_LINE))
/* Room the writer keeps for result=, exit= and truncated=1 to the end. */
#define VMR_STATE_TAIL (sizeof("result") + 2 + 12 + 2 * (sizeof("truncated") + 2 + VMR_REC_NUM))

#define VMR_REC_SLOT(id, name, type, count, max, meaning) + (count)
enum { VMR_REC_SLOTS = 0 VMR_RECORD_KEYS(VMR_REC_SLOT) };
#undef VMR_REC_SLOT

/*
 * The schema in compact form (the early binary pays for every byte):
 * names one after the other ("version\0writer\0..."), and per key its type
 * and longest value (VMR_REC_SPEC) and its count of indexes.
 */
#define VMR_REC_SPEC(type, max) ((unsigned short)((type) << 12 | (max)))
extern const char vmr_rec_names[];
extern const unsigned short vmr_rec_spec[VMR_K_COUNT];
extern const unsigned char vmr_rec_count[VMR_K_COUNT];

const char *vmr_rec_name(enum vmr_rk k);
static inline enum vmr_rt vmr_rec_type(enum vmr_rk k)
{
	return (enum vmr_rt)(vmr_rec_spec[k] >> 12);
}
static inline size_t vmr_rec_max(enum vmr_rk k)
{
	return vmr_rec_spec[k] & 0xfff;
}

/* ---- writer (early binary) ------------------------------------------- */

struct vmr_state {
	size_t len;
	bool overflow; /* a line did not fit: nothing more but the tail */
	bool tail;     /* writing result=, exit=, truncated=1 */
	char buf[VMR_STATE_SIZE];
};

/* Empty record with its version= line. */
void vmr_state_init(struct vmr_state *st);

/*
 * Add one line of the schema: key k, its %zu filled with idx, then v for
 * U64/S64 keys, else s cut at the key's MAX. Newlines in a value become
 * spaces, so a value can never forge another key. Once a line does not
 * fit, no later one is written (no holes), but for result=, exit= and
 * truncated=1, for which room is kept (st->tail).
 */
void vmr_state_put(struct vmr_state *st, enum vmr_rk k, size_t idx,
		   const char *s, uint64_t v);

/* What one run of the early binary did, for vmr_record_fill. */
struct vmr_run {
	const struct vmr_plan *plan;
	const struct vmr_hp_result *hp; /* plan->n_hp results */
	const struct vmr_pci *pci;
	uint64_t time_us[3]; /* in nr_hugepages writes, in modprobe, in all */
	const char *result;  /* ok, partial, config-error, disabled */
	int exit;
	bool acted;          /* the plan was applied (hp.*, sel.*, dev.*) */
};

/*
 * Every key after version=, writer= and conf=, in schema order, from run,
 * ending with result=, exit= and truncated=1 when a line did not fit (room for
 * them is kept). record_write.c, early binary only.
 */
void vmr_record_fill(struct vmr_state *st, const struct vmr_run *run);

/*
 * The first key after conf= that the writer's table has no row for, or
 * VMR_K_COUNT when every key has one: a key added to the schema without
 * its row is caught by make unit (tests/unit/test_record_rows.c), not
 * left out of every record. record_write.c.
 */
enum vmr_rk vmr_record_unwritten(void);

/* Write the record (atomically: vmr_replace). Early binary only. */
int vmr_state_write(const struct vmr_root *root, struct vmr_state *st);

/* ---- reader (status tool) -------------------------------------------- */

struct vmr_rval {
	bool seen;       /* the line is in the record (and was trusted) */
	bool known;      /* a number that parsed: u (U64) or s (S64) holds it */
	uint64_t u;
	int64_t s;
	const char *str; /* the value as written (into buf); NULL unseen */
};

#define VMR_REC_BAD_LEN 128

struct vmr_record {
	int err;          /* vmr_record_load: 0, -ENOENT (none), -errno */
	bool cut;         /* the file is larger than VMR_STATE_SIZE */
	size_t n_lines;
	size_t n_bad;     /* lines not trusted (malformed, duplicate, ...) */
	size_t bad_line;  /* the first of them, counted from 1 */
	char bad[VMR_REC_BAD_LEN]; /* what is wrong with it, and its key */
	size_t n_unknown; /* keys this reader does not know (a newer writer) */
	char buf[VMR_STATE_SIZE];
	struct vmr_rval val[VMR_REC_SLOTS];
};

/*
 * Load /run/vmreserve/state into r once: every line is checked against the
 * schema (header first, known key, index in range, number that parses,
 * value not longer than the writer writes, no duplicate); bad lines are
 * counted and the first is named, never trusted. Returns r->err.
 */
int vmr_record_load(const struct vmr_root *root, struct vmr_record *r);

/* The same on len bytes of text (tests, fuzzing). */
void vmr_record_parse(struct vmr_record *r, const char *text, size_t len);

/* The value of key k at idx (0 for keys without an index); never NULL. */
const struct vmr_rval *vmr_rec(const struct vmr_record *r, enum vmr_rk k,
			       size_t idx);

#endif
