/* SPDX-License-Identifier: MIT */
/*
 * Kernel command-line parser for the rd.vmreserve.* keys.
 *
 * Pure: a string in, a plan out. No I/O, no heap, bounded storage. The early
 * binary, the status tool, the unit tests and the fuzzer all call
 * vmr_cmdline_parse() on the same bytes and get the same plan.
 */
#ifndef VMR_CMDLINE_H
#define VMR_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VMR_MAX_SEL      64   /* PCI selectors kept; more are reported */
#define VMR_MAX_HP       32   /* hugepage requests kept */
#define VMR_MAX_DIAG     32   /* diagnostics kept; the rest are counted */
#define VMR_DIAG_LEN     192  /* one diagnostic line, NUL included */
#define VMR_TOKEN_SHOWN  64   /* longest piece of user input quoted back */
#define VMR_MAX_NODE     1023 /* MAX_NUMNODES - 1 on the largest configs */

enum vmr_sel_kind {
	VMR_SEL_ID,   /* VVVV:DDDD: every device with this vendor and device id */
	VMR_SEL_FUNC, /* [DDDD:]BB:SS.F[@VVVV:DDDD]: one function */
	VMR_SEL_SLOT, /* [DDDD:]BB:SS[@VVVV:DDDD]: every function of one slot */
};

/*
 * An address may be pinned to the hardware expected there: ADDR@VVVV:DDDD
 * takes the function (for a slot: the whole slot) only when the function
 * (for a slot: function 0) has these ids, so a card added or moved, or
 * renumbered buses, cannot hand another device (the boot disk) to vfio-pci.
 */
struct vmr_pci_sel {
	enum vmr_sel_kind kind;
	bool pinned;             /* an address with @VVVV:DDDD */
	uint16_t vendor, device; /* VMR_SEL_ID, or the pin when pinned */
	uint32_t domain;         /* VMR_SEL_FUNC / VMR_SEL_SLOT; default 0 */
	uint8_t bus, slot, func; /* func only for VMR_SEL_FUNC */
	char text[32];           /* canonical form, e.g. "0000:06:00@10de:1c81" */
};

struct vmr_hp_req {
	unsigned node;
	bool is_size;      /* amount is bytes (512M) rather than a page count */
	uint64_t amount;   /* pages, or bytes when is_size */
	uint64_t page_kb;  /* page size in KiB: 2048 unless given */
	char text[48];     /* the entry as written (shortened if long) */
};

enum vmr_keep_kind {
	VMR_KEEP_DEFAULT, /* not given: see vmr_keep_bytes() */
	VMR_KEEP_BYTES,
	VMR_KEEP_PERCENT,
};

struct vmr_keep {
	enum vmr_keep_kind kind;
	uint64_t value; /* bytes or percent (0..100) */
};

enum vmr_diag_level {
	VMR_DIAG_ERROR,   /* malformed or unknown key: the entry was skipped */
	VMR_DIAG_WARNING, /* accepted but odd: duplicate, replaced entry */
};

struct vmr_diag {
	enum vmr_diag_level level;
	char msg[VMR_DIAG_LEN]; /* "rd.vmreserve.hugepages: '0:12X': unknown size suffix 'X'" */
};

struct vmr_plan {
	bool disabled;      /* rd.vmreserve=0/no/off/false (last one wins) */
	bool any_key;       /* at least one rd.vmreserve* key was seen */
	size_t n_sel;
	struct vmr_pci_sel sel[VMR_MAX_SEL];
	size_t n_hp;
	struct vmr_hp_req hp[VMR_MAX_HP];
	struct vmr_keep keep;
	size_t n_diag;      /* kept in diag[] */
	size_t n_diag_lost; /* further diagnostics that did not fit */
	size_t n_errors;    /* all VMR_DIAG_ERROR, kept or lost */
	struct vmr_diag diag[VMR_MAX_DIAG];
};

/*
 * Split a command line into parameters with the kernel's rules
 * (lib/cmdline.c next_arg): whitespace separates, double quotes group and
 * are dropped around the value (key="a b") or the whole parameter
 * ("key=a b"). Calls fn for every parameter; val is NULL for a bare key.
 * key and val are NUL-terminated copies valid only during the call; keys are
 * passed as written (not normalised). Parameters longer than the internal
 * 4 KiB buffer are passed truncated with truncated=true.
 * Returns 0, or the first non-zero value returned by fn (which stops).
 */
typedef int (*vmr_param_fn)(const char *key, const char *val, bool truncated,
			    void *ctx);
int vmr_cmdline_foreach(const char *cmdline, vmr_param_fn fn, void *ctx);

/* Key comparison with '-' equal to '_'. */
bool vmr_key_eq(const char *a, const char *b);

/*
 * Parse every rd.vmreserve* key of cmdline into plan (which it zeroes first).
 * Never fails: malformed entries become diagnostics and are skipped.
 * Returns the number of errors (plan->n_errors).
 */
size_t vmr_cmdline_parse(const char *cmdline, struct vmr_plan *plan);

/*
 * Size with optional binary suffix K/M/G/T (either case): "512M", "12G",
 * "4096" (bytes when no suffix). Returns 0, -EINVAL (with *bad set to the
 * offending char, or NUL when the number is missing) or -ERANGE.
 */
int vmr_parse_size(const char *s, uint64_t *bytes, char *bad);

/* Memory to keep free on a node of node_total bytes under keep. */
uint64_t vmr_keep_bytes(const struct vmr_keep *keep, uint64_t node_total);

#endif
