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
#define VMR_MAX_ARGS     32   /* rd.vmreserve* parameters kept as written */
#define VMR_ARG_LEN      1024 /* one kept parameter, NUL included */

/*
 * Where a parameter came from. The command-line sources are in the order
 * dracut's getcmdline() joins them (modules.d/80base/dracut-lib.sh): later
 * sources win for scalar keys. etc/vmreserve.conf is read before all of
 * them (vmreserve.conf(5)), so the command line wins over it.
 */
enum vmr_src {
	VMR_SRC_CMDLINE_D,   /* etc/cmdline.d/[!.]*.conf in the initramfs */
	VMR_SRC_ETC_CMDLINE, /* etc/cmdline in the initramfs */
	VMR_SRC_PROC,        /* proc/cmdline (or --cmdline STR) */
	VMR_SRC_RUN_D,       /* run/initramfs/cmdline.d/[!.]*.conf */
	VMR_SRC_CONF,        /* etc/vmreserve.conf in the initramfs, first */
	VMR_SRC_COUNT,       /* none: the default keep margin */
};

/* Where an item was asked: the source, and its line in the config file. */
struct vmr_from {
	enum vmr_src src;
	unsigned line; /* VMR_SRC_CONF: from 1; 0 for the command line */
};

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
	struct vmr_from from;    /* the first parameter that asked it */
	char text[32];           /* canonical form, e.g. "0000:06:00@10de:1c81" */
};

struct vmr_hp_req {
	unsigned node;
	bool is_size;      /* amount is bytes (512M) rather than a page count */
	uint64_t amount;   /* pages, or bytes when is_size */
	uint64_t page_kb;  /* page size in KiB: 2048 unless given */
	struct vmr_from from; /* the parameter that asked it (the last) */
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

/* One rd.vmreserve* parameter exactly as written, quotes included. */
struct vmr_arg {
	union { /* .src, .line: the same, by the names callers had */
		struct vmr_from from;
		struct {
			enum vmr_src src;
			unsigned line;
		};
	};
	char text[VMR_ARG_LEN];
};

struct vmr_plan {
	bool disabled;      /* rd.vmreserve=0/no/off/false (last one wins) */
	bool any_key;       /* at least one rd.vmreserve* key was seen */
	size_t n_sel;
	struct vmr_pci_sel sel[VMR_MAX_SEL];
	size_t n_hp;
	struct vmr_hp_req hp[VMR_MAX_HP];
	struct vmr_keep keep;
	struct vmr_from keep_from; /* src VMR_SRC_COUNT: the default */
	size_t n_diag;      /* kept in diag[] */
	size_t n_diag_lost; /* further diagnostics that did not fit */
	size_t n_errors;    /* all VMR_DIAG_ERROR, kept or lost */
	struct vmr_diag diag[VMR_MAX_DIAG];
	/*
	 * The parameters the plan was built from, so that the state record
	 * holds the plan and the status tool rebuilds it with this parser.
	 * n_args_lost: parameters that did not fit (too many, or longer than
	 * VMR_ARG_LEN - 1); they were still parsed.
	 */
	size_t n_args, n_args_lost;
	struct vmr_arg arg[VMR_MAX_ARGS];
	struct vmr_from at; /* the source being parsed (vmr_plan_add*) */
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
 * Blacklists, the kernel's and modprobe's: the one set of keys both
 * programs know. Does key (as written) blacklist modules:
 * modprobe.blacklist, rd.driver.blacklist or module_blacklist ('-' = '_')?
 * The tool gathers the values of these keys (not modprobe.blacklist
 * only) and judges them with vmr_list_has_module().
 */
bool vmr_key_blacklists(const char *key);

/* Does a blacklist value ("a,b,c") name module? '-' and '_' are one. */
bool vmr_list_has_module(const char *list, const char *module);

/*
 * Does a parameter of cmdline blacklist module? Then the first such key,
 * as written, goes into key (size bytes, cut to fit) for the message.
 */
bool vmr_module_blacklisted(const char *cmdline, const char *module,
			    char *key, size_t size);

/*
 * A plan is built from several sources: vmr_plan_init() empties it, then
 * vmr_plan_add() parses every rd.vmreserve* key of one source's text into
 * it, in the order the sources are read (list keys accumulate, the last
 * scalar wins, as if the texts were one command line; a quote never runs
 * from one text into the next). Never fails: malformed entries become
 * diagnostics and are skipped. Returns plan->n_errors so far.
 */
void vmr_plan_init(struct vmr_plan *plan);
size_t vmr_plan_add(struct vmr_plan *plan, const char *text, enum vmr_src src);

/*
 * The same for the text of etc/vmreserve.conf (vmreserve.conf(5)): the
 * command line's syntax (blanks and newlines separate parameters, quotes
 * as the kernel's, no blanks around '='), with the "rd.vmreserve." prefix
 * implied (a key that has it, copied from a command line, is taken as it
 * is) and every key ours, and '#' starting a comment to the end of the line
 * where a parameter could start (at the start of a line or after a
 * blank: "06:00#10de:1c81", a typo of the pin's '@', is an error, not a
 * selector without its pin). Lines are numbered from first_line, at least
 * 1 (the status tool re-parses one recorded parameter with its line).
 * Each parameter is kept with VMR_SRC_CONF and the line it starts on, and
 * every diagnostic about it starts "/etc/vmreserve.conf:LINE: KEY" (the
 * key as written). A NUL byte ends the text.
 */
size_t vmr_plan_add_conf(struct vmr_plan *plan, const char *text,
			 unsigned first_line);

/*
 * The whole file, from line 1: a UTF-8 byte-order mark (EF BB BF) at its
 * start is skipped (some editors write one; the file is otherwise valid).
 * Only here: a parameter re-read from the record is past it already.
 */
size_t vmr_plan_add_conf_file(struct vmr_plan *plan, const char *text);

/* "/etc/cmdline.d", ... (+ 1: relative to the root), NULL out of range. */
const char *vmr_src_path(enum vmr_src src);

/*
 * "/proc/cmdline", or "/etc/vmreserve.conf:LINE": what the record and the
 * status tool show as an item's source ("" for VMR_SRC_COUNT).
 */
#define VMR_FROM_LEN 32
const char *vmr_from_text(struct vmr_from from, char buf[VMR_FROM_LEN]);

/* The reverse, for a recorded source; false for anything else. */
bool vmr_from_parse(const char *text, struct vmr_from *from);

/* vmr_plan_init + vmr_plan_add(cmdline, VMR_SRC_PROC). */
size_t vmr_cmdline_parse(const char *cmdline, struct vmr_plan *plan);

/*
 * A text that did not fit its buffer ends inside a parameter: the offset
 * where that last parameter starts (after the last whitespace; 0 when
 * there is none). Cutting the text there leaves whole parameters only.
 */
size_t vmr_cmdline_cut(const char *text);

/*
 * Size with optional binary suffix K/M/G/T (either case): "512M", "12G",
 * "4096" (bytes when no suffix). Returns 0, -EINVAL (with *bad set to the
 * offending char, or NUL when the number is missing) or -ERANGE.
 */
int vmr_parse_size(const char *s, uint64_t *bytes, char *bad);

/* Memory to keep free on a node of node_total bytes under keep. */
uint64_t vmr_keep_bytes(const struct vmr_keep *keep, uint64_t node_total);

/*
 * The same in KiB for a node of node_total_kb KiB (meminfo's unit, and
 * what the hugepage plan, status and suggest compute in): the one
 * conversion, instead of vmr_keep_bytes(keep, kb * 1024) / 1024 at each.
 */
uint64_t vmr_keep_kb(const struct vmr_keep *keep, uint64_t node_total_kb);

/*
 * How a message names where an item was asked, so that an entry of the
 * config file is named by its file:line at run time as at parse time:
 * "rd.vmreserve.KEY" for the command line (and for keep's default),
 * "/etc/vmreserve.conf:LINE: KEY" for a line of the file. key: "pci",
 * "hugepages" or "keep".
 */
#define VMR_ORIGIN_LEN 48
const char *vmr_origin(struct vmr_from from, const char *key,
		       char buf[VMR_ORIGIN_LEN]);

#endif
