/* SPDX-License-Identifier: MIT */
/*
 * Advice: what a command found, each item a level, a problem and the fix.
 * status, suggest, check-domain and the checks (checks.h) all keep their
 * findings in one bounded list: past VMR_MAX_ADVICE an item is counted
 * (lost), never silently dropped, and its level still counts (worst). One
 * text layout and one JSON shape (vmreserve(8): "advice" and
 * "advice_lost") print it for every command, so they cannot drift apart.
 *
 * A leaf: it includes nothing of the tool but the escaper's header.
 */
#ifndef VMR_ADVICE_H
#define VMR_ADVICE_H

#include <stddef.h>
#include <stdio.h>

#define VMR_MAX_ADVICE 48  /* advice kept; more are counted (lost) */
#define VMR_ADVICE_LEN 320

enum vmr_level {
	VMR_LVL_OK,
	VMR_LVL_NOTE,     /* worth knowing, changes nothing */
	VMR_LVL_WARNING,  /* partly in effect, or unsafe */
	VMR_LVL_CRITICAL, /* an asked item not in effect at all */
};

const char *vmr_level_name(enum vmr_level l);

struct vmr_advice {
	enum vmr_level level;
	char problem[VMR_ADVICE_LEN];
	char fix[VMR_ADVICE_LEN];     /* "" when there is none */
};

struct vmr_advice_list {
	size_t n, lost;               /* held, and counted past the cap */
	enum vmr_level worst;         /* of every item, lost ones too */
	struct vmr_advice item[VMR_MAX_ADVICE];
};

/* The one way to add: LEVEL, the fix (NULL or "": none), the problem. */
void vmr_advise(struct vmr_advice_list *l, enum vmr_level level,
		const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* src's items after dst's, in order (lost ones counted as lost). */
void vmr_advice_append(struct vmr_advice_list *dst,
		       const struct vmr_advice_list *src);

/*
 * Text: "  LEVEL: PROBLEM", then "    fix: FIX" when there is one, and
 * "  (N more not shown)" for the lost ones. The heading is the caller's.
 */
void vmr_advice_text(FILE *out, const struct vmr_advice_list *l);

/*
 * JSON: the members "advice" (array of {"level", "problem", "fix"}, fix
 * null when none) and "advice_lost" (number), without braces around or a
 * comma after. indent: the object's own indent for one item a line, NULL
 * for all on one line.
 */
void vmr_advice_json(FILE *out, const struct vmr_advice_list *l,
		     const char *indent);

#endif
