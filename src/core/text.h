/* SPDX-License-Identifier: MIT */
/*
 * Small text helpers for the kernel's own formats (sysfs numbers, meminfo
 * lines). Ours rather than libc's: klibc's strtoull and strstr bring a
 * 256-byte ctype table, strntoumax and memmem (about 800 bytes of the
 * early binary's 36 KiB budget), and these inputs need none of their
 * generality (signs, locales, bases guessed from the prefix).
 */
#ifndef VMR_TEXT_H
#define VMR_TEXT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * An unsigned number in base 10 or 16 after optional blanks (meminfo pads
 * with spaces); base 16 takes an optional "0x" (sysfs writes "0x10de").
 * Returns the first character after the digits, or NULL when there is no
 * digit or the value does not fit in 64 bits.
 */
const char *vmr_scan_u64(const char *s, unsigned base, uint64_t *value);

/*
 * FIELD's number in a node's meminfo ("Node 0 MemFree:   123 kB" -> 123):
 * 0, -ENOENT when the field is missing, -EINVAL when its number is not.
 */
int vmr_meminfo_kb(const char *text, const char *field, uint64_t *kb);

/* strstr() */
const char *vmr_find(const char *haystack, const char *needle);

/*
 * The early binary's one rule for input bytes a person reads (a log line,
 * a token quoted in a diagnostic): printable ASCII is kept, any other byte
 * is shown as '?'. That removes C0 (ESC, BEL, newline), DEL and every byte
 * of a multi-byte sequence, so neither C1 (U+009B is a one-character CSI),
 * bidi controls nor invalid UTF-8 reach the kernel log. The status tool
 * prints text through its own escaper (src/tool/str.c), which keeps the
 * well-formed UTF-8 it can afford to check.
 */
static inline bool vmr_ascii_shown(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

#endif
