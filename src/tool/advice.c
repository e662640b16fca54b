/* SPDX-License-Identifier: MIT */
#include "advice.h"

#include <stdarg.h>
#include <stdio.h>

#include "str.h"

const char *vmr_level_name(enum vmr_level l)
{
	switch (l) {
	case VMR_LVL_OK:       return "ok";
	case VMR_LVL_NOTE:     return "note";
	case VMR_LVL_WARNING:  return "warning";
	case VMR_LVL_CRITICAL: return "critical";
	}
	return "unknown";
}

static void put(struct vmr_advice_list *l, enum vmr_level level,
		const char *fix, const char *problem)
{
	struct vmr_advice *a;

	if (level > l->worst)
		l->worst = level;
	if (l->n == VMR_MAX_ADVICE) {
		l->lost++;
		return;
	}
	a = &l->item[l->n++];
	a->level = level;
	snprintf(a->problem, sizeof(a->problem), "%s", problem);
	snprintf(a->fix, sizeof(a->fix), "%s", fix ? fix : "");
}

void vmr_advise(struct vmr_advice_list *l, enum vmr_level level,
		const char *fix, const char *fmt, ...)
{
	char problem[VMR_ADVICE_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(problem, sizeof(problem), fmt, ap);
	va_end(ap);
	put(l, level, fix, problem);
}

void vmr_advice_append(struct vmr_advice_list *dst,
		       const struct vmr_advice_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		put(dst, src->item[i].level, src->item[i].fix,
		    src->item[i].problem);
	dst->lost += src->lost;
	if (src->worst > dst->worst)
		dst->worst = src->worst;
}

void vmr_advice_text(FILE *out, const struct vmr_advice_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct vmr_advice *a = &l->item[i];

		fprintf(out, "  %s: ", vmr_level_name(a->level));
		vmr_put_str(out, a->problem, VMR_STR_TEXT);
		fputc('\n', out);
		if (a->fix[0]) {
			fputs("    fix: ", out);
			vmr_put_str(out, a->fix, VMR_STR_TEXT);
			fputc('\n', out);
		}
	}
	if (l->lost)
		fprintf(out, "  (%zu more not shown)\n", l->lost);
}

void vmr_advice_json(FILE *out, const struct vmr_advice_list *l,
		     const char *indent)
{
	const char *sp = indent ? " " : "";

	fprintf(out, "\"advice\":%s[", sp);
	for (size_t i = 0; i < l->n; i++) {
		const struct vmr_advice *a = &l->item[i];

		if (i)
			fputc(',', out);
		if (indent)
			fprintf(out, "\n%s  ", indent);
		fprintf(out, "{\"level\":%s\"%s\",%s\"problem\":%s", sp,
			vmr_level_name(a->level), sp, sp);
		vmr_put_str(out, a->problem, VMR_STR_JSON);
		fprintf(out, ",%s\"fix\":%s", sp, sp);
		if (a->fix[0])
			vmr_put_str(out, a->fix, VMR_STR_JSON);
		else
			fputs("null", out);
		fputc('}', out);
	}
	if (indent && l->n)
		fprintf(out, "\n%s", indent);
	fprintf(out, "],%s", indent ? "\n" : "");
	fprintf(out, "%s\"advice_lost\":%s%zu", indent ? indent : "", sp,
		l->lost);
}
