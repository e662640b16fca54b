/* SPDX-License-Identifier: MIT */
/*
 * mkinitcpio's configuration as vmreserve reads it (src/tool/initcpio.c):
 * HOOKS the way bash would set it from a plain assignment, unknown for
 * anything bash would expand; and the drop-ins' order, which is GNU
 * `sort -V`'s (the expected order below is what sort -V printed for these
 * names, coreutils 9.1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "initcpio.h"

/* The hooks joined by spaces, or "?WHY" when unknown. */
static const char *parse(const char *text)
{
	static struct vmr_initcpio ic;
	static char out[VMR_IC_MAX_HOOKS * VMR_IC_HOOK_LEN];

	memset(&ic, 0, sizeof(ic));
	vmr_initcpio_parse(text, "/etc/mkinitcpio.conf", &ic);
	if (ic.state == VMR_IC_UNKNOWN) {
		snprintf(out, sizeof(out), "?%s", ic.why);
		return out;
	}
	out[0] = '\0';
	for (size_t i = 0; i < ic.n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
			 i ? " " : "", ic.hook[i]);
	return out;
}

static void known(const char *text, const char *want)
{
	assert_string_equal(parse(text), want);
}

static void unknown(const char *text)
{
	const char *got = parse(text);

	if (got[0] != '?')
		fail_msg("known: '%s' from '%s'", got, text);
}

static void test_plain(void **state)
{
	(void)state;
	known("HOOKS=(base udev autodetect)\n", "base udev autodetect");
	/* arrays over lines, comments in them, quotes removed */
	known("MODULES=()\nHOOKS=(base\n  # HOOKS=(no)\n  'udev' \"vmreserve\""
	      "  # here\n\tfsck)\n", "base udev vmreserve fsck");
	/* a string: arrayize_config splits it on spaces */
	known("HOOKS=\"base  udev vmreserve\"\n", "base udev vmreserve");
	known("HOOKS='systemd sd-vmreserve'", "systemd sd-vmreserve");
	known("HOOKS=base\n", "base");
	known("HOOKS=()\n", "");
	known("  HOOKS=(base udev) ; # comment\n", "base udev");
	/* the last assignment wins */
	known("HOOKS=(a b)\nHOOKS=(c)\n", "c");
	known("HOOKS+=(x)\nHOOKS=(c d)\n", "c d");
	/* comments and other variables that name it are not assignments */
	known("# HOOKS+=(x)\nHOOKS=(a)\nFILES=() # not HOOKS\n", "a");
	known("HOOKS=(a)\nMODULES=(HOOKSX XHOOKS)\n", "a");
	/* no HOOKS at all: none */
	known("MODULES=(vfio_pci)\n", "");
}

static void test_unknown(void **state)
{
	(void)state;
	unknown("HOOKS=(base $EXTRA udev)\n");
	unknown("HOOKS=(base ${EXTRA[@]} udev)\n");
	unknown("HOOKS=(base `echo udev`)\n");
	unknown("HOOKS=(base $(echo udev))\n");
	unknown("HOOKS=(base \"$x\")\n");
	unknown("HOOKS=\"base $x\"\n");
	unknown("HOOKS=(base ud*)\n");
	unknown("HOOKS=(base {udev,fsck})\n");
	unknown("HOOKS=(base \\\nudev)\n");
	unknown("HOOKS=(base udev\n");
	unknown("HOOKS=(base 'udev)\n");
	unknown("HOOKS=(base) echo\n");
	unknown("HOOKS=\"base\nudev\"\n");
	unknown("HOOKS=(a)\nHOOKS+=(vmreserve)\n");
	unknown("export HOOKS=(a)\n");
	unknown("HOOKS=(a)\nHOOKS[1]=b\n");
	unknown("HOOKS=(a)\nunset HOOKS\n");
	unknown("HOOKS=(a)\n. /etc/mkinitcpio.local\n");
	unknown("HOOKS=(a)\nsource /etc/mkinitcpio.local\n");
	unknown("HOOKS=(a-hook-name-that-is-longer-than-forty-seven-bytes-x)\n");
}

static void test_sort_v(void **state)
{
	/* sort -V of these names */
	static const char *const sorted[] = {
		"1~x.conf", "1.conf", "1a.conf", "1-a.conf", "9-a.conf",
		"09-c.conf", "10-b.conf", "99.conf", "100.conf", "a.conf",
		"b9.conf", "b10.conf",
	};
	size_t n = sizeof(sorted) / sizeof(sorted[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int c = vmr_initcpio_vercmp(sorted[i], sorted[j]);

			if ((i < j && c >= 0) || (i > j && c <= 0) ||
			    (i == j && c != 0))
				fail_msg("%s vs %s: %d", sorted[i], sorted[j], c);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_sort_v),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
