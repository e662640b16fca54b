/* SPDX-License-Identifier: MIT */
/*
 * The printers of suggest (suggest_print.c): text and JSON over the one
 * structure suggest.c fills (suggest.h), so the two agree. They only
 * format.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_SUGGEST_PRINT_H
#define VMR_SUGGEST_PRINT_H

#include <stdio.h>

#include "suggest.h"

void vmr_print_suggest_text(FILE *out, const struct vmr_suggest *s);
void vmr_print_suggest_json(FILE *out, const struct vmr_suggest *s);

#endif
