/* SPDX-License-Identifier: MIT */
/*
 * The one escaper (str.c): every string from the machine (sysfs, the
 * command line, the state record, link names) reaches an output through
 * here. A string becomes valid UTF-8 without raw control characters: a
 * byte that starts no well-formed UTF-8 sequence becomes U+FFFD. A
 * control character is C0, DEL, C1 (U+0080..U+009F) or a bidi control
 * (U+202A..U+202E, U+2066..U+2069). JSON: quoted, with \\, \" and \n
 * escaped and other control characters as \uXXXX (\u00XX, \u202X,
 * \u206X). Prometheus label value: \\, \" and \n escaped, other control
 * characters U+FFFD. Text: control characters U+FFFD (a terminal must not
 * see an escape sequence from sysfs), nothing escaped.
 *
 * A leaf: it includes nothing of the tool.
 */
#ifndef VMR_STR_H
#define VMR_STR_H

#include <stdio.h>

enum vmr_str_mode { VMR_STR_TEXT, VMR_STR_JSON, VMR_STR_PROM };
void vmr_put_str(FILE *out, const char *s, enum vmr_str_mode mode);

#endif
