/* SPDX-License-Identifier: MIT */
/*
 * The printers of check-domain (check_domain_print.c): text, JSON and the
 * one line the libvirt hook shows, over the judged structure
 * (check_domain.h). They only format.
 *
 * Host-only (the status tool).
 */
#ifndef VMR_CHECK_DOMAIN_PRINT_H
#define VMR_CHECK_DOMAIN_PRINT_H

#include <stdio.h>

#include "check_domain.h"

/* Bumped when a JSON key changes meaning or goes away; 2: "findings"
   became "advice" (advice.h, the shape every command prints). */
#define VMR_DC_SCHEMA 2

void vmr_print_dc_text(FILE *out, const struct vmr_dcheck *c);
void vmr_print_dc_json(FILE *out, const struct vmr_dcheck *c);
/* One line: the verdict and the worst finding with its fix (the hook). */
void vmr_print_dc_line(FILE *out, const struct vmr_dcheck *c);

#endif
