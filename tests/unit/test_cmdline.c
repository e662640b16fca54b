/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for src/cmdline.c. Tables of valid and malformed command lines
 * with the exact plan or diagnostic each must give, then one test per rule.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cmdline.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static struct vmr_plan plan; /* 12 KiB: keep it off the test stack */
static char big[16384];      /* generated command lines */

/* ------------------------------------------------------------- helpers */

/* Every field of the plan except the diagnostics, in one comparable line. */
static const char *summary(const struct vmr_plan *p)
{
	static char buf[8192];
	static const char kinds[] = { 'I', 'F', 'S' };
	size_t n = 0, i;

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "sel=[");
	for (i = 0; i < p->n_sel; i++) {
		const struct vmr_pci_sel *s = &p->sel[i];

		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "%s%c%s %04x:%04x %x:%02x:%02x.%u '%s'",
				      i ? "; " : "", kinds[s->kind],
				      s->pinned ? "@" : "",
				      s->vendor, s->device, (unsigned)s->domain,
				      s->bus, s->slot, s->func, s->text);
	}
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "] hp=[");
	for (i = 0; i < p->n_hp; i++) {
		const struct vmr_hp_req *h = &p->hp[i];

		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "%s%u:%llu%c@%llu '%s'", i ? "; " : "",
				      h->node, (unsigned long long)h->amount,
				      h->is_size ? 'b' : 'p',
				      (unsigned long long)h->page_kb, h->text);
	}
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "] keep=");
	if (p->keep.kind == VMR_KEEP_DEFAULT)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "D");
	else
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%c%llu",
				      p->keep.kind == VMR_KEEP_BYTES ? 'B' : 'P',
				      (unsigned long long)p->keep.value);
	snprintf(buf + n, sizeof(buf) - n, " off=%d any=%d", p->disabled,
		 p->any_key);
	return buf;
}

static void expect_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  got:  %s\n  want: %s", what, got, want);
}

static void expect_num(const char *what, uintmax_t got, uintmax_t want)
{
	if (got != want)
		fail_msg("%s: got %ju, want %ju", what, got, want);
}

/* Message invariants every parse must keep. */
static void check_diag_bounds(const struct vmr_plan *p)
{
	size_t i, errs = 0;

	assert_true(p->n_diag <= VMR_MAX_DIAG);
	for (i = 0; i < p->n_diag; i++) {
		assert_non_null(memchr(p->diag[i].msg, '\0', VMR_DIAG_LEN));
		errs += p->diag[i].level == VMR_DIAG_ERROR;
	}
	assert_true(p->n_errors >= errs);
	assert_true(p->n_diag_lost == 0 || p->n_diag == VMR_MAX_DIAG);
}

static void parse(const char *cmdline)
{
	size_t rc = vmr_cmdline_parse(cmdline, &plan);

	assert_int_equal(rc, plan.n_errors);
	check_diag_bounds(&plan);
}

/* ---------------------------------------------------------- valid forms */

#define NO_HP "] hp=["
#define TAIL_D "] keep=D off=0 any=1"

static const struct valid {
	const char *cmdline;
	const char *want; /* summary() */
} valid[] = {
	{ "rd.vmreserve.pci=10de:1c81",
	  "sel=[I 10de:1c81 0:00:00.0 '10de:1c81'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=10DE:1C81",
	  "sel=[I 10de:1c81 0:00:00.0 '10de:1c81'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0000:0000",
	  "sel=[I 0000:0000 0:00:00.0 '0000:0000'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=1234:ffff",
	  "sel=[I 1234:ffff 0:00:00.0 '1234:ffff'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=06:00.1",
	  "sel=[F 0000:0000 0:06:00.1 '0000:06:00.1'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0000:06:00.1",
	  "sel=[F 0000:0000 0:06:00.1 '0000:06:00.1'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0A:1F.7",
	  "sel=[F 0000:0000 0:0a:1f.7 '0000:0a:1f.7'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=ABCD:ff:1f.0",
	  "sel=[F 0000:0000 abcd:ff:1f.0 'abcd:ff:1f.0'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=00000000:06:00.0",
	  "sel=[F 0000:0000 0:06:00.0 '0000:06:00.0'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0001abcd:06:00.0",
	  "sel=[F 0000:0000 1abcd:06:00.0 '1abcd:06:00.0'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=ffffffff:00:00",
	  "sel=[S 0000:0000 ffffffff:00:00.0 'ffffffff:00:00'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=06:00",
	  "sel=[S 0000:0000 0:06:00.0 '0000:06:00'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0002:06:00",
	  "sel=[S 0000:0000 2:06:00.0 '0002:06:00'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=06:00,06:00.1,10de:1c81",
	  "sel=[S 0000:0000 0:06:00.0 '0000:06:00'; "
	  "F 0000:0000 0:06:00.1 '0000:06:00.1'; "
	  "I 10de:1c81 0:00:00.0 '10de:1c81'" NO_HP TAIL_D },
	/* pinned: the address's function (slot: function 0) must be VVVV:DDDD */
	{ "rd.vmreserve.pci=06:00@10de:1c81",
	  "sel=[S@ 10de:1c81 0:06:00.0 '0000:06:00@10de:1c81'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0000:06:00.1@10DE:0FB9",
	  "sel=[F@ 10de:0fb9 0:06:00.1 '0000:06:00.1@10de:0fb9'" NO_HP TAIL_D },
	{ "rd.vmreserve.pci=ffffffff:ff:1f.7@1234:ffff",
	  "sel=[F@ 1234:ffff ffffffff:ff:1f.7 'ffffffff:ff:1f.7@1234:ffff'"
	  NO_HP TAIL_D },
	{ "rd.vmreserve.pci=0002:06:00@0000:0000",
	  "sel=[S@ 0000:0000 2:06:00.0 '0002:06:00@0000:0000'" NO_HP TAIL_D },
	/* pinned and unpinned are different selectors: both kept */
	{ "rd.vmreserve.pci=06:00@10de:1c81,06:00,10de:1c81",
	  "sel=[S@ 10de:1c81 0:06:00.0 '0000:06:00@10de:1c81'; "
	  "S 0000:0000 0:06:00.0 '0000:06:00'; "
	  "I 10de:1c81 0:00:00.0 '10de:1c81'" NO_HP TAIL_D },
	{ "rd.vmreserve.hugepages=0:4",
	  "sel=[] hp=[0:4p@2048 '0:4'" TAIL_D },
	{ "rd.vmreserve.hugepages=1:0",
	  "sel=[] hp=[1:0p@2048 '1:0'" TAIL_D },
	{ "rd.vmreserve.hugepages=1023:18446744073709551615",
	  "sel=[] hp=[1023:18446744073709551615p@2048 "
	  "'1023:18446744073709551615'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:512M",
	  "sel=[] hp=[0:536870912b@2048 '0:512M'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:512m",
	  "sel=[] hp=[0:536870912b@2048 '0:512m'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:0K",
	  "sel=[] hp=[0:0b@2048 '0:0K'" TAIL_D },
	{ "rd.vmreserve.hugepages=1:8:1G",
	  "sel=[] hp=[1:8p@1048576 '1:8:1G'" TAIL_D },
	{ "rd.vmreserve.hugepages=1:16G:1g",
	  "sel=[] hp=[1:17179869184b@1048576 '1:16G:1g'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:4:2048K",
	  "sel=[] hp=[0:4p@2048 '0:4:2048K'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:4:4k",
	  "sel=[] hp=[0:4p@4 '0:4:4k'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:1T",
	  "sel=[] hp=[0:1099511627776b@2048 '0:1T'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:15T:1t",
	  "sel=[] hp=[0:16492674416640b@1073741824 '0:15T:1t'" TAIL_D },
	{ "rd.vmreserve.hugepages=0:4,0:2:1G,1:4",
	  "sel=[] hp=[0:4p@2048 '0:4'; 0:2p@1048576 '0:2:1G'; "
	  "1:4p@2048 '1:4'" TAIL_D },
	{ "rd.vmreserve.hugepages=007:04",
	  "sel=[] hp=[7:4p@2048 '007:04'" TAIL_D },
	/* shortened to 47 chars: hp.text is 48 bytes */
	{ "rd.vmreserve.hugepages="
	  "00000000000000000000000000000000000000000000000001:4",
	  "sel=[] hp=[1:4p@2048 "
	  "'00000000000000000000000000000000000000000000...'" TAIL_D },
	{ "rd.vmreserve.keep=0", "sel=[] hp=[] keep=B0 off=0 any=1" },
	{ "rd.vmreserve.keep=0G", "sel=[] hp=[] keep=B0 off=0 any=1" },
	{ "rd.vmreserve.keep=512k", "sel=[] hp=[] keep=B524288 off=0 any=1" },
	{ "rd.vmreserve.keep=3G", "sel=[] hp=[] keep=B3221225472 off=0 any=1" },
	{ "rd.vmreserve.keep=16777215T",
	  "sel=[] hp=[] keep=B18446742974197923840 off=0 any=1" },
	{ "rd.vmreserve.keep=0%", "sel=[] hp=[] keep=P0 off=0 any=1" },
	{ "rd.vmreserve.keep=100%", "sel=[] hp=[] keep=P100 off=0 any=1" },
	{ "rd.vmreserve.keep=007%", "sel=[] hp=[] keep=P7 off=0 any=1" },
	{ "rd.vmreserve", "sel=[] hp=[] keep=D off=0 any=1" },
	{ "rd.vmreserve=1", "sel=[] hp=[] keep=D off=0 any=1" },
	{ "rd.vmreserve=yes", "sel=[] hp=[] keep=D off=0 any=1" },
	{ "rd.vmreserve=On", "sel=[] hp=[] keep=D off=0 any=1" },
	{ "rd.vmreserve=true", "sel=[] hp=[] keep=D off=0 any=1" },
	{ "rd.vmreserve=0", "sel=[] hp=[] keep=D off=1 any=1" },
	{ "rd.vmreserve=no", "sel=[] hp=[] keep=D off=1 any=1" },
	{ "rd.vmreserve=OFF", "sel=[] hp=[] keep=D off=1 any=1" },
	{ "rd.vmreserve=false", "sel=[] hp=[] keep=D off=1 any=1" },
	{ "", "sel=[] hp=[] keep=D off=0 any=0" },
	{ "quiet root=/dev/sda1 rd.vmreservex=1 RD.VMRESERVE.PCI=06:00.0",
	  "sel=[] hp=[] keep=D off=0 any=0" },
	/* all keys together, with the usual neighbours */
	{ "BOOT_IMAGE=/vmlinuz ro intel_iommu=on rd.vmreserve.pci=06:00 "
	  "rd.vmreserve.hugepages=0:8:1G,1:8:1G rd.vmreserve.keep=4G quiet",
	  "sel=[S 0000:0000 0:06:00.0 '0000:06:00'] "
	  "hp=[0:8p@1048576 '0:8:1G'; 1:8p@1048576 '1:8:1G'] "
	  "keep=B4294967296 off=0 any=1" },
};

static void test_valid_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(valid); i++) {
		parse(valid[i].cmdline);
		expect_str(valid[i].cmdline, summary(&plan), valid[i].want);
		if (plan.n_diag)
			fail_msg("%s: unexpected diagnostic: %s",
				 valid[i].cmdline, plan.diag[0].msg);
		expect_num(valid[i].cmdline, plan.n_errors, 0);
	}
}

/* ------------------------------------------------------ malformed forms */

typedef const char *(*gen_fn)(void);

static const char *gen_long_token(void)
{
	memset(big, 0, sizeof(big));
	strcpy(big, "rd.vmreserve.pci=");
	memset(big + strlen(big), 'a', 100);
	return big;
}

/* value of 4096 bytes: one more than the parameter buffer holds */
static const char *gen_4k_value(void)
{
	memset(big, 0, sizeof(big));
	strcpy(big, "rd.vmreserve.pci=06:00.0,");
	memset(big + strlen(big), '7', 4096 - strlen("06:00.0,"));
	return big;
}

static const char *gen_4k_quoted(void)
{
	memset(big, 0, sizeof(big));
	strcpy(big, "rd.vmreserve.keep=\"");
	memset(big + strlen(big), ' ', 5000);
	strcat(big, "\"");
	return big;
}

static const char *gen_200_sel(void)
{
	size_t n = (size_t)sprintf(big, "rd.vmreserve.pci="), i;

	for (i = 0; i < 200; i++)
		n += (size_t)sprintf(big + n, "%s%02zx:00.0", i ? "," : "", i);
	return big;
}

/* the same 200, one key each */
static const char *gen_200_keys(void)
{
	size_t n = 0, i;

	for (i = 0; i < 200; i++)
		n += (size_t)sprintf(big + n, "rd.vmreserve.pci=%02zx:00 ", i);
	return big;
}

static const char *gen_40_hp(void)
{
	size_t n = (size_t)sprintf(big, "rd.vmreserve.hugepages="), i;

	for (i = 0; i < 40; i++)
		n += (size_t)sprintf(big + n, "%s%zu:1", i ? "," : "", i);
	return big;
}

static const char *gen_40_bad(void)
{
	size_t n = 0, i;

	for (i = 0; i < 40; i++)
		n += (size_t)sprintf(big + n, "rd.vmreserve.keep=%zu ", i + 1);
	return big;
}

#define PW "(want VVVV:DDDD or [DDDD:]BB:SS[.F])"
#define PINW "(want [DDDD:]BB:SS[.F]@VVVV:DDDD)"
#define HW "(want NODE:AMOUNT[:PAGESIZE])"
#define AMT "(want a page count or a size like 512M)"
#define BV "bad value (want 0|no|off|false or 1|yes|on|true)"

static const struct bad {
	const char *cmdline;
	gen_fn gen;        /* builds the command line when cmdline is NULL */
	const char *msg;   /* the first diagnostic, exactly */
	size_t errors;     /* 0 means 1 */
	size_t n_sel, n_hp; /* entries that still apply */
} bad[] = {
	/* pci: values */
	{ "rd.vmreserve.pci", NULL, "rd.vmreserve.pci: missing value", 0, 0, 0 },
	{ "rd.vmreserve.pci=", NULL, "rd.vmreserve.pci: empty value", 0, 0, 0 },
	{ "rd.vmreserve.pci=\"\"", NULL, "rd.vmreserve.pci: empty value", 0, 0, 0 },
	{ "rd.vmreserve.pci=,", NULL, "rd.vmreserve.pci: ',': empty entry", 2, 0, 0 },
	{ "rd.vmreserve.pci=06:00.0,", NULL,
	  "rd.vmreserve.pci: '06:00.0,': empty entry", 0, 1, 0 },
	{ "rd.vmreserve.pci=,06:00.0", NULL,
	  "rd.vmreserve.pci: ',06:00.0': empty entry", 0, 1, 0 },
	{ "rd.vmreserve.pci=06:00.0,,07:00.0", NULL,
	  "rd.vmreserve.pci: '06:00.0,,07:00.0': empty entry", 0, 2, 0 },
	/* pci: shape */
	{ "rd.vmreserve.pci=0600", NULL,
	  "rd.vmreserve.pci: '0600': missing ':' " PW, 0, 0, 0 },
	{ "rd.vmreserve.pci=0000:06:00:0.0", NULL,
	  "rd.vmreserve.pci: '0000:06:00:0.0': too many ':' " PW, 0, 0, 0 },
	{ "rd.vmreserve.pci=10de:1c81:00", NULL,
	  "rd.vmreserve.pci: '10de:1c81:00': bad bus '1c81' (want 2 hex digits)",
	  0, 0, 0 },
	/* pci: ids */
	{ "rd.vmreserve.pci=10de:1c8", NULL,
	  "rd.vmreserve.pci: '10de:1c8': bad device id '1c8' (want 4 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=10dg:1c81", NULL,
	  "rd.vmreserve.pci: '10dg:1c81': bad vendor id '10dg' (want 4 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=10de:+c81", NULL,
	  "rd.vmreserve.pci: '10de:+c81': bad device id '+c81' (want 4 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=ffff:1234", NULL,
	  "rd.vmreserve.pci: 'ffff:1234': vendor id ffff is invalid", 0, 0, 0 },
	{ "rd.vmreserve.pci=FFFF:1234", NULL,
	  "rd.vmreserve.pci: 'FFFF:1234': vendor id ffff is invalid", 0, 0, 0 },
	/* pci: domain, bus, slot, function */
	{ "rd.vmreserve.pci=06:0g.0", NULL,
	  "rd.vmreserve.pci: '06:0g.0': bad slot '0g' (want 2 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=06:0.0", NULL,
	  "rd.vmreserve.pci: '06:0.0': bad slot '0' (want 2 hex digits)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:", NULL,
	  "rd.vmreserve.pci: '06:': bad slot '' (want 2 hex digits)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:20.0", NULL,
	  "rd.vmreserve.pci: '06:20.0': slot 20 out of range (00-1f)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:FF", NULL,
	  "rd.vmreserve.pci: '06:FF': slot ff out of range (00-1f)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.8", NULL,
	  "rd.vmreserve.pci: '06:00.8': bad function '8' (want 0-7)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.", NULL,
	  "rd.vmreserve.pci: '06:00.': bad function '' (want 0-7)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.1.2", NULL,
	  "rd.vmreserve.pci: '06:00.1.2': bad function '1.2' (want 0-7)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.01", NULL,
	  "rd.vmreserve.pci: '06:00.01': bad function '01' (want 0-7)", 0, 0, 0 },
	{ "rd.vmreserve.pci=6:00.0", NULL,
	  "rd.vmreserve.pci: '6:00.0': bad bus '6' (want 2 hex digits)", 0, 0, 0 },
	{ "rd.vmreserve.pci=0x6:00.0", NULL,
	  "rd.vmreserve.pci: '0x6:00.0': bad bus '0x6' (want 2 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=000:06:00.0", NULL,
	  "rd.vmreserve.pci: '000:06:00.0': bad domain '000' (want 4-8 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=000000000:06:00.0", NULL,
	  "rd.vmreserve.pci: '000000000:06:00.0': "
	  "bad domain '000000000' (want 4-8 hex digits)", 0, 0, 0 },
	{ "rd.vmreserve.pci=:06:00.0", NULL,
	  "rd.vmreserve.pci: ':06:00.0': bad domain '' (want 4-8 hex digits)",
	  0, 0, 0 },
	/* pci: pinned addresses, ADDR@VVVV:DDDD */
	{ "rd.vmreserve.pci=@10de:1c81", NULL,
	  "rd.vmreserve.pci: '@10de:1c81': missing address before '@' " PINW,
	  0, 0, 0 },
	{ "rd.vmreserve.pci=10de:1c81@10de:1c81", NULL,
	  "rd.vmreserve.pci: '10de:1c81@10de:1c81': an id cannot be pinned "
	  PINW, 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.0@", NULL,
	  "rd.vmreserve.pci: '06:00.0@': bad pin '' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.0@10de", NULL,
	  "rd.vmreserve.pci: '06:00.0@10de': bad pin '10de' (want VVVV:DDDD)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@06:00.0", NULL,
	  "rd.vmreserve.pci: '06:00@06:00.0': bad pin '06:00.0' (want VVVV:DDDD)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@10de:1c81@10de:1c81", NULL,
	  "rd.vmreserve.pci: '06:00@10de:1c81@10de:1c81': "
	  "bad pin '10de:1c81@10de:1c81' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@10de:1c81:00", NULL,
	  "rd.vmreserve.pci: '06:00@10de:1c81:00': "
	  "bad pin '10de:1c81:00' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@10dg:1c81", NULL,
	  "rd.vmreserve.pci: '06:00@10dg:1c81': "
	  "bad pin '10dg:1c81' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@10de:1c8", NULL,
	  "rd.vmreserve.pci: '06:00@10de:1c8': "
	  "bad pin '10de:1c8' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@10de:1c.1", NULL,
	  "rd.vmreserve.pci: '06:00@10de:1c.1': "
	  "bad pin '10de:1c.1' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=\"06:00@10de:1c81 \"", NULL,
	  "rd.vmreserve.pci: '06:00@10de:1c81 ': "
	  "bad pin '10de:1c81 ' (want VVVV:DDDD)", 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@ffff:1c81", NULL,
	  "rd.vmreserve.pci: '06:00@ffff:1c81': vendor id ffff is invalid",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=6:00@10de:1c81", NULL,
	  "rd.vmreserve.pci: '6:00@10de:1c81': bad bus '6' (want 2 hex digits)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=06:00.8@10de:1c81", NULL,
	  "rd.vmreserve.pci: '06:00.8@10de:1c81': bad function '8' (want 0-7)",
	  0, 0, 0 },
	{ "rd.vmreserve.pci=0600@10de:1c81", NULL,
	  "rd.vmreserve.pci: '0600@10de:1c81': missing ':' " PW, 0, 0, 0 },
	{ "rd.vmreserve.pci=06:00@10de:1c81,07:00@10de", NULL,
	  "rd.vmreserve.pci: '07:00@10de': bad pin '10de' (want VVVV:DDDD)",
	  0, 1, 0 },
	/* pci: bytes a terminal would eat are shown as '?' */
	{ "rd.vmreserve.pci=06:00.0\x1b[2J", NULL,
	  "rd.vmreserve.pci: '06:00.0?[2J': bad function '0?[2J' (want 0-7)",
	  0, 0, 0 },
	{ NULL, gen_long_token,
	  "rd.vmreserve.pci: "
	  "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...': "
	  "missing ':' " PW, 0, 0, 0 },
	/* 4 KiB: the whole parameter is dropped, even its good entries */
	{ NULL, gen_4k_value,
	  "rd.vmreserve.pci: "
	  "'06:00.0,77777777777777777777777777777777777777777777777777777...': "
	  "value longer than 4095 bytes, ignored", 0, 0, 0 },
	{ NULL, gen_4k_quoted,
	  "rd.vmreserve.keep: "
	  "'                                                             ...': "
	  "value longer than 4095 bytes, ignored", 0, 0, 0 },
	/* storage limits: one error per dropped entry */
	{ NULL, gen_200_sel,
	  "rd.vmreserve.pci: '40:00.0': too many selectors (max 64)",
	  136, 64, 0 },
	{ NULL, gen_200_keys,
	  "rd.vmreserve.pci: '40:00': too many selectors (max 64)",
	  136, 64, 0 },
	{ NULL, gen_40_hp,
	  "rd.vmreserve.hugepages: '32:1': too many requests (max 32)",
	  8, 0, 32 },
	/* odd quoting */
	{ "rd.vmreserve.pci=06:00.0\"", NULL,
	  "rd.vmreserve.pci: '06:00.0\"': bad function '0\"' (want 0-7)", 0, 0, 0 },
	{ "rd.vmreserve.pci=\"06:00.0 rd.vmreserve.keep=1G", NULL,
	  "rd.vmreserve.pci: '06:00.0 rd.vmreserve.keep=1G': "
	  "bad function '0 rd.vmreserve.keep=1G' (want 0-7)", 0, 0, 0 },
	{ "rd.vmreserve.pci=\"06:00.0, 07:00.0\"", NULL,
	  "rd.vmreserve.pci: ' 07:00.0': bad bus ' 07' (want 2 hex digits)",
	  0, 1, 0 },
	{ "rd.vmreserve.pci=\"06:00.0 07:00.0\"", NULL,
	  "rd.vmreserve.pci: '06:00.0 07:00.0': "
	  "bad domain '06' (want 4-8 hex digits)", 0, 0, 0 },
	{ "rd.vmreserve.pci=\"\"06:00.0\"\"", NULL,
	  "rd.vmreserve.pci: '\"06:00.0\"': bad bus '\"06' (want 2 hex digits)",
	  0, 0, 0 },
	/* hugepages */
	{ "rd.vmreserve.hugepages", NULL,
	  "rd.vmreserve.hugepages: missing value", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=", NULL,
	  "rd.vmreserve.hugepages: empty value", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4,,1:4", NULL,
	  "rd.vmreserve.hugepages: '0:4,,1:4': empty entry", 0, 0, 2 },
	{ "rd.vmreserve.hugepages=0:12X", NULL,
	  "rd.vmreserve.hugepages: '0:12X': unknown size suffix 'X'", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:12MB", NULL,
	  "rd.vmreserve.hugepages: '0:12MB': unknown size suffix 'MB'", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:1.5G", NULL,
	  "rd.vmreserve.hugepages: '0:1.5G': unknown size suffix '.5G'", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=2048:5", NULL,
	  "rd.vmreserve.hugepages: '2048:5': node 2048 out of range (0-1023)",
	  0, 0, 0 },
	{ "rd.vmreserve.hugepages=1024:5", NULL,
	  "rd.vmreserve.hugepages: '1024:5': node 1024 out of range (0-1023)",
	  0, 0, 0 },
	{ "rd.vmreserve.hugepages=0", NULL,
	  "rd.vmreserve.hugepages: '0': missing ':AMOUNT' " HW, 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:1:2M:x", NULL,
	  "rd.vmreserve.hugepages: '0:1:2M:x': too many ':' " HW, 0, 0, 0 },
	{ "rd.vmreserve.hugepages=:4", NULL,
	  "rd.vmreserve.hugepages: ':4': missing node", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:", NULL,
	  "rd.vmreserve.hugepages: '0:': missing amount", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=x:4", NULL,
	  "rd.vmreserve.hugepages: 'x:4': bad node 'x' (want 0-1023)", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=-1:4", NULL,
	  "rd.vmreserve.hugepages: '-1:4': bad node '-1' (want 0-1023)", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:-4", NULL,
	  "rd.vmreserve.hugepages: '0:-4': bad amount '-4' " AMT, 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:G", NULL,
	  "rd.vmreserve.hugepages: '0:G': bad amount 'G' " AMT, 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:18446744073709551616", NULL,
	  "rd.vmreserve.hugepages: '0:18446744073709551616': number too large",
	  0, 0, 0 },
	{ "rd.vmreserve.hugepages=18446744073709551616:4", NULL,
	  "rd.vmreserve.hugepages: '18446744073709551616:4': number too large",
	  0, 0, 0 },
	{ "rd.vmreserve.hugepages=18446744073709551615:4", NULL,
	  "rd.vmreserve.hugepages: '18446744073709551615:4': "
	  "node 18446744073709551615 out of range (0-1023)", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:17179869184G", NULL,
	  "rd.vmreserve.hugepages: '0:17179869184G': number too large", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:2048", NULL,
	  "rd.vmreserve.hugepages: '0:4:2048': "
	  "page size needs a unit (K, M, G or T)", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:3K", NULL,
	  "rd.vmreserve.hugepages: '0:4:3K': "
	  "bad page size '3K' (want a non-zero multiple of 4K)", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:0M", NULL,
	  "rd.vmreserve.hugepages: '0:4:0M': "
	  "bad page size '0M' (want a non-zero multiple of 4K)", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:", NULL,
	  "rd.vmreserve.hugepages: '0:4:': missing page size", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:2MB", NULL,
	  "rd.vmreserve.hugepages: '0:4:2MB': unknown size suffix 'MB'", 0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:xM", NULL,
	  "rd.vmreserve.hugepages: '0:4:xM': bad page size 'xM' (want e.g. 2M or 1G)",
	  0, 0, 0 },
	{ "rd.vmreserve.hugepages=0:4:99999999999999999999K", NULL,
	  "rd.vmreserve.hugepages: '0:4:99999999999999999999K': number too large",
	  0, 0, 0 },
	/* keep */
	{ "rd.vmreserve.keep", NULL, "rd.vmreserve.keep: missing value", 0, 0, 0 },
	{ "rd.vmreserve.keep=", NULL, "rd.vmreserve.keep: empty value", 0, 0, 0 },
	{ "rd.vmreserve.keep=1024", NULL,
	  "rd.vmreserve.keep: '1024': size needs a unit (K, M, G or T)", 0, 0, 0 },
	{ "rd.vmreserve.keep=101%", NULL,
	  "rd.vmreserve.keep: '101%': percent 101 out of range (0-100)", 0, 0, 0 },
	{ "rd.vmreserve.keep=%", NULL,
	  "rd.vmreserve.keep: '%': bad percent '%' (want 0-100%)", 0, 0, 0 },
	{ "rd.vmreserve.keep=-5%", NULL,
	  "rd.vmreserve.keep: '-5%': bad percent '-5%' (want 0-100%)", 0, 0, 0 },
	{ "rd.vmreserve.keep=5%%", NULL,
	  "rd.vmreserve.keep: '5%%': bad percent '5%%' (want 0-100%)", 0, 0, 0 },
	{ "rd.vmreserve.keep=99999999999999999999%", NULL,
	  "rd.vmreserve.keep: '99999999999999999999%': number too large", 0, 0, 0 },
	{ "rd.vmreserve.keep=1.5G", NULL,
	  "rd.vmreserve.keep: '1.5G': unknown size suffix '.5G'", 0, 0, 0 },
	{ "rd.vmreserve.keep=2GB", NULL,
	  "rd.vmreserve.keep: '2GB': unknown size suffix 'GB'", 0, 0, 0 },
	{ "rd.vmreserve.keep=1G,2G", NULL,
	  "rd.vmreserve.keep: '1G,2G': unknown size suffix 'G,2G'", 0, 0, 0 },
	{ "rd.vmreserve.keep=G", NULL,
	  "rd.vmreserve.keep: 'G': bad size 'G' (want e.g. 2G or 5%)", 0, 0, 0 },
	{ "rd.vmreserve.keep=16777216T", NULL,
	  "rd.vmreserve.keep: '16777216T': number too large", 0, 0, 0 },
	/* rd.vmreserve */
	{ "rd.vmreserve=", NULL, "rd.vmreserve: empty value", 0, 0, 0 },
	{ "rd.vmreserve=maybe", NULL, "rd.vmreserve: 'maybe': " BV, 0, 0, 0 },
	{ "rd.vmreserve=2", NULL, "rd.vmreserve: '2': " BV, 0, 0, 0 },
	{ "rd.vmreserve=of", NULL, "rd.vmreserve: 'of': " BV, 0, 0, 0 },
	{ "rd.vmreserve=\"off \"", NULL, "rd.vmreserve: 'off ': " BV, 0, 0, 0 },
	/* diagnostics overflow: 32 kept, all 40 counted */
	{ NULL, gen_40_bad,
	  "rd.vmreserve.keep: '1': size needs a unit (K, M, G or T)", 40, 0, 0 },
};

static void test_bad_table(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(ARRAY_SIZE(bad) >= 45);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const struct bad *b = &bad[i];
		const char *cmd = b->cmdline ? b->cmdline : b->gen();
		size_t errors = b->errors ? b->errors : 1;
		char what[120];

		snprintf(what, sizeof(what), "bad[%zu] %.80s", i, cmd);
		parse(cmd);
		expect_num(what, plan.n_errors, errors);
		expect_num(what, plan.n_diag,
			   errors < VMR_MAX_DIAG ? errors : VMR_MAX_DIAG);
		expect_num(what, plan.n_diag_lost,
			   errors > VMR_MAX_DIAG ? errors - VMR_MAX_DIAG : 0);
		for (j = 0; j < plan.n_diag; j++)
			expect_num(what, plan.diag[j].level, VMR_DIAG_ERROR);
		expect_str(what, plan.diag[0].msg, b->msg);
		expect_num(what, plan.n_sel, b->n_sel);
		expect_num(what, plan.n_hp, b->n_hp);
		expect_num(what, plan.keep.kind, VMR_KEEP_DEFAULT);
		expect_num(what, plan.disabled, 0);
		expect_num(what, plan.any_key, 1);
	}
}

/* ----------------------------------------------------------- the rules */

static void test_good_beside_bad(void **state)
{
	(void)state;
	parse("rd.vmreserve.pci=06:00.0,zz,07:00.1 rd.vmreserve.keep=12 "
	      "rd.vmreserve.hugepages=0:4,0:4Q,1:2G:1G rd.vmreserve=maybe "
	      "rd.vmreserve.keep=10%");
	expect_str("summary", summary(&plan),
		   "sel=[F 0000:0000 0:06:00.0 '0000:06:00.0'; "
		   "F 0000:0000 0:07:00.1 '0000:07:00.1'] "
		   "hp=[0:4p@2048 '0:4'; 1:2147483648b@1048576 '1:2G:1G'] "
		   "keep=P10 off=0 any=1");
	assert_int_equal(plan.n_errors, 4);
	assert_int_equal(plan.n_diag, 4);
	assert_string_equal(plan.diag[0].msg,
			    "rd.vmreserve.pci: 'zz': missing ':' " PW);
	assert_string_equal(plan.diag[1].msg,
			    "rd.vmreserve.keep: '12': size needs a unit "
			    "(K, M, G or T)");
	assert_string_equal(plan.diag[2].msg, "rd.vmreserve.hugepages: '0:4Q': "
			    "unknown size suffix 'Q'");
	assert_string_equal(plan.diag[3].msg, "rd.vmreserve: 'maybe': " BV);
}

static void test_lists_accumulate(void **state)
{
	(void)state;
	parse("rd.vmreserve.pci=06:00.0 quiet rd.vmreserve.pci=07:00,10de:1c81 "
	      "rd.vmreserve.hugepages=0:1 rd.vmreserve.hugepages=1:2");
	expect_str("summary", summary(&plan),
		   "sel=[F 0000:0000 0:06:00.0 '0000:06:00.0'; "
		   "S 0000:0000 0:07:00.0 '0000:07:00'; "
		   "I 10de:1c81 0:00:00.0 '10de:1c81'] "
		   "hp=[0:1p@2048 '0:1'; 1:2p@2048 '1:2'] keep=D off=0 any=1");
	assert_int_equal(plan.n_diag, 0);
}

static void test_pci_duplicate(void **state)
{
	(void)state;
	parse("rd.vmreserve.pci=06:00.1,10DE:1C81 "
	      "rd.vmreserve.pci=0000:06:00.1,10de:1c81,06:00");
	assert_int_equal(plan.n_sel, 3);
	assert_string_equal(plan.sel[2].text, "0000:06:00");
	assert_int_equal(plan.n_errors, 0);
	assert_int_equal(plan.n_diag, 2);
	assert_int_equal(plan.diag[0].level, VMR_DIAG_WARNING);
	assert_string_equal(plan.diag[0].msg, "rd.vmreserve.pci: '0000:06:00.1': "
			    "duplicate of 0000:06:00.1, kept once");
	assert_string_equal(plan.diag[1].msg, "rd.vmreserve.pci: '10de:1c81': "
			    "duplicate of 10de:1c81, kept once");
}

/* A pin is part of the selector: the same pin in either case is a duplicate. */
static void test_pci_duplicate_pinned(void **state)
{
	(void)state;
	parse("rd.vmreserve.pci=06:00@10de:1c81,0000:06:00@10DE:1C81");
	assert_int_equal(plan.n_sel, 1);
	assert_int_equal(plan.n_errors, 0);
	assert_int_equal(plan.n_diag, 1);
	assert_int_equal(plan.diag[0].level, VMR_DIAG_WARNING);
	assert_string_equal(plan.diag[0].msg, "rd.vmreserve.pci: "
			    "'0000:06:00@10DE:1C81': duplicate of "
			    "0000:06:00@10de:1c81, kept once");
}

/* A full table still recognises duplicates: a warning, not "too many". */
static void test_pci_duplicate_when_full(void **state)
{
	(void)state;
	gen_200_sel();
	strcat(big, " rd.vmreserve.pci=00:00.0");
	parse(big);
	assert_int_equal(plan.n_sel, VMR_MAX_SEL);
	assert_int_equal(plan.n_errors, 136);
	assert_int_equal(plan.n_diag_lost, 137 - VMR_MAX_DIAG);
	assert_string_equal(plan.sel[63].text, "0000:3f:00.0");
}

static void test_hp_replace(void **state)
{
	(void)state;
	parse("rd.vmreserve.hugepages=0:4,1:2,0:1:1G "
	      "rd.vmreserve.hugepages=0:8,1:3:2048K");
	expect_str("summary", summary(&plan),
		   "sel=[] hp=[0:8p@2048 '0:8'; 1:3p@2048 '1:3:2048K'; "
		   "0:1p@1048576 '0:1:1G'] keep=D off=0 any=1");
	assert_int_equal(plan.n_errors, 0);
	assert_int_equal(plan.n_diag, 2);
	assert_int_equal(plan.diag[0].level, VMR_DIAG_WARNING);
	assert_string_equal(plan.diag[0].msg, "rd.vmreserve.hugepages: '0:8' "
			    "replaces earlier '0:4' (node 0, 2048K pages)");
	assert_string_equal(plan.diag[1].msg, "rd.vmreserve.hugepages: "
			    "'1:3:2048K' replaces earlier '1:2' "
			    "(node 1, 2048K pages)");
}

/* Replacing never needs a free slot. */
static void test_hp_replace_when_full(void **state)
{
	(void)state;
	gen_40_hp();
	strcat(big, " rd.vmreserve.hugepages=31:0");
	parse(big);
	assert_int_equal(plan.n_hp, VMR_MAX_HP);
	assert_int_equal(plan.n_errors, 8);
	assert_int_equal(plan.hp[31].amount, 0);
	assert_string_equal(plan.hp[31].text, "31:0");
}

static void test_scalars_last_wins(void **state)
{
	(void)state;
	parse("rd.vmreserve.keep=1G rd.vmreserve.keep=5%");
	assert_int_equal(plan.keep.kind, VMR_KEEP_PERCENT);
	assert_int_equal(plan.keep.value, 5);
	parse("rd.vmreserve.keep=5% rd.vmreserve.keep=1G");
	assert_int_equal(plan.keep.kind, VMR_KEEP_BYTES);
	assert_int_equal(plan.keep.value, 1ULL << 30);
	/* a bad later value leaves the earlier one */
	parse("rd.vmreserve.keep=1G rd.vmreserve.keep=12");
	assert_int_equal(plan.keep.kind, VMR_KEEP_BYTES);
	assert_int_equal(plan.keep.value, 1ULL << 30);
	assert_int_equal(plan.n_errors, 1);

	parse("rd.vmreserve=0 rd.vmreserve=1");
	assert_false(plan.disabled);
	parse("rd.vmreserve=1 rd.vmreserve=off");
	assert_true(plan.disabled);
	parse("rd.vmreserve=no rd.vmreserve");
	assert_false(plan.disabled);
	parse("rd.vmreserve=false rd.vmreserve=maybe rd.vmreserve=");
	assert_true(plan.disabled);
	assert_int_equal(plan.n_errors, 2);
}

static void test_key_eq(void **state)
{
	(void)state;
	assert_true(vmr_key_eq("rd.vmreserve.pci", "rd.vmreserve.pci"));
	assert_true(vmr_key_eq("a-b_c", "a_b-c"));
	assert_true(vmr_key_eq("vfio-pci.ids", "vfio_pci.ids"));
	assert_true(vmr_key_eq("", ""));
	assert_false(vmr_key_eq("a-b", "a.b"));
	assert_false(vmr_key_eq("a-b", "a-c"));
	assert_false(vmr_key_eq("rd.vmreserve", "rd.vmreserve.pci"));
	assert_false(vmr_key_eq("rd.vmreserve.pci", "rd.vmreserve"));
	assert_false(vmr_key_eq("rd.vmreserve.PCI", "rd.vmreserve.pci"));
	assert_false(vmr_key_eq(NULL, "a"));
	assert_true(vmr_key_eq(NULL, NULL));
}

static void test_keys_case_and_namespace(void **state)
{
	(void)state;
	/* keys are case-sensitive: not ours at all */
	parse("RD.VMRESERVE.PCI=06:00.0 rd.vmreservefoo=1 rd_vmreserve.pci=06:00");
	assert_false(plan.any_key);
	assert_int_equal(plan.n_diag, 0);
	/* in our namespace but unknown: an error each (a misspelt key
	 * reserves nothing), and nothing else is lost */
	parse("rd.vmreserve.PCI=06:00.0 rd.vmreserve.huge_pages=0:1 "
	      "rd.vmreserve.= rd.vmreserve.pci.x");
	assert_true(plan.any_key);
	assert_int_equal(plan.n_sel, 0);
	assert_int_equal(plan.n_errors, 4);
	assert_int_equal(plan.n_diag, 4);
	assert_int_equal(plan.diag[0].level, VMR_DIAG_ERROR);
	assert_string_equal(plan.diag[0].msg, "rd.vmreserve.PCI: unknown key, "
			    "ignored (known: pci, hugepages, keep)");
	assert_string_equal(plan.diag[1].msg, "rd.vmreserve.huge_pages: "
			    "unknown key, ignored (known: pci, hugepages, keep)");
	assert_string_equal(plan.diag[2].msg, "rd.vmreserve.: unknown key, "
			    "ignored (known: pci, hugepages, keep)");
	assert_string_equal(plan.diag[3].msg, "rd.vmreserve.pci.x: unknown "
			    "key, ignored (known: pci, hugepages, keep)");
}

static void test_unknown_long_key(void **state)
{
	(void)state;
	memset(big, 0, sizeof(big));
	strcpy(big, "rd.vmreserve.");
	memset(big + strlen(big), 'k', 5000);
	strcat(big, "=1");
	parse(big);
	assert_int_equal(plan.n_errors, 1);
	assert_int_equal(plan.n_diag, 1);
	assert_string_equal(plan.diag[0].msg, "rd.vmreserve.kkkkkkkkkkkkkkkkk"
			    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...: unknown key, "
			    "ignored (known: pci, hugepages, keep)");
}

static const struct {
	const char *cmdline;
	const char *text; /* the one selector it must give */
} quoting[] = {
	{ "rd.vmreserve.pci=\"06:00.0\"", "0000:06:00.0" },
	{ "\"rd.vmreserve.pci=06:00.0\"", "0000:06:00.0" },
	{ "\"rd.vmreserve.pci=\"06:00.0\"", "0000:06:00.0" },
	{ "rd.vmreserve.pci=\"06:00.0", "0000:06:00.0" }, /* unterminated */
	{ "\"rd.vmreserve.pci=06:00.0", "0000:06:00.0" },
	{ "quiet\trd.vmreserve.pci=06:00.0\nro", "0000:06:00.0" },
	{ "\r\v\f rd.vmreserve.pci=06:00.0 \r\n", "0000:06:00.0" },
	{ "a=\"x y\" rd.vmreserve.pci=06:00.0 b=\"c d\"", "0000:06:00.0" },
	{ "root=/dev/sda -- rd.vmreserve.pci=06:00.0", "0000:06:00.0" },
	{ "init=/bin/sh -- rd.vmreserve.pci=06:00.0 --", "0000:06:00.0" },
	/* Latin-1 NBSP is a separator to the kernel's isspace() */
	{ "quiet\xa0rd.vmreserve.pci=06:00.0\xa0ro", "0000:06:00.0" },
};

static void test_quoting(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(quoting); i++) {
		parse(quoting[i].cmdline);
		expect_num(quoting[i].cmdline, plan.n_diag, 0);
		expect_num(quoting[i].cmdline, plan.n_sel, 1);
		expect_str(quoting[i].cmdline, plan.sel[0].text,
			   quoting[i].text);
	}
	/* a quoted space groups: two selectors in one parameter */
	parse("\"rd.vmreserve.pci=06:00.0,07:00.0\" rd.vmreserve.keep=\"5%\"");
	assert_int_equal(plan.n_sel, 2);
	assert_int_equal(plan.keep.kind, VMR_KEEP_PERCENT);
	/* an unterminated quote swallows the rest of the line */
	parse("rd.vmreserve.keep=\"1G rd.vmreserve.pci=06:00.0");
	assert_int_equal(plan.n_sel, 0);
	assert_int_equal(plan.n_errors, 1);
}

static void test_hex_case_and_domain(void **state)
{
	(void)state;
	parse("rd.vmreserve.pci=0a:1F.3,0A:1f.3,AbCd:EF:1e,aBcD:eF:1E,10De:1C81");
	assert_int_equal(plan.n_sel, 3);
	assert_int_equal(plan.n_diag, 2); /* the two spelled-differently dups */
	assert_int_equal(plan.sel[0].domain, 0);
	assert_int_equal(plan.sel[0].bus, 0x0a);
	assert_int_equal(plan.sel[0].slot, 0x1f);
	assert_int_equal(plan.sel[0].func, 3);
	assert_int_equal(plan.sel[1].domain, 0xabcd);
	assert_int_equal(plan.sel[1].bus, 0xef);
	assert_int_equal(plan.sel[1].kind, VMR_SEL_SLOT);
	assert_string_equal(plan.sel[1].text, "abcd:ef:1e");
	assert_int_equal(plan.sel[2].vendor, 0x10de);
	assert_int_equal(plan.sel[2].device, 0x1c81);
	assert_string_equal(plan.sel[2].text, "10de:1c81");
}

static const struct {
	const char *s;
	int rc;
	uint64_t bytes;
	char bad;
} sizes[] = {
	{ "0", 0, 0, 0 },
	{ "4096", 0, 4096, 0 },
	{ "1k", 0, 1024, 0 },
	{ "1K", 0, 1024, 0 },
	{ "512M", 0, 512ULL << 20, 0 },
	{ "12g", 0, 12ULL << 30, 0 },
	{ "2T", 0, 2ULL << 40, 0 },
	{ "000000000000000000000000000001K", 0, 1024, 0 },
	{ "18446744073709551615", 0, UINT64_MAX, 0 },
	{ "16777215T", 0, 16777215ULL << 40, 0 },
	{ "17179869183G", 0, 17179869183ULL << 30, 0 },
	{ "18446744073709551616", -ERANGE, 0, 0 },
	{ "16777216T", -ERANGE, 0, 0 },
	{ "17179869184G", -ERANGE, 0, 0 },
	{ "99999999999999999999999K", -ERANGE, 0, 0 },
	{ "", -EINVAL, 0, 0 },
	{ "K", -EINVAL, 0, 0 },
	{ "-1", -EINVAL, 0, 0 },
	{ " 1", -EINVAL, 0, 0 },
	{ "0x10", -EINVAL, 0, 'x' },
	{ "12X", -EINVAL, 0, 'X' },
	{ "12MB", -EINVAL, 0, 'B' },
	{ "1.5G", -EINVAL, 0, '.' },
	{ "12 ", -EINVAL, 0, ' ' },
	{ "1KK", -EINVAL, 0, 'K' },
	/* a typo is reported even when the digits overflow too */
	{ "99999999999999999999999X", -EINVAL, 0, 'X' },
};

static void test_parse_size(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		uint64_t b = 12345;
		char bad = '#';
		int rc = vmr_parse_size(sizes[i].s, &b, &bad);

		expect_num(sizes[i].s, (uintmax_t)(intmax_t)rc,
			   (uintmax_t)(intmax_t)sizes[i].rc);
		expect_num(sizes[i].s, b, sizes[i].rc ? 12345 : sizes[i].bytes);
		expect_num(sizes[i].s, (unsigned char)bad,
			   (unsigned char)sizes[i].bad);
	}
	assert_int_equal(vmr_parse_size(NULL, NULL, NULL), -EINVAL);
	assert_int_equal(vmr_parse_size("1M", NULL, NULL), 0);
}

static void test_keep_bytes(void **state)
{
	const uint64_t G = 1ULL << 30;
	struct vmr_keep k = { VMR_KEEP_DEFAULT, 0 };

	(void)state;
	/* default: a quarter of small nodes, 2 GiB on big ones */
	assert_int_equal(vmr_keep_bytes(&k, 0), 0);
	assert_int_equal(vmr_keep_bytes(&k, 4 * G), G);
	assert_int_equal(vmr_keep_bytes(&k, 8 * G), 2 * G);
	assert_int_equal(vmr_keep_bytes(&k, 8 * G - 4), 2 * G - 1);
	assert_int_equal(vmr_keep_bytes(&k, 512 * G), 2 * G);
	assert_int_equal(vmr_keep_bytes(&k, UINT64_MAX), 2 * G);
	assert_int_equal(vmr_keep_bytes(NULL, 4 * G), G);
	/* bytes: as given, even beyond the node */
	k = (struct vmr_keep){ VMR_KEEP_BYTES, 3 * G };
	assert_int_equal(vmr_keep_bytes(&k, G), 3 * G);
	k.value = 0;
	assert_int_equal(vmr_keep_bytes(&k, 64 * G), 0);
	/* percent: exact floor, no overflow near 2^64 */
	k = (struct vmr_keep){ VMR_KEEP_PERCENT, 100 };
	assert_int_equal(vmr_keep_bytes(&k, UINT64_MAX), UINT64_MAX);
	assert_int_equal(vmr_keep_bytes(&k, 0), 0);
	k.value = 50;
	assert_int_equal(vmr_keep_bytes(&k, UINT64_MAX), UINT64_MAX / 2);
	k.value = 0;
	assert_int_equal(vmr_keep_bytes(&k, UINT64_MAX), 0);
	k.value = 10;
	assert_int_equal(vmr_keep_bytes(&k, 1000), 100);
	assert_int_equal(vmr_keep_bytes(&k, 99), 9);
	k.value = 33;
	assert_int_equal(vmr_keep_bytes(&k, 199), 65); /* 65.67 */
	k.value = 1;
	assert_int_equal(vmr_keep_bytes(&k, 99), 0);
	/* a hand-made percent above 100 is clamped */
	k.value = 1000;
	assert_int_equal(vmr_keep_bytes(&k, 64 * G), 64 * G);
}

/* ------------------------------------------------------------ splitting */

struct collect {
	char out[8192];
	size_t n, calls, stop_at;
};

/* Records "key=val" / "key" with "!" for truncated, separated by '|'. */
static int collect_fn(const char *key, const char *val, bool truncated,
		      void *ctx)
{
	struct collect *c = ctx;
	char v[24];

	snprintf(v, sizeof(v), "%s", val ? val : "");
	c->n += (size_t)snprintf(c->out + c->n, sizeof(c->out) - c->n,
				 "%s%.24s%s%s%s", c->calls ? "|" : "", key,
				 val ? "=" : "", v, truncated ? "!" : "");
	c->calls++;
	return c->calls == c->stop_at ? 42 : 0;
}

static const struct {
	const char *cmdline;
	const char *want;
} splits[] = {
	{ "", "" },
	{ "   \t\n ", "" },
	{ "a", "a" },
	{ "a b=c", "a|b=c" },
	{ "  a   b  ", "a|b" },
	{ "a=", "a=" },
	{ "a==b", "a==b" },
	{ "a=b=c", "a=b=c" },
	{ "=a", "=a" },     /* '=' at 0 does not split (kernel quirk) */
	{ "=a=b", "=a=b" },
	{ "k=\"a b\" x", "k=a b|x" },
	{ "\"k=a b\" x", "k=a b|x" },
	{ "\"k\" x", "k|x" },
	{ "k=\"a\"b", "k=a\"b" },
	{ "k=a\"b c\"", "k=a\"b c\"" },
	{ "k=\"a b", "k=a b" },
	{ "k=\"", "k=" },
	{ "k=\"\"", "k=" },
	{ "\"", "" },
	{ "\"\"", "" },
	{ "x \"", "x|" },
	{ "a\"b c\"d e", "a\"b c\"d|e" },
	{ "k=\"a\" \"b\"", "k=a|b" },
	{ "k=\"a\tb\nc\"", "k=a\tb\nc" },
	{ "a -- b", "a|--|b" },
	{ "a\xa0" "b", "a|b" },
};

static void test_foreach_split(void **state)
{
	struct collect c;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(splits); i++) {
		memset(&c, 0, sizeof(c));
		assert_int_equal(vmr_cmdline_foreach(splits[i].cmdline,
						     collect_fn, &c), 0);
		expect_str(splits[i].cmdline, c.out, splits[i].want);
	}
	memset(&c, 0, sizeof(c));
	assert_int_equal(vmr_cmdline_foreach(NULL, collect_fn, &c), 0);
	assert_int_equal(c.calls, 0);
}

static void test_foreach_stops(void **state)
{
	struct collect c;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.stop_at = 2;
	assert_int_equal(vmr_cmdline_foreach("a b c d", collect_fn, &c), 42);
	assert_string_equal(c.out, "a|b");
}

/* 4095 bytes fit the buffer with their NUL; 4096 do not. */
static void test_foreach_truncation(void **state)
{
	struct collect c;
	char *val;

	(void)state;
	memset(big, 0, sizeof(big));
	strcpy(big, "k=");
	memset(big + 2, 'v', 4095);
	memset(&c, 0, sizeof(c));
	vmr_cmdline_foreach(big, collect_fn, &c);
	assert_string_equal(c.out, "k=vvvvvvvvvvvvvvvvvvvvvvv");

	val = big + 2;
	val[4095] = 'v';
	strcat(big, " x");
	memset(&c, 0, sizeof(c));
	vmr_cmdline_foreach(big, collect_fn, &c);
	assert_string_equal(c.out, "k=vvvvvvvvvvvvvvvvvvvvvvv!|x");

	/* a truncated key */
	memset(big, 0, sizeof(big));
	memset(big, 'k', 5000);
	memset(&c, 0, sizeof(c));
	vmr_cmdline_foreach(big, collect_fn, &c);
	assert_string_equal(c.out, "kkkkkkkkkkkkkkkkkkkkkkkk!");
}

/* The exact 4095/4096 boundary through the parser. */
static void test_parse_truncation_boundary(void **state)
{
	size_t n;

	(void)state;
	memset(big, 0, sizeof(big));
	strcpy(big, "rd.vmreserve.hugepages=0:");
	n = strlen(big);
	memset(big + n, '0', 4095 - 2);
	big[n + 4095 - 2 - 1] = '7';
	parse(big); /* value "0:000...07": 4095 bytes, fits */
	assert_int_equal(plan.n_errors, 0);
	assert_int_equal(plan.n_hp, 1);
	assert_int_equal(plan.hp[0].amount, 7);
	assert_int_equal(strlen(plan.hp[0].text), sizeof(plan.hp[0].text) - 1);

	strcat(big, "0");
	parse(big); /* 4096 bytes */
	assert_int_equal(plan.n_errors, 1);
	assert_int_equal(plan.n_hp, 0);
}

static void test_diag_overflow(void **state)
{
	(void)state;
	parse(gen_40_bad());
	assert_int_equal(plan.n_diag, VMR_MAX_DIAG);
	assert_int_equal(plan.n_diag_lost, 8);
	assert_int_equal(plan.n_errors, 40);
	assert_string_equal(plan.diag[31].msg, "rd.vmreserve.keep: '32': "
			    "size needs a unit (K, M, G or T)");
	/* 33 unknown keys and a bad keep: lost diagnostics still count */
	parse("rd.vmreserve.a rd.vmreserve.b rd.vmreserve.c rd.vmreserve.d "
	      "rd.vmreserve.e rd.vmreserve.f rd.vmreserve.g rd.vmreserve.h "
	      "rd.vmreserve.i rd.vmreserve.j rd.vmreserve.k rd.vmreserve.l "
	      "rd.vmreserve.m rd.vmreserve.n rd.vmreserve.o rd.vmreserve.p "
	      "rd.vmreserve.q rd.vmreserve.r rd.vmreserve.s rd.vmreserve.t "
	      "rd.vmreserve.u rd.vmreserve.v rd.vmreserve.w rd.vmreserve.x "
	      "rd.vmreserve.y rd.vmreserve.z rd.vmreserve.A rd.vmreserve.B "
	      "rd.vmreserve.C rd.vmreserve.D rd.vmreserve.E rd.vmreserve.F "
	      "rd.vmreserve.G rd.vmreserve.keep=1");
	assert_int_equal(plan.n_diag, VMR_MAX_DIAG);
	assert_int_equal(plan.n_diag_lost, 2);
	assert_int_equal(plan.n_errors, 34);
}

/* The longest reasons with the longest tokens still fit a line. */
static void test_diag_length(void **state)
{
	static const char *const fmt[] = {
		"rd.vmreserve.hugepages=0:4:x%s",
		"rd.vmreserve.hugepages=0:4:1%s",
		"rd.vmreserve.hugepages=%s:1",
		"rd.vmreserve.pci=0000:%s:00.0",
		"rd.vmreserve.pci=%s:00",
		"rd.vmreserve.keep=%s%%",
		"rd.vmreserve.%s",
	};
	char pad[300];
	size_t i;

	(void)state;
	memset(pad, 'Z', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	for (i = 0; i < ARRAY_SIZE(fmt); i++) {
		snprintf(big, sizeof(big), fmt[i], pad);
		parse(big);
		assert_int_equal(plan.n_diag, 1);
		/* not cut: the reason's closing text survives */
		if (strlen(plan.diag[0].msg) >= VMR_DIAG_LEN - 1)
			fail_msg("%s: message hit the limit: %s", fmt[i],
				 plan.diag[0].msg);
	}
	/* replace warning with two 47-char texts */
	parse("rd.vmreserve.hugepages="
	      "0000000000000000000000000000000000000000000000000001023:1,"
	      "0000000000000000000000000000000000000000000000000001023:2");
	assert_int_equal(plan.n_diag, 1);
	assert_true(strlen(plan.diag[0].msg) < VMR_DIAG_LEN - 1);
}

static void test_any_key_and_return(void **state)
{
	(void)state;
	assert_int_equal(vmr_cmdline_parse(NULL, &plan), 0);
	assert_false(plan.any_key);
	assert_int_equal(plan.keep.kind, VMR_KEEP_DEFAULT);
	assert_int_equal(vmr_cmdline_parse("rd.vmreserve.pci=x "
					   "rd.vmreserve.keep=1", &plan), 2);
	assert_true(plan.any_key);
	/* the plan is zeroed first: nothing from the previous call */
	parse("rd.vmreserve.pci=06:00");
	parse("quiet");
	assert_int_equal(plan.n_sel, 0);
	assert_int_equal(plan.n_errors, 0);
	assert_false(plan.any_key);
}

/* --------------------------------------------------------- sources */

/*
 * Several sources make one plan, in the order they are added (dracut's
 * getcmdline order): lists accumulate, the last scalar wins, across
 * sources as within one.
 */
static void test_plan_sources_accumulate(void **state)
{
	(void)state;
	vmr_plan_init(&plan);
	vmr_plan_add(&plan, "rd.vmreserve.keep=10% rd.vmreserve.pci=06:00",
		     VMR_SRC_CMDLINE_D);
	vmr_plan_add(&plan, "rd.vmreserve=0\nrd.vmreserve.keep=20%",
		     VMR_SRC_ETC_CMDLINE);
	vmr_plan_add(&plan, "ro rd.vmreserve.pci=07:00.1 rd.vmreserve=yes",
		     VMR_SRC_PROC);
	expect_str("plan", summary(&plan),
		   "sel=[S 0000:0000 0:06:00.0 '0000:06:00'; "
		   "F 0000:0000 0:07:00.1 '0000:07:00.1'] hp=[] keep=P20 "
		   "off=0 any=1");
	/* a quote does not run from one source into the next */
	vmr_plan_add(&plan, "rd.vmreserve.keep=\"1G", VMR_SRC_RUN_D);
	vmr_plan_add(&plan, "rd.vmreserve=off", VMR_SRC_RUN_D);
	assert_true(plan.disabled);
	expect_num("keep", plan.keep.value, 1ULL << 30);
}

/* The parameters the plan was built from: as written, with the source. */
static void test_plan_keeps_args(void **state)
{
	size_t i;

	(void)state;
	vmr_plan_init(&plan);
	vmr_plan_add(&plan, "quiet rd.vmreserve.pci=\"06:00\" "
		     "\"rd.vmreserve.keep=1G\" rd.vmreserve.bogus rd.other=1",
		     VMR_SRC_CMDLINE_D);
	vmr_plan_add(&plan, "rd.vmreserve", VMR_SRC_PROC);
	expect_num("args", plan.n_args, 4);
	expect_str("arg 0", plan.arg[0].text, "rd.vmreserve.pci=\"06:00\"");
	expect_str("arg 1", plan.arg[1].text, "\"rd.vmreserve.keep=1G\"");
	/* unknown keys too: the record must rebuild the same errors */
	expect_str("arg 2", plan.arg[2].text, "rd.vmreserve.bogus");
	expect_str("arg 3", plan.arg[3].text, "rd.vmreserve");
	expect_num("src 0", plan.arg[0].src, VMR_SRC_CMDLINE_D);
	expect_num("src 3", plan.arg[3].src, VMR_SRC_PROC);
	expect_num("lost", plan.n_args_lost, 0);
	/* past the limit, and too long: counted, still applied */
	vmr_plan_init(&plan);
	for (i = 0; i <= VMR_MAX_ARGS; i++)
		vmr_plan_add(&plan, "rd.vmreserve.keep=5%", VMR_SRC_PROC);
	memset(big, 0, sizeof(big));
	memcpy(big, "rd.vmreserve.pci=", 17);
	for (i = 0; i < 200; i++)
		memcpy(big + 17 + 6 * i, i ? ",06:00" : "06:00,", 6);
	vmr_plan_add(&plan, big, VMR_SRC_PROC);
	expect_num("args", plan.n_args, VMR_MAX_ARGS);
	expect_num("lost", plan.n_args_lost, 2);
	expect_num("selectors", plan.n_sel, 1);
}

/* Rebuilt from its kept parameters, a plan is the same plan. */
static void test_plan_rebuilt_from_args(void **state)
{
	static struct vmr_plan again;
	char a[VMR_MAX_ARGS][VMR_ARG_LEN];
	size_t n;

	(void)state;
	parse("rd.vmreserve.pci=06:00,zz rd.vmreserve.hugepages=0:1G "
	      "\"rd.vmreserve.hugepages=0:2G\" rd.vmreserve.keep=5%");
	n = plan.n_args;
	for (size_t i = 0; i < n; i++)
		memcpy(a[i], plan.arg[i].text, VMR_ARG_LEN);
	vmr_plan_init(&again);
	for (size_t i = 0; i < n; i++)
		vmr_plan_add(&again, a[i], VMR_SRC_PROC);
	expect_str("plan", summary(&again), summary(&plan));
	expect_num("diags", again.n_diag, plan.n_diag);
	for (size_t i = 0; i < plan.n_diag; i++)
		expect_str("diag", again.diag[i].msg, plan.diag[i].msg);
}

/* rd.vmreserve: one vocabulary, any case; anything else is an error. */
static void test_switch_words(void **state)
{
	static const char *const off[] = { "0", "no", "off", "false", "FALSE",
					   "Off" };
	static const char *const on[] = { "1", "yes", "on", "true", "TRUE" };
	char line[64];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(off); i++) {
		snprintf(line, sizeof(line), "rd.vmreserve=%s", off[i]);
		parse(line);
		assert_true(plan.disabled);
		snprintf(line, sizeof(line), "rd.vmreserve=%s rd.vmreserve=%s",
			 off[i], on[i % ARRAY_SIZE(on)]);
		parse(line);
		assert_false(plan.disabled);
	}
	parse("rd.vmreserve=offf");
	assert_false(plan.disabled);
	expect_str("diag", plan.diag[0].msg, "rd.vmreserve: 'offf': bad value "
		   "(want 0|no|off|false or 1|yes|on|true)");
	parse("rd.vmreserve=n");
	expect_num("errors", plan.n_errors, 1);
}

/* A text cut by its buffer keeps whole parameters only. */
static void test_cut(void **state)
{
	(void)state;
	expect_num("cut", vmr_cmdline_cut("a=1 rd.vmreserve.keep=1"), 4);
	expect_num("cut", vmr_cmdline_cut("a=1\nb"), 4);
	expect_num("none", vmr_cmdline_cut("rd.vmreserve.keep=1"), 0);
	expect_num("empty", vmr_cmdline_cut(""), 0);
	expect_str("path", vmr_src_path(VMR_SRC_CMDLINE_D), "/etc/cmdline.d");
	expect_str("path", vmr_src_path(VMR_SRC_RUN_D),
		   "/run/initramfs/cmdline.d");
	assert_null(vmr_src_path(VMR_SRC_COUNT));
}

/* ---------------------------------------------------------- config file */

#define CF "/etc/vmreserve.conf:"
#define KNOWN ": unknown key, ignored (known: pci, hugepages, keep)"

/*
 * /etc/vmreserve.conf: the command line's keys without the prefix, the
 * command line's syntax, '#' comments; the plan and every diagnostic
 * (each naming FILE:LINE and the key as written), in order.
 */
static const struct conf_case {
	const char *text;
	const char *plan;
	const char *diag[4];
} conf_cases[] = {
	/* the README's example, one key a line */
	{ "pci=06:00@10de:1c81\nhugepages=0:12G,1:0\nkeep=2G\n",
	  "sel=[S@ 10de:1c81 0:06:00.0 '0000:06:00@10de:1c81'] "
	  "hp=[0:12884901888b@2048 '0:12G'; 1:0p@2048 '1:0'] "
	  "keep=B2147483648 off=0 any=1", { NULL } },
	/* comments, blank lines, blanks at both ends, no newline at the end */
	{ "# GPU for the VM\n\n  \t \n  pci=06:00   # and its audio\n"
	  "#keep=1G\nhugepages=1:512",
	  "sel=[S 0000:0000 0:06:00.0 '0000:06:00'] "
	  "hp=[1:512p@2048 '1:512'] keep=D off=0 any=1", { NULL } },
	/* Windows line ends: \r is a blank */
	{ "keep=1G\r\nkeep=1X\r\n",
	  "sel=[] hp=[] keep=B1073741824 off=0 any=1",
	  { CF "2: keep: '1X': unknown size suffix 'X'" } },
	/* a '#' inside a value is no comment: the pin's typo is an error */
	{ "pci=06:00#10de:1c81\n",
	  "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: pci: '06:00#10de:1c81': bad domain '06' "
	    "(want 4-8 hex digits)" } },
	{ "keep=5%#x\n", "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: keep: '5%#x': unknown size suffix '%#x'" } },
	/* a line copied from a command line, the switch included */
	{ "rd.vmreserve.keep=1G\nrd.vmreserve=0\n",
	  "sel=[] hp=[] keep=B1073741824 off=1 any=1", { NULL } },
	/* every key is ours: unknown ones named with their line */
	{ "foo=1\n\nPCI=06:00\nquiet\n", "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: foo" KNOWN, CF "3: PCI" KNOWN, CF "4: quiet" KNOWN } },
	{ "pci\nkeep=\n", "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: pci: missing value", CF "2: keep: empty value" } },
	/* no blanks around '=': three parameters, each named */
	{ "keep = 2G\n", "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: keep: missing value", CF "1: =" KNOWN,
	    CF "1: 2G" KNOWN } },
	/* several on a line, as on the command line */
	{ "pci=06:00 hugepages=0:1G\nkeep=10%",
	  "sel=[S 0000:0000 0:06:00.0 '0000:06:00'] "
	  "hp=[0:1073741824b@2048 '0:1G'] keep=P10 off=0 any=1", { NULL } },
	/* a quote left open runs to the end, as on the command line; a line
	   after a quoted newline is counted */
	{ "keep=\"1G\npci=06:00\n", "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: keep: '1G?pci=06:00?': unknown size suffix "
	    "'G?pci=06:00?'" } },
	{ "pci=\"06:00\n\"\nkeep=1X", "sel=[] hp=[] keep=D off=0 any=1",
	  { CF "1: pci: '06:00?': bad slot '00?' (want 2 hex digits)",
	    CF "3: keep: '1X': unknown size suffix 'X'" } },
	/* a lone '#', and '#' right after a value's blank */
	{ "#\npci=06:00\t#x\n", "sel=[S 0000:0000 0:06:00.0 '0000:06:00'] "
	  "hp=[] keep=D off=0 any=1", { NULL } },
	{ "", "sel=[] hp=[] keep=D off=0 any=0", { NULL } },
	{ "# nothing\n\n", "sel=[] hp=[] keep=D off=0 any=0", { NULL } },
};

static void test_conf_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(conf_cases); i++) {
		const struct conf_case *c = &conf_cases[i];
		size_t n = 0, rc;
		char what[120];

		snprintf(what, sizeof(what), "conf[%zu] %.80s", i, c->text);
		vmr_plan_init(&plan);
		rc = vmr_plan_add_conf(&plan, c->text, 1);
		expect_num(what, rc, plan.n_errors);
		check_diag_bounds(&plan);
		expect_str(what, summary(&plan), c->plan);
		while (n < ARRAY_SIZE(c->diag) && c->diag[n])
			n++;
		expect_num(what, plan.n_diag, n);
		expect_num(what, plan.n_errors, n);
		for (size_t j = 0; j < n && j < plan.n_diag; j++)
			expect_str(what, plan.diag[j].msg, c->diag[j]);
	}
}

/* Lines counted from first_line: the status tool's re-parse of one. */
static void test_conf_first_line(void **state)
{
	(void)state;
	vmr_plan_init(&plan);
	vmr_plan_add_conf(&plan, "keep=1X", 17);
	expect_num("diags", plan.n_diag, 1);
	expect_str("diag", plan.diag[0].msg,
		   CF "17: keep: '1X': unknown size suffix 'X'");
	expect_num("line", plan.arg[0].line, 17);
}

/*
 * The file is read first, then the command line: lists add up, the
 * command line's scalar wins, rd.vmreserve=0 there turns all off; each
 * item knows where it was asked (the first selector, the last hugepage
 * entry for its node and size, the last keep).
 */
static void test_conf_then_cmdline(void **state)
{
	char buf[VMR_FROM_LEN];

	(void)state;
	vmr_plan_init(&plan);
	vmr_plan_add_conf(&plan, "# host\npci=06:00\nhugepages=0:1G,1:256\n"
			  "keep=10%\n", 1);
	vmr_plan_add(&plan, "ro rd.vmreserve.keep=20% rd.vmreserve.pci=06:00 "
		     "rd.vmreserve.hugepages=1:512", VMR_SRC_PROC);
	expect_str("plan", summary(&plan),
		   "sel=[S 0000:0000 0:06:00.0 '0000:06:00'] "
		   "hp=[0:1073741824b@2048 '0:1G'; 1:512p@2048 '1:512'] "
		   "keep=P20 off=0 any=1");
	expect_str("sel", vmr_from_text(plan.sel[0].from, buf), CF "2");
	expect_str("hp 0", vmr_from_text(plan.hp[0].from, buf), CF "3");
	expect_str("hp 1", vmr_from_text(plan.hp[1].from, buf),
		   "/proc/cmdline");
	expect_str("keep", vmr_from_text(plan.keep_from, buf),
		   "/proc/cmdline");
	expect_num("args", plan.n_args, 6);
	expect_str("arg 0", plan.arg[0].text, "pci=06:00");
	expect_str("arg 0 from", vmr_from_text(plan.arg[0].from, buf), CF "2");
	expect_str("arg 2", plan.arg[2].text, "keep=10%");
	expect_str("arg 2 from", vmr_from_text(plan.arg[2].from, buf), CF "4");
	expect_str("arg 3 from", vmr_from_text(plan.arg[3].from, buf),
		   "/proc/cmdline");
	/* the duplicate selector is a warning, and the file's stays first */
	expect_num("diags", plan.n_diag, 2);
	expect_num("errors", plan.n_errors, 0);
	vmr_plan_add(&plan, "rd.vmreserve=0", VMR_SRC_PROC);
	assert_true(plan.disabled);
	/* the default keep has no source */
	vmr_plan_init(&plan);
	vmr_plan_add_conf(&plan, "pci=06:00", 1);
	expect_str("default keep", vmr_from_text(plan.keep_from, buf), "");
}

/* Rebuilt from its kept parameters and their sources: the same plan. */
static void test_conf_rebuilt_from_args(void **state)
{
	static struct vmr_plan again;
	static struct vmr_arg a[VMR_MAX_ARGS];
	char buf[VMR_FROM_LEN];
	size_t n;

	(void)state;
	vmr_plan_init(&plan);
	vmr_plan_add_conf(&plan, "pci=06:00,zz\n\n\"hugepages=0:1G\"\n"
			  "bogus=1 keep=5%\n", 1);
	vmr_plan_add(&plan, "rd.vmreserve.hugepages=0:2G", VMR_SRC_PROC);
	n = plan.n_args;
	memcpy(a, plan.arg, sizeof(a));
	vmr_plan_init(&again);
	for (size_t i = 0; i < n; i++) {
		struct vmr_from from = { VMR_SRC_COUNT, 0 };

		assert_true(vmr_from_parse(vmr_from_text(a[i].from, buf),
					   &from));
		if (from.src == VMR_SRC_CONF)
			vmr_plan_add_conf(&again, a[i].text, from.line);
		else
			vmr_plan_add(&again, a[i].text, from.src);
	}
	expect_str("plan", summary(&again), summary(&plan));
	expect_num("diags", again.n_diag, plan.n_diag);
	for (size_t i = 0; i < plan.n_diag; i++)
		expect_str("diag", again.diag[i].msg, plan.diag[i].msg);
	expect_str("diag 0", plan.diag[0].msg,
		   CF "1: pci: 'zz': missing ':' " PW);
	expect_str("diag 1", plan.diag[1].msg, CF "4: bogus" KNOWN);
}

/* Recorded sources back: only what the writer writes. */
static void test_from_parse(void **state)
{
	static const struct {
		const char *text;
		bool ok;
		enum vmr_src src;
		unsigned line;
	} t[] = {
		{ "/proc/cmdline", true, VMR_SRC_PROC, 0 },
		{ "/etc/cmdline", true, VMR_SRC_ETC_CMDLINE, 0 },
		{ "/etc/cmdline.d", true, VMR_SRC_CMDLINE_D, 0 },
		{ "/run/initramfs/cmdline.d", true, VMR_SRC_RUN_D, 0 },
		{ "/etc/vmreserve.conf:1", true, VMR_SRC_CONF, 1 },
		{ "/etc/vmreserve.conf:4294967295", true, VMR_SRC_CONF,
		  4294967295u },
		{ "/etc/vmreserve.conf", false, 0, 0 },
		{ "/etc/vmreserve.conf:0", false, 0, 0 },
		{ "/etc/vmreserve.conf:4294967296", false, 0, 0 },
		{ "/etc/vmreserve.conf:1x", false, 0, 0 },
		{ "/etc/vmreserve.conf:", false, 0, 0 },
		{ "/proc/cmdline:3", false, 0, 0 },
		{ "/proc/cmdlinex", false, 0, 0 },
		{ "", false, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct vmr_from f = { VMR_SRC_COUNT, 99 };

		expect_num(t[i].text, vmr_from_parse(t[i].text, &f), t[i].ok);
		if (!t[i].ok)
			continue;
		expect_num(t[i].text, f.src, t[i].src);
		expect_num(t[i].text, f.line, t[i].line);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_table),
		cmocka_unit_test(test_bad_table),
		cmocka_unit_test(test_good_beside_bad),
		cmocka_unit_test(test_lists_accumulate),
		cmocka_unit_test(test_pci_duplicate),
		cmocka_unit_test(test_pci_duplicate_pinned),
		cmocka_unit_test(test_pci_duplicate_when_full),
		cmocka_unit_test(test_hp_replace),
		cmocka_unit_test(test_hp_replace_when_full),
		cmocka_unit_test(test_scalars_last_wins),
		cmocka_unit_test(test_key_eq),
		cmocka_unit_test(test_keys_case_and_namespace),
		cmocka_unit_test(test_unknown_long_key),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_hex_case_and_domain),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_keep_bytes),
		cmocka_unit_test(test_foreach_split),
		cmocka_unit_test(test_foreach_stops),
		cmocka_unit_test(test_foreach_truncation),
		cmocka_unit_test(test_parse_truncation_boundary),
		cmocka_unit_test(test_diag_overflow),
		cmocka_unit_test(test_diag_length),
		cmocka_unit_test(test_any_key_and_return),
		cmocka_unit_test(test_plan_sources_accumulate),
		cmocka_unit_test(test_plan_keeps_args),
		cmocka_unit_test(test_plan_rebuilt_from_args),
		cmocka_unit_test(test_switch_words),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_conf_table),
		cmocka_unit_test(test_conf_first_line),
		cmocka_unit_test(test_conf_then_cmdline),
		cmocka_unit_test(test_conf_rebuilt_from_args),
		cmocka_unit_test(test_from_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
