/* SPDX-License-Identifier: MIT */
/*
 * The printers of the status report (report_text.c, report_json.c,
 * report_prom.c): the top of status, after the judging (status.h). They
 * only format what the report holds, each string through the escaper
 * (str.h).
 *
 * Host-only (the status tool).
 */
#ifndef VMR_REPORT_PRINT_H
#define VMR_REPORT_PRINT_H

#include <stdio.h>

#include "report.h"

/* Bumped when a JSON key changes meaning or goes away (adding is free):
 * status, groups and suggest (vmreserve(8), JSON OUTPUT). */
#define VMR_REPORT_SCHEMA 1

void vmr_print_status_text(FILE *out, const struct vmr_report *r);
void vmr_print_status_json(FILE *out, const struct vmr_report *r);
void vmr_print_prometheus(FILE *out, const struct vmr_report *r);
void vmr_print_groups_text(FILE *out, const struct vmr_report *r);
void vmr_print_groups_json(FILE *out, const struct vmr_report *r);

#endif
