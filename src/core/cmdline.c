/* SPDX-License-Identifier: MIT */
/*
 * rd.vmreserve.* command-line parser. See cmdline.h for the contract.
 *
 * Everything works on spans (pointer + length) into the caller's bytes, so
 * entries of a comma list are parsed in place without copies or a heap.
 * Diagnostics have one shape: "KEY: 'TOKEN': why", where TOKEN is the entry
 * as written (shortened, non-printable bytes shown as '?').
 */
#include "cmdline.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* One parameter (key or value) copy; the kernel's own limit is 2-4 KiB. */
#define PARAM_MAX 4096
/* Fragments quoted inside a reason; keeps a full line under VMR_DIAG_LEN. */
#define PART_SHOWN 32

#define KEY_MAIN "rd.vmreserve"
#define PCI_WANT "(want VVVV:DDDD or [DDDD:]BB:SS[.F])"
#define PIN_WANT "(want [DDDD:]BB:SS[.F]@VVVV:DDDD)"
#define HP_WANT "(want NODE:AMOUNT[:PAGESIZE])"
#define UNIT_WANT "(K, M, G or T)"

struct span {
	const char *s;
	size_t n;
};

static struct span span_of(const char *s)
{
	return (struct span){ s, strlen(s) };
}

/* ---------------------------------------------------------------- chars */

/* Kernel _ctype spaces (lib/ctype.c): \t \n \v \f \r, ' ' and Latin-1 NBSP. */
static bool is_space(char c)
{
	unsigned char u = (unsigned char)c;

	return u == ' ' || (u >= '\t' && u <= '\r') || u == 0xa0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_val(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool span_ieq(struct span t, const char *word)
{
	size_t i;

	for (i = 0; i < t.n && word[i]; i++)
		if (lower(t.s[i]) != word[i])
			return false;
	return i == t.n && !word[i];
}

/*
 * Copy user input for a message: at most outsz - 1 chars, the tail replaced
 * by "..." when it does not fit, and anything outside printable ASCII shown
 * as '?' so a quoted newline or escape cannot forge a log line.
 */
static const char *shorten(char *out, size_t outsz, struct span t)
{
	size_t max = outsz - 1, n = t.n <= max ? t.n : max - 3, i;

	for (i = 0; i < n; i++) {
		unsigned char u = (unsigned char)t.s[i];

		out[i] = vmr_ascii_shown(u) ? (char)u : '?';
	}
	if (n < t.n)
		memcpy(out + n, "...", 3), n += 3;
	out[n] = '\0';
	return out;
}

/* ---------------------------------------------------------- diagnostics */

__attribute__((format(printf, 3, 4)))
static void diag(struct vmr_plan *p, enum vmr_diag_level lvl,
		 const char *fmt, ...)
{
	struct vmr_diag *d;
	va_list ap;

	if (lvl == VMR_DIAG_ERROR)
		p->n_errors++;
	if (p->n_diag >= VMR_MAX_DIAG) {
		p->n_diag_lost++;
		return;
	}
	d = &p->diag[p->n_diag++];
	d->level = lvl;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap); /* truncates, always NUL */
	va_end(ap);
}

/* "KEY: 'TOKEN': why" at the given level. */
static void entry_diag(struct vmr_plan *p, enum vmr_diag_level lvl,
		       const char *key, struct span tok, const char *why)
{
	char shown[VMR_TOKEN_SHOWN + 1];

	diag(p, lvl, "%s: '%s': %s", key,
	     shorten(shown, sizeof(shown), tok), why);
}

static void entry_err(struct vmr_plan *p, const char *key, struct span tok,
		      const char *why)
{
	entry_diag(p, VMR_DIAG_ERROR, key, tok, why);
}

/* Build a reason into buf; returns -EINVAL so parsers can `return why(...)`. */
__attribute__((format(printf, 3, 4)))
static int why(char *buf, size_t sz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sz, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* -------------------------------------------------------------- numbers */

/* Plain decimal, digits only (no sign, no spaces, unlike strtoull). */
static int parse_dec(struct span t, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (t.n == 0)
		return -EINVAL;
	for (i = 0; i < t.n; i++) {
		unsigned d = (unsigned)(t.s[i] - '0');

		if (!is_digit(t.s[i]))
			return -EINVAL;
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* Exactly min..max hex digits, either case. */
static bool parse_hex(struct span t, size_t min, size_t max, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (t.n < min || t.n > max)
		return false;
	for (i = 0; i < t.n; i++) {
		int h = hex_val(t.s[i]);

		if (h < 0)
			return false;
		v = v << 4 | (uint32_t)h;
	}
	*out = v;
	return true;
}

static unsigned unit_shift(char c)
{
	switch (c) {
	case 'k': case 'K': return 10;
	case 'm': case 'M': return 20;
	case 'g': case 'G': return 30;
	case 't': case 'T': return 40;
	default: return 0;
	}
}

/*
 * Digits, then at most one unit letter. *ndig gets the digit count so callers
 * can quote the suffix. Syntax errors win over overflow: the message should
 * name the typo, not a consequence of it.
 */
static int parse_size_span(struct span t, uint64_t *out, char *bad,
			   bool *has_unit, size_t *ndig)
{
	uint64_t v = 0;
	unsigned shift = 0;
	bool big = false;
	size_t i;

	*bad = '\0';
	*has_unit = false;
	for (i = 0; i < t.n && is_digit(t.s[i]); i++) {
		unsigned d = (unsigned)(t.s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			big = true;
		else
			v = v * 10 + d;
	}
	*ndig = i;
	if (i == 0)
		return -EINVAL; /* number missing: *bad stays NUL */
	if (i < t.n) {
		shift = unit_shift(t.s[i]);
		*bad = t.s[i];
		if (!shift)
			return -EINVAL;
		*has_unit = true;
		*bad = i + 1 < t.n ? t.s[i + 1] : '\0';
		if (*bad)
			return -EINVAL;
	}
	if (big || v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

int vmr_parse_size(const char *s, uint64_t *bytes, char *bad)
{
	char b;
	bool unit;
	size_t ndig;
	uint64_t v;
	int rc;

	if (!s)
		return -EINVAL;
	rc = parse_size_span(span_of(s), &v, &b, &unit, &ndig);
	if (bad)
		*bad = b;
	if (rc == 0 && bytes)
		*bytes = v;
	return rc;
}

/*
 * Parse a size field and explain a failure: one reason per malformed field.
 * what names the field, hint says what a good one looks like.
 */
static int size_field(struct span t, const char *what, const char *hint,
		      uint64_t *out, bool *has_unit, char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1], bad;
	size_t ndig;
	int rc;

	if (t.n == 0)
		return why(buf, sz, "missing %s", what);
	rc = parse_size_span(t, out, &bad, has_unit, &ndig);
	if (rc == -ERANGE)
		return why(buf, sz, "number too large");
	if (rc && ndig == 0)
		return why(buf, sz, "bad %s '%s' (want %s)", what,
			   shorten(shown, sizeof(shown), t), hint);
	if (rc) {
		struct span rest = { t.s + ndig, t.n - ndig };

		return why(buf, sz, "unknown size suffix '%s'",
			   shorten(shown, sizeof(shown), rest));
	}
	return 0;
}

/* ---------------------------------------------------------------- lists */

/* Split t at sep into at most max parts; returns the real count of parts. */
static size_t split(struct span t, char sep, struct span *part, size_t max)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= t.n; i++) {
		if (i < t.n && t.s[i] != sep)
			continue;
		if (n < max)
			part[n] = (struct span){ t.s + start, i - start };
		n++;
		start = i + 1;
	}
	return n;
}

/* ------------------------------------------------------------------ pci */

static int parse_id(const struct span *part, struct vmr_pci_sel *sel,
		    char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1];
	uint32_t v, d;

	if (!parse_hex(part[0], 4, 4, &v))
		return why(buf, sz, "bad vendor id '%s' (want 4 hex digits)",
			   shorten(shown, sizeof(shown), part[0]));
	if (!parse_hex(part[1], 4, 4, &d))
		return why(buf, sz, "bad device id '%s' (want 4 hex digits)",
			   shorten(shown, sizeof(shown), part[1]));
	if (v == 0xffff) /* what config space reads when nothing answers */
		return why(buf, sz, "vendor id ffff is invalid");
	sel->kind = VMR_SEL_ID;
	sel->vendor = (uint16_t)v;
	sel->device = (uint16_t)d;
	snprintf(sel->text, sizeof(sel->text), "%04x:%04x",
		 (unsigned)v, (unsigned)d);
	return 0;
}

/* SS or SS.F: the part after the bus. */
static int parse_slot_func(struct span t, struct vmr_pci_sel *sel,
			   char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1];
	const char *dot = memchr(t.s, '.', t.n);
	struct span slot = { t.s, dot ? (size_t)(dot - t.s) : t.n };
	uint32_t v;

	if (!parse_hex(slot, 2, 2, &v))
		return why(buf, sz, "bad slot '%s' (want 2 hex digits)",
			   shorten(shown, sizeof(shown), slot));
	if (v > 0x1f)
		return why(buf, sz, "slot %02x out of range (00-1f)",
			   (unsigned)v);
	sel->slot = (uint8_t)v;
	sel->kind = VMR_SEL_SLOT;
	if (!dot)
		return 0;
	slot = (struct span){ dot + 1, t.n - slot.n - 1 };
	if (slot.n != 1 || slot.s[0] < '0' || slot.s[0] > '7')
		return why(buf, sz, "bad function '%s' (want 0-7)",
			   shorten(shown, sizeof(shown), slot));
	sel->func = (uint8_t)(slot.s[0] - '0');
	sel->kind = VMR_SEL_FUNC;
	return 0;
}

/* [DDDD:]BB:SS[.F]; n is 2 or 3 parts. */
static int parse_bdf(const struct span *part, size_t n,
		     struct vmr_pci_sel *sel, char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1];
	uint32_t v = 0;
	int rc;

	if (n == 3 && !parse_hex(part[0], 4, 8, &v))
		return why(buf, sz, "bad domain '%s' (want 4-8 hex digits)",
			   shorten(shown, sizeof(shown), part[0]));
	sel->domain = v;
	if (!parse_hex(part[n - 2], 2, 2, &v))
		return why(buf, sz, "bad bus '%s' (want 2 hex digits)",
			   shorten(shown, sizeof(shown), part[n - 2]));
	sel->bus = (uint8_t)v;
	rc = parse_slot_func(part[n - 1], sel, buf, sz);
	if (rc)
		return rc;
	/* the kernel's device name; a slot drops the ".0" */
	rc = snprintf(sel->text, sizeof(sel->text), "%04x:%02x:%02x.%u",
		      (unsigned)sel->domain, sel->bus, sel->slot,
		      (unsigned)sel->func);
	if (sel->kind == VMR_SEL_SLOT)
		sel->text[rc - 2] = '\0';
	return 0;
}

/*
 * Two parts without a '.' are an id when either side has four characters
 * (a bus or slot has two), so "10de:1c8" gets an id message, "6:00" a bus one.
 */
static int parse_plain(struct span t, struct vmr_pci_sel *sel,
		       char *buf, size_t sz)
{
	struct span part[3];
	size_t n = split(t, ':', part, 3);

	if (n == 1)
		return why(buf, sz, "missing ':' " PCI_WANT);
	if (n > 3)
		return why(buf, sz, "too many ':' " PCI_WANT);
	if (n == 2 && !memchr(t.s, '.', t.n) &&
	    (part[0].n == 4 || part[1].n == 4))
		return parse_id(part, sel, buf, sz);
	return parse_bdf(part, n, sel, buf, sz);
}

/* "bad pin 'X' (want VVVV:DDDD)": what follows '@' is not an id. */
static int bad_pin(struct span t, char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1];

	return why(buf, sz, "bad pin '%s' (want VVVV:DDDD)",
		   shorten(shown, sizeof(shown), t));
}

/*
 * VVVV:DDDD, or an address, optionally pinned: ADDR@VVVV:DDDD. The pin is
 * checked for its shape, then read as an id selector of its own.
 */
static int parse_sel(struct span t, struct vmr_pci_sel *sel,
		     char *buf, size_t sz)
{
	const char *at = memchr(t.s, '@', t.n), *bad = NULL;
	struct span addr = { t.s, at ? (size_t)(at - t.s) : t.n }, rest;
	struct vmr_pci_sel pin;
	size_t len;
	bool ok;
	int rc;

	memset(sel, 0, sizeof(*sel));
	if (at && !addr.n) {
		bad = "missing address before '@'";
	} else {
		rc = parse_plain(addr, sel, buf, sz);
		if (rc || !at)
			return rc;
		/* an id already names the hardware: nothing to pin */
		if (sel->kind == VMR_SEL_ID)
			bad = "an id cannot be pinned";
	}
	if (bad)
		return why(buf, sz, "%s " PIN_WANT, bad);
	rest = (struct span){ at + 1, t.n - addr.n - 1 };
	ok = rest.n == 9;
	for (size_t i = 0; ok && i < rest.n; i++)
		ok = i == 4 ? rest.s[i] == ':' : hex_val(rest.s[i]) >= 0;
	if (!ok)
		return bad_pin(rest, buf, sz);
	/* VVVV:DDDD for sure: only "vendor id ffff is invalid" is left */
	rc = parse_plain(rest, &pin, buf, sz);
	if (rc)
		return rc;
	sel->pinned = true;
	sel->vendor = pin.vendor;
	sel->device = pin.device;
	len = strlen(sel->text);
	sel->text[len] = '@';
	memcpy(sel->text + len + 1, pin.text, sizeof("VVVV:DDDD"));
	return 0;
}

static void pci_entry(struct vmr_plan *p, const char *key, struct span t)
{
	char buf[VMR_DIAG_LEN];
	struct vmr_pci_sel sel;
	size_t i;

	if (parse_sel(t, &sel, buf, sizeof(buf))) {
		entry_err(p, key, t, buf);
		return;
	}
	sel.from = p->at;
	for (i = 0; i < p->n_sel; i++) {
		if (strcmp(p->sel[i].text, sel.text) == 0) {
			why(buf, sizeof(buf), "duplicate of %s, kept once",
			    sel.text);
			entry_diag(p, VMR_DIAG_WARNING, key, t, buf);
			return;
		}
	}
	if (p->n_sel == VMR_MAX_SEL) {
		why(buf, sizeof(buf), "too many selectors (max %d)",
		    VMR_MAX_SEL);
		entry_err(p, key, t, buf);
		return;
	}
	p->sel[p->n_sel++] = sel;
}

/* ------------------------------------------------------------ hugepages */

static int parse_node(struct span t, unsigned *node, char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1];
	uint64_t v;
	int rc;

	if (t.n == 0)
		return why(buf, sz, "missing node");
	rc = parse_dec(t, &v);
	if (rc == -ERANGE)
		return why(buf, sz, "number too large");
	if (rc)
		return why(buf, sz, "bad node '%s' (want 0-%d)",
			   shorten(shown, sizeof(shown), t), VMR_MAX_NODE);
	if (v > VMR_MAX_NODE)
		return why(buf, sz, "node %llu out of range (0-%d)",
			   (unsigned long long)v, VMR_MAX_NODE);
	*node = (unsigned)v;
	return 0;
}

static int parse_pagesize(struct span t, uint64_t *page_kb,
			  char *buf, size_t sz)
{
	char shown[PART_SHOWN + 1];
	uint64_t b;
	bool unit;
	int rc;

	rc = size_field(t, "page size", "e.g. 2M or 1G", &b, &unit, buf, sz);
	if (rc)
		return rc;
	if (!unit)
		return why(buf, sz, "page size needs a unit " UNIT_WANT);
	if (b == 0 || b % 4096)
		return why(buf, sz,
			   "bad page size '%s' (want a non-zero multiple of 4K)",
			   shorten(shown, sizeof(shown), t));
	*page_kb = b / 1024;
	return 0;
}

static int parse_hp(struct span t, struct vmr_hp_req *r, char *buf, size_t sz)
{
	struct span part[3];
	size_t n = split(t, ':', part, 3);
	int rc;

	memset(r, 0, sizeof(*r));
	r->page_kb = 2048;
	if (n == 1)
		return why(buf, sz, "missing ':AMOUNT' " HP_WANT);
	if (n > 3)
		return why(buf, sz, "too many ':' " HP_WANT);
	rc = parse_node(part[0], &r->node, buf, sz);
	if (!rc)
		rc = size_field(part[1], "amount",
				"a page count or a size like 512M",
				&r->amount, &r->is_size, buf, sz);
	if (!rc && n == 3)
		rc = parse_pagesize(part[2], &r->page_kb, buf, sz);
	if (!rc)
		shorten(r->text, sizeof(r->text), t);
	return rc;
}

static void hp_entry(struct vmr_plan *p, const char *key, struct span t)
{
	char buf[VMR_DIAG_LEN];
	struct vmr_hp_req r;
	size_t i;

	if (parse_hp(t, &r, buf, sizeof(buf))) {
		entry_err(p, key, t, buf);
		return;
	}
	r.from = p->at;
	for (i = 0; i < p->n_hp; i++) {
		struct vmr_hp_req *old = &p->hp[i];

		if (old->node != r.node || old->page_kb != r.page_kb)
			continue;
		diag(p, VMR_DIAG_WARNING,
		     "%s: '%s' replaces earlier '%s' (node %u, %lluK pages)",
		     key, r.text, old->text, r.node,
		     (unsigned long long)r.page_kb);
		*old = r;
		return;
	}
	if (p->n_hp == VMR_MAX_HP) {
		why(buf, sizeof(buf), "too many requests (max %d)", VMR_MAX_HP);
		entry_err(p, key, t, buf);
		return;
	}
	p->hp[p->n_hp++] = r;
}

/* ----------------------------------------------------------------- keys */

typedef void (*entry_fn)(struct vmr_plan *p, const char *key, struct span t);

/* List keys: every comma-separated entry stands or falls on its own. */
static void parse_list(struct vmr_plan *p, const char *key, const char *val,
		       entry_fn fn)
{
	struct span all = span_of(val), e;
	size_t start = 0, i;

	for (i = 0; i <= all.n; i++) {
		if (i < all.n && all.s[i] != ',')
			continue;
		e = (struct span){ all.s + start, i - start };
		if (e.n == 0) /* an empty token shows nothing: quote the value */
			entry_err(p, key, all, "empty entry");
		else
			fn(p, key, e);
		start = i + 1;
	}
}

static int parse_percent(struct span t, struct vmr_keep *k,
			 char *buf, size_t sz)
{
	struct span num = { t.s, t.n - 1 };
	char shown[PART_SHOWN + 1];
	uint64_t v;
	int rc = parse_dec(num, &v);

	if (rc == -ERANGE)
		return why(buf, sz, "number too large");
	if (rc)
		return why(buf, sz, "bad percent '%s' (want 0-100%%)",
			   shorten(shown, sizeof(shown), t));
	if (v > 100)
		return why(buf, sz, "percent %llu out of range (0-100)",
			   (unsigned long long)v);
	k->kind = VMR_KEEP_PERCENT;
	k->value = v;
	return 0;
}

/* SIZE (unit required, but "0" means keep nothing) or N%. */
static void parse_keep(struct vmr_plan *p, const char *key, const char *val)
{
	struct span t = span_of(val);
	char buf[VMR_DIAG_LEN];
	struct vmr_keep k = { VMR_KEEP_BYTES, 0 };
	bool unit = false;
	int rc;

	if (t.s[t.n - 1] == '%')
		rc = parse_percent(t, &k, buf, sizeof(buf));
	else
		rc = size_field(t, "size", "e.g. 2G or 5%", &k.value, &unit,
				buf, sizeof(buf));
	/* a bare number is most likely MiB or GiB meant: refuse to guess */
	if (!rc && k.kind == VMR_KEEP_BYTES && !unit && k.value != 0)
		rc = why(buf, sizeof(buf), "size needs a unit " UNIT_WANT);
	if (rc) {
		entry_err(p, key, t, buf);
		return;
	}
	p->keep = k;
	p->keep_from = p->at;
}

/*
 * The one vocabulary of rd.vmreserve (the dracut hook no longer reads it):
 * the off words, then the on words.
 */
static void parse_switch(struct vmr_plan *p, const char *key, const char *val)
{
	static const char words[] = "0\0no\0off\0false\0" "1\0yes\0on\0true";
	struct span t = span_of(val);
	const char *w = words;

	for (int i = 0; i < 8; i++, w += strlen(w) + 1) {
		if (span_ieq(t, w)) {
			p->disabled = i < 4;
			return;
		}
	}
	entry_err(p, key, t, "bad value (want 0|no|off|false or 1|yes|on|true)");
}

bool vmr_key_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

/*
 * The keys that keep a module from loading: modprobe.blacklist= and
 * dracut's rd.driver.blacklist= (modprobe -b honours both), the kernel's
 * module_blacklist=.
 */
static const char blacklist_keys[] =
	"modprobe.blacklist\0rd.driver.blacklist\0module_blacklist\0";

bool vmr_key_blacklists(const char *key)
{
	for (const char *k = blacklist_keys; *k; k += strlen(k) + 1)
		if (vmr_key_eq(key, k))
			return true;
	return false;
}

static bool is_dash(char c)
{
	return c == '-' || c == '_';
}

bool vmr_list_has_module(const char *list, const char *module)
{
	for (const char *p = list; p; p = strchr(p, ',')) {
		const char *w = module, *q = p += *p == ',';

		/* Module names: '-' and '_' are one. */
		while (*w && (*q == *w || (is_dash(*q) && is_dash(*w))))
			q++, w++;
		if (!*w && (!*q || *q == ','))
			return true;
	}
	return false;
}

struct blacklist_ctx {
	const char *module;
	char *key;
	size_t size;
};

static int find_blacklist(const char *key, const char *val, bool truncated,
			  void *ctx)
{
	struct blacklist_ctx *c = ctx;

	(void)truncated;
	if (!val || !vmr_key_blacklists(key) ||
	    !vmr_list_has_module(val, c->module))
		return 0;
	snprintf(c->key, c->size, "%s", key);
	return 1;
}

bool vmr_module_blacklisted(const char *cmdline, const char *module,
			    char *key, size_t size)
{
	struct blacklist_ctx c = { module, key, size };

	return vmr_cmdline_foreach(cmdline, find_blacklist, &c) == 1;
}

/* key starts with "rd.vmreserve" and then ends or goes on with '.'. */
static bool in_namespace(const char *key)
{
	size_t n = strlen(KEY_MAIN), i;

	for (i = 0; i < n; i++)
		if (key[i] != KEY_MAIN[i]) /* no '-' or '_' in the prefix */
			return false;
	return key[n] == '\0' || key[n] == '.';
}

static const struct {
	const char *key;
	entry_fn list; /* list key, or NULL for a scalar */
	void (*scalar)(struct vmr_plan *, const char *, const char *);
	bool bare_on; /* a bare key means "on" instead of a missing value */
} keys[] = {
	{ KEY_MAIN, NULL, parse_switch, true },
	{ KEY_MAIN ".pci", pci_entry, NULL, false },
	{ KEY_MAIN ".hugepages", hp_entry, NULL, false },
	{ KEY_MAIN ".keep", NULL, parse_keep, false },
};

static void unknown_key(struct vmr_plan *p, const char *key)
{
	char shown[VMR_TOKEN_SHOWN + 1];

	/* An error, not a warning: a misspelt key reserves nothing. */
	diag(p, VMR_DIAG_ERROR,
	     "%s: unknown key, ignored (known: pci, hugepages, keep)",
	     shorten(shown, sizeof(shown), span_of(key)));
}

/* What vmr_plan_add passes through the walk to on_param. */
struct adder {
	struct vmr_plan *p;
	struct span raw; /* the current parameter as written */
};

static void keep_arg(struct vmr_plan *p, struct span raw)
{
	struct vmr_arg *a = &p->arg[p->n_args];

	if (p->n_args == VMR_MAX_ARGS || raw.n >= sizeof(a->text)) {
		p->n_args_lost++;
		return;
	}
	a->from = p->at;
	memcpy(a->text, raw.s, raw.n);
	a->text[raw.n] = '\0';
	p->n_args++;
}

/*
 * One parameter. On the command line only keys in our namespace are ours;
 * in the config file (p->at.line set) every one is, with the prefix
 * implied (a key copied from a command line has it already), and messages
 * name it "/etc/vmreserve.conf:LINE: KEY" instead of the canonical key.
 */
static int on_param(const char *key, const char *val, bool truncated,
		    void *ctx)
{
	static const char prefix[] = KEY_MAIN ".";
	char full[sizeof(prefix) - 1 + PARAM_MAX], name[VMR_TOKEN_SHOWN + 32];
	struct adder *ad = ctx;
	struct vmr_plan *p = ad->p;
	const char *shown_as = NULL;
	size_t i;

	if (p->at.line) {
		snprintf(name, sizeof(name), "%s:%u: %s",
			 vmr_src_path(VMR_SRC_CONF), p->at.line, key);
		shown_as = name;
		if (!in_namespace(key))
			key = strcat(strcpy(full, prefix), key);
	} else if (!in_namespace(key)) {
		return 0; /* someone else's parameter */
	}
	p->any_key = true;
	keep_arg(p, ad->raw);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (vmr_key_eq(key, keys[i].key))
			break;
	if (i == sizeof(keys) / sizeof(keys[0])) {
		unknown_key(p, shown_as ? shown_as : key);
		return 0;
	}
	if (!shown_as)
		shown_as = keys[i].key;
	if (truncated)
		entry_err(p, shown_as, span_of(val ? val : ""),
			  "value longer than 4095 bytes, ignored");
	else if (!val && keys[i].bare_on)
		p->disabled = false;
	else if (!val)
		diag(p, VMR_DIAG_ERROR, "%s: missing value", shown_as);
	else if (!*val)
		diag(p, VMR_DIAG_ERROR, "%s: empty value", shown_as);
	else if (keys[i].list)
		parse_list(p, shown_as, val, keys[i].list);
	else
		keys[i].scalar(p, shown_as, val);
	return 0;
}

/* ------------------------------------------------------------ splitting */

struct arg {
	struct span key, val;
	struct span raw; /* the whole parameter, quotes included */
	bool has_val;
};

/*
 * One parameter, as lib/cmdline.c next_arg() cuts it: a leading quote starts
 * a quoted region, quotes toggle it, unquoted whitespace ends the parameter
 * (an unterminated quote runs to the end of the line). The first '=' (not at
 * position 0, as in the kernel) splits key and value. A closing quote is
 * dropped when the value or the whole parameter opened with one.
 * Returns where the next parameter starts.
 */
static const char *next_arg(const char *p, struct arg *a)
{
	bool in_quote = false, quoted = false, val_quoted;
	size_t i, equals = 0, end, vstart;
	const char *start = p;

	if (*p == '"') {
		p++;
		in_quote = quoted = true;
	}
	for (i = 0; p[i]; i++) {
		if (is_space(p[i]) && !in_quote)
			break;
		if (!equals && p[i] == '=')
			equals = i;
		if (p[i] == '"')
			in_quote = !in_quote;
	}
	a->has_val = equals != 0;
	vstart = equals + 1;
	val_quoted = a->has_val && p[vstart] == '"';
	vstart += val_quoted;
	end = i;
	if ((quoted || val_quoted) && i > 0 && p[i - 1] == '"')
		end = i - 1;
	a->key = (struct span){ p, a->has_val ? equals : end };
	a->val = (struct span){ p + vstart, end > vstart ? end - vstart : 0 };
	a->raw = (struct span){ start, (size_t)(p + i - start) };
	p += i;
	if (*p)
		p++;
	while (is_space(*p))
		p++;
	return p;
}

/* Copy into a PARAM_MAX buffer; true when it did not fit. */
static bool copy_param(char *dst, struct span t)
{
	size_t n = t.n < PARAM_MAX ? t.n : PARAM_MAX - 1;

	memcpy(dst, t.s, n);
	dst[n] = '\0';
	return n < t.n;
}

/*
 * The splitting loop; *raw follows the parameter being passed to fn.
 * With line (the config file): a parameter that starts with '#' starts a
 * comment to the end of the line, and *line counts the newlines before
 * each parameter.
 */
static int walk(const char *cmdline, vmr_param_fn fn, void *ctx,
		struct span *raw, unsigned *line)
{
	char key[PARAM_MAX], val[PARAM_MAX];
	const char *p = cmdline, *seen = p;
	struct arg a;
	bool trunc;
	int rc;

	if (!p || !fn)
		return 0;
	while (is_space(*p))
		p++;
	while (*p) {
		if (line && *p == '#') {
			while (*p && *p != '\n')
				p++;
			while (is_space(*p))
				p++;
			continue;
		}
		p = next_arg(p, &a);
		*raw = a.raw;
		for (; line && seen < a.raw.s; seen++)
			*line += *seen == '\n';
		trunc = copy_param(key, a.key);
		trunc |= a.has_val && copy_param(val, a.val);
		rc = fn(key, a.has_val ? val : NULL, trunc, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

int vmr_cmdline_foreach(const char *cmdline, vmr_param_fn fn, void *ctx)
{
	struct span raw;

	return walk(cmdline, fn, ctx, &raw, NULL);
}

void vmr_plan_init(struct vmr_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	plan->keep.kind = VMR_KEEP_DEFAULT;
	plan->keep_from.src = VMR_SRC_COUNT;
}

size_t vmr_plan_add(struct vmr_plan *plan, const char *text, enum vmr_src src)
{
	struct adder ad = { plan, { NULL, 0 } };

	plan->at = (struct vmr_from){ src, 0 };
	walk(text, on_param, &ad, &ad.raw, NULL);
	return plan->n_errors;
}

size_t vmr_plan_add_conf(struct vmr_plan *plan, const char *text,
			 unsigned first_line)
{
	struct adder ad = { plan, { NULL, 0 } };

	plan->at = (struct vmr_from){ VMR_SRC_CONF, first_line };
	walk(text, on_param, &ad, &ad.raw, &plan->at.line);
	return plan->n_errors;
}

size_t vmr_plan_add_conf_file(struct vmr_plan *plan, const char *text)
{
	/* an editor's UTF-8 byte-order mark: not part of the first key */
	if (text && strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	return vmr_plan_add_conf(plan, text, 1);
}

size_t vmr_cmdline_parse(const char *cmdline, struct vmr_plan *plan)
{
	vmr_plan_init(plan);
	return vmr_plan_add(plan, cmdline, VMR_SRC_PROC);
}

const char *vmr_src_path(enum vmr_src src)
{
	static const char path[] = "/etc/cmdline.d\0/etc/cmdline\0"
		"/proc/cmdline\0/run/initramfs/cmdline.d\0/etc/vmreserve.conf";
	const char *p = path;

	if ((unsigned)src >= VMR_SRC_COUNT)
		return NULL;
	while (src--)
		p += strlen(p) + 1;
	return p;
}

const char *vmr_from_text(struct vmr_from from, char buf[VMR_FROM_LEN])
{
	const char *path = vmr_src_path(from.src);

	if (!path)
		return "";
	if (!from.line)
		return path;
	snprintf(buf, VMR_FROM_LEN, "%s:%u", path, from.line);
	return buf;
}

bool vmr_from_parse(const char *text, struct vmr_from *from)
{
	for (int s = 0; s < VMR_SRC_COUNT; s++) {
		const char *path = vmr_src_path((enum vmr_src)s);
		size_t n = strlen(path);
		uint64_t line = 0;

		if (strncmp(text, path, n) != 0)
			continue;
		/* a line of the config file, numbered from 1; nothing else */
		if (s == VMR_SRC_CONF ? text[n] != ':' ||
		    parse_dec(span_of(text + n + 1), &line) || line == 0 ||
		    line > UINT32_MAX : text[n] != '\0')
			continue;
		from->src = (enum vmr_src)s;
		from->line = (unsigned)line;
		return true;
	}
	return false;
}

size_t vmr_cmdline_cut(const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && !is_space(text[n - 1]))
		n--;
	return n;
}

/* ----------------------------------------------------------------- keep */

/*
 * Default: min(2 GiB, a quarter of the node). Field reports show big hosts
 * need about 2 GiB free per node for udev, firmware loading and the initramfs
 * itself; on small nodes 2 GiB would be most of the memory, so keep a quarter.
 */
uint64_t vmr_keep_bytes(const struct vmr_keep *keep, uint64_t node_total)
{
	const uint64_t two_gib = 2ULL << 30;
	uint64_t pct;

	if (keep && keep->kind == VMR_KEEP_BYTES)
		return keep->value;
	if (keep && keep->kind == VMR_KEEP_PERCENT) {
		pct = keep->value > 100 ? 100 : keep->value;
		/* node_total * pct / 100 without the 64-bit overflow */
		return node_total / 100 * pct + node_total % 100 * pct / 100;
	}
	return node_total / 4 < two_gib ? node_total / 4 : two_gib;
}

uint64_t vmr_keep_kb(const struct vmr_keep *keep, uint64_t node_total_kb)
{
	return vmr_keep_bytes(keep, node_total_kb * 1024) / 1024;
}

const char *vmr_origin(struct vmr_from from, const char *key,
		       char buf[VMR_ORIGIN_LEN])
{
	if (from.src == VMR_SRC_CONF)
		snprintf(buf, VMR_ORIGIN_LEN, "%s:%u: %s",
			 vmr_src_path(VMR_SRC_CONF), from.line, key);
	else
		snprintf(buf, VMR_ORIGIN_LEN, "rd.vmreserve.%s", key);
	return buf;
}
