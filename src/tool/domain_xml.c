/* SPDX-License-Identifier: MIT */
/*
 * Reading a libvirt domain XML with libxml2 (see domain_xml.h for what is
 * kept and why the parser runs with so few features). Values follow
 * libvirt's own rules: memory units as virScaleInteger reads them, rounded
 * up to KiB; PCI address fields in base 0 ("0x06", "6"); bitmaps as
 * virBitmapParse ("0-3,^2").
 */
#include "domain_xml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* libxml2's line numbers are long; a domain XML has fewer than 2^31 lines */
#define LN(n) ((int)xmlGetLineNo(n))

struct px {
	struct vmr_domain *d;
	char *err;
	size_t errlen;
};

static int fail(struct px *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct px *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	/* Values quoted raw: the printers escape (one line, U+FFFD). */
	return -EINVAL;
}

/* ---- sets ----------------------------------------------------------------- */

static const char *skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

/* A decimal number below limit; NULL when there is none or it is too big. */
static const char *set_num(const char *s, unsigned limit, unsigned *v,
			   int *range)
{
	unsigned long long n = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		n = n * 10 + (unsigned)(*s - '0');
		if (n >= limit) {
			*range = 1;
			n = limit;
		}
	}
	*v = (unsigned)n;
	return s;
}

int vmr_set_parse(const char *s, uint8_t *bits, unsigned nbits)
{
	uint8_t *neg = calloc(nbits / 8 + 1, 1);
	int range = 0, count = 0;

	if (!neg)
		return -ENOMEM;
	memset(bits, 0, nbits / 8 + (nbits % 8 != 0));
	s = skip_blank(s);
	while (*s) {
		bool minus = *s == '^';
		unsigned lo, hi;

		s = set_num(skip_blank(s + minus), nbits, &lo, &range);
		if (!s)
			goto bad;
		hi = lo;
		s = skip_blank(s);
		if (*s == '-' && !minus) {
			s = set_num(skip_blank(s + 1), nbits, &hi, &range);
			if (!s || hi < lo)
				goto bad;
			s = skip_blank(s);
		}
		for (unsigned i = lo; i <= hi && i < nbits; i++)
			(minus ? neg : bits)[i / 8] |= (uint8_t)(1u << (i % 8));
		if (*s == ',')
			s = skip_blank(s + 1);
		else if (*s)
			goto bad;
	}
	/* a byte at a time: the hook parses every set of a domain */
	for (unsigned b = 0; b < nbits / 8 + (nbits % 8 != 0); b++) {
		bits[b] &= (uint8_t)~neg[b];
		count += __builtin_popcount(bits[b]);
	}
	free(neg);
	return range ? -ERANGE : count;
bad:
	free(neg);
	return -EINVAL;
}

/* ---- arrays on the heap -------------------------------------------------- */

/*
 * base (n used of *cap elements of size) with room for one more, doubling;
 * NULL (said in err, base untouched) when memory runs out.
 */
static void *grow(struct px *p, void *base, size_t n, size_t *cap,
		  size_t size)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *x;

	if (n < *cap)
		return base;
	if (!(x = realloc(base, want * size))) {
		fail(p, "out of memory");
		return NULL;
	}
	*cap = want;
	return x;
}

/*
 * Every slot, used or not: the parse zeroes d first and counts an element
 * before its sets are read, so an unused slot holds NULL.
 */
void vmr_domain_free(struct vmr_domain *d)
{
	for (size_t i = 0; i < VMR_DOM_MAX_PAGE; i++)
		free(d->page[i].nodeset);
	for (size_t i = 0; i < VMR_DOM_MAX_MEMNODE; i++)
		free(d->memnode[i].numa.nodeset);
	for (size_t i = 0; i < VMR_DOM_MAX_CELL; i++)
		free(d->cell[i].cpus);
	for (size_t i = 0; i < d->n_pin; i++)
		free(d->pin[i].cpuset);
	free(d->numa.nodeset);
	free(d->vcpu_cpuset);
	free(d->pin);
	free(d->hostdev);
	memset(d, 0, sizeof(*d));
}

/* ---- elements and attributes ---------------------------------------------- */

static bool is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static xmlNode *next_el(xmlNode *n, const char *name)
{
	for (; n; n = n->next)
		if (is_el(n, name))
			return n;
	return NULL;
}

static xmlNode *child(xmlNode *parent, const char *name)
{
	return parent ? next_el(parent->children, name) : NULL;
}

#define FOR_EACH(c, parent, name) \
	for (xmlNode *c = child((parent), (name)); c; \
	     c = next_el(c->next, (name)))

/*
 * An attribute into buf: 1 present, 0 absent, -EINVAL (named in err) when
 * it does not fit.
 */
static int attr(struct px *p, xmlNode *n, const char *name, char *buf,
		size_t size)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	size_t len;

	buf[0] = '\0';
	if (!v)
		return 0;
	len = strlen((const char *)v);
	if (len < size)
		memcpy(buf, v, len + 1);
	xmlFree(v);
	if (len >= size)
		return fail(p, "line %d: <%s %s='...'> is longer than %zu "
			    "bytes", LN(n), (const char *)n->name,
			    name, size - 1);
	return 1;
}

/* The element's text, trimmed; the same returns as attr(). */
static int text(struct px *p, xmlNode *n, char *buf, size_t size)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *s, *e;
	size_t len;

	buf[0] = '\0';
	if (!v)
		return 0;
	s = skip_blank((const char *)v);
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	len = (size_t)(e - s);
	if (len < size) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	xmlFree(v);
	if (len >= size)
		return fail(p, "line %d: <%s> is longer than %zu bytes",
			    LN(n), (const char *)n->name, size - 1);
	return 1;
}

/*
 * An unsigned number, all of s, in base (0: C's rules, as libvirt's). It
 * starts with a digit: strtoull would skip any blank (a tab or CR from
 * &#9; or &#13;) and then take a sign ("\t-1" as 2^64-1).
 */
static bool to_u64(const char *s, int base, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, base);
	return !errno && !*end;
}

/* libvirt's virScaleInteger: KiB, k, K, M, MiB (1024), KB, MB (1000). */
static int unit_scale(const char *u, uint64_t *scale)
{
	static const char letters[] = "kmgtpe";
	const char *l;

	*scale = 1;
	if (!*u || strcasecmp(u, "b") == 0 || strcasecmp(u, "byte") == 0 ||
	    strcasecmp(u, "bytes") == 0)
		return 0;
	l = strchr(letters, u[0] | 0x20);
	if (!l || !u[0])
		return -EINVAL;
	for (int i = 0; i <= l - letters; i++) {
		if (strcasecmp(u + 1, "") == 0 || strcasecmp(u + 1, "ib") == 0)
			*scale *= 1024;
		else if (strcasecmp(u + 1, "b") == 0)
			*scale *= 1000;
		else
			return -EINVAL;
	}
	return 0;
}

/*
 * An amount with a unit attribute (default KiB), in KiB rounded up as
 * libvirt rounds. str: the amount as written.
 */
static int amount_kb(struct px *p, xmlNode *n, const char *str,
		     const char *what, uint64_t *kb)
{
	char unit[16];
	uint64_t v, scale;
	int r = attr(p, n, "unit", unit, sizeof(unit));

	if (r < 0)
		return r;
	if (r == 0)
		snprintf(unit, sizeof(unit), "KiB");
	if (unit_scale(unit, &scale) < 0)
		return fail(p, "line %d: <%s unit='%s'>: not a unit libvirt "
			    "knows (KiB, MiB, GiB, ...)", LN(n),
			    (const char *)n->name, unit);
	if (!to_u64(str, 10, &v))
		return fail(p, "line %d: %s '%s' is not a number",
			    LN(n), what, str);
	if (scale > 1 && v > UINT64_MAX / scale)
		return fail(p, "line %d: %s '%s %s' is too large",
			    LN(n), what, str, unit);
	v *= scale;
	*kb = v / 1024 + (v % 1024 != 0);
	return 0;
}

/* How much of a set an error quotes: the reason after it must show. */
#define SET_QUOTE 128

/*
 * A bitmap attribute, checked now so the judge can trust it: 1 present
 * (*out a copy on the heap, freed by vmr_domain_free), 0 absent. libvirt
 * bounds a set only by the XML's size, so no length is refused here; its
 * numbers are (below VMR_DOM_MAX_BIT).
 */
static int set_attr(struct px *p, xmlNode *n, const char *name, char **out,
		    bool *present)
{
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s;
	int r;

	if (present)
		*present = v != NULL;
	if (!v)
		return 0;
	*out = strdup((const char *)v);
	xmlFree(v);
	if (!(s = *out))
		return fail(p, "out of memory");
	r = vmr_set_parse(s, bits, VMR_DOM_MAX_BIT);
	if (r == -ENOMEM)
		return fail(p, "out of memory");
	if (r == -ERANGE)
		return fail(p, "line %d: <%s %s='%.*s%s'>: names a number "
			    "above %u", LN(n), (const char *)n->name, name,
			    SET_QUOTE, s, strlen(s) > SET_QUOTE ? "..." : "",
			    VMR_DOM_MAX_BIT - 1);
	if (r < 0 || (r == 0 && s[0]))
		return fail(p, "line %d: <%s %s='%.*s%s'>: %s", LN(n),
			    (const char *)n->name, name, SET_QUOTE, s,
			    strlen(s) > SET_QUOTE ? "..." : "", r == 0 ?
			    "names nothing" : "not a list like 0-3,^2,8");
	return 1;
}

static int uint_attr(struct px *p, xmlNode *n, const char *name, int base,
		     uint64_t max, bool need, uint64_t *v)
{
	char buf[32];
	int r = attr(p, n, name, buf, sizeof(buf));

	if (r < 0)
		return r;
	if (r == 0 && !need)
		return 0;
	if (r == 0)
		return fail(p, "line %d: <%s> has no %s='...'", LN(n),
			    (const char *)n->name, name);
	if (!to_u64(buf, base, v) || *v > max)
		return fail(p, "line %d: <%s %s='%s'>: want a number up to "
			    "%llu", LN(n), (const char *)n->name, name,
			    buf, (unsigned long long)max);
	return 1;
}

/* ---- the parts -------------------------------------------------------------- */

static int parse_memory(struct px *p, xmlNode *root)
{
	xmlNode *m = child(root, "memory");
	char buf[32];
	int r;

	if (!m)
		return fail(p, "<domain> has no <memory>");
	if ((r = text(p, m, buf, sizeof(buf))) < 0)
		return r;
	return amount_kb(p, m, buf, "<memory>", &p->d->mem_kb);
}

static int parse_pages(struct px *p, xmlNode *root)
{
	xmlNode *hp = child(child(root, "memoryBacking"), "hugepages");
	struct vmr_domain *d = p->d;

	if (!hp)
		return 0;
	d->hugepages = true;
	FOR_EACH(pg, hp, "page") {
		struct vmr_dom_page *x;
		char size[32];
		int r;

		if (d->n_page == VMR_DOM_MAX_PAGE)
			return fail(p, "more than %d <page> elements",
				    VMR_DOM_MAX_PAGE);
		x = &d->page[d->n_page++];
		if ((r = attr(p, pg, "size", size, sizeof(size))) <= 0)
			return r < 0 ? r : fail(p, "line %d: <page> has no "
						"size='...'", LN(pg));
		if ((r = amount_kb(p, pg, size, "<page size>", &x->size_kb)) < 0)
			return r;
		if (x->size_kb == 0)
			return fail(p, "line %d: <page size='0'>",
				    LN(pg));
		if ((r = set_attr(p, pg, "nodeset", &x->nodeset,
				  &x->has_nodeset)) < 0)
			return r;
	}
	return 0;
}

static int numa_mode(struct px *p, xmlNode *n, struct vmr_dom_numa *nm)
{
	static const char *const modes[] = {
		[VMR_NUMA_STRICT] = "strict", [VMR_NUMA_PREFERRED] = "preferred",
		[VMR_NUMA_INTERLEAVE] = "interleave",
		[VMR_NUMA_RESTRICTIVE] = "restrictive",
	};
	char buf[16];
	int r;

	nm->mode = VMR_NUMA_STRICT;
	if ((r = attr(p, n, "mode", buf, sizeof(buf))) < 0)
		return r;
	if (r > 0) {
		size_t i;

		for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strcmp(buf, modes[i]) == 0)
				break;
		if (i == sizeof(modes) / sizeof(modes[0]))
			return fail(p, "line %d: <%s mode='%s'>: want strict, "
				    "preferred, interleave or restrictive",
				    LN(n), (const char *)n->name, buf);
		nm->mode = (enum vmr_numa_mode)i;
	}
	if ((r = attr(p, n, "placement", buf, sizeof(buf))) < 0)
		return r;
	nm->automatic = r > 0 && strcmp(buf, "auto") == 0;
	r = set_attr(p, n, "nodeset", &nm->nodeset, &nm->set);
	return r < 0 ? r : 0;
}

static int parse_numatune(struct px *p, xmlNode *root)
{
	xmlNode *nt = child(root, "numatune"), *m = child(nt, "memory");
	struct vmr_domain *d = p->d;
	int r;

	if (m && (r = numa_mode(p, m, &d->numa)) < 0)
		return r;
	FOR_EACH(mn, nt, "memnode") {
		struct vmr_dom_memnode *x;
		uint64_t id;

		if (d->n_memnode == VMR_DOM_MAX_MEMNODE)
			return fail(p, "more than %d <memnode> elements",
				    VMR_DOM_MAX_MEMNODE);
		x = &d->memnode[d->n_memnode++];
		if ((r = uint_attr(p, mn, "cellid", 10, UINT32_MAX, true,
				   &id)) < 0)
			return r;
		x->cellid = (unsigned)id;
		if ((r = numa_mode(p, mn, &x->numa)) < 0)
			return r;
	}
	return 0;
}

static int parse_cells(struct px *p, xmlNode *root)
{
	struct vmr_domain *d = p->d;

	FOR_EACH(c, child(child(root, "cpu"), "numa"), "cell") {
		struct vmr_dom_cell *x;
		uint64_t id;
		char mem[32];
		int r;

		if (d->n_cell == VMR_DOM_MAX_CELL)
			return fail(p, "more than %d NUMA <cell> elements",
				    VMR_DOM_MAX_CELL);
		x = &d->cell[d->n_cell];
		r = uint_attr(p, c, "id", 10, UINT32_MAX, false, &id);
		if (r < 0)
			return r;
		/* libvirt numbers cells in order when id is left out */
		x->id = r ? (unsigned)id : (unsigned)d->n_cell;
		d->n_cell++;
		if ((r = attr(p, c, "memory", mem, sizeof(mem))) <= 0)
			return r < 0 ? r : fail(p, "line %d: <cell> has no "
						"memory='...'", LN(c));
		if ((r = amount_kb(p, c, mem, "<cell memory>", &x->mem_kb)) < 0)
			return r;
		if ((r = set_attr(p, c, "cpus", &x->cpus, NULL)) < 0)
			return r;
	}
	return 0;
}

static int parse_vcpus(struct px *p, xmlNode *root)
{
	xmlNode *v = child(root, "vcpu");
	struct vmr_domain *d = p->d;
	char buf[16];
	uint64_t n;
	int r;

	if (v) {
		if ((r = text(p, v, buf, sizeof(buf))) < 0)
			return r;
		if (!to_u64(buf, 10, &n) || n == 0 || n > VMR_DOM_MAX_VCPU)
			return fail(p, "line %d: <vcpu>%s</vcpu>: want a number "
				    "from 1 to %u", LN(v), buf, VMR_DOM_MAX_VCPU);
		d->vcpus = (unsigned)n;
		if ((r = set_attr(p, v, "cpuset", &d->vcpu_cpuset, NULL)) < 0)
			return r;
	}
	FOR_EACH(pin, child(root, "cputune"), "vcpupin") {
		struct vmr_dom_pin *x;

		if (d->n_pin == VMR_DOM_MAX_PIN)
			return fail(p, "more than %u <vcpupin> elements (one "
				    "per vCPU)", VMR_DOM_MAX_PIN);
		if (!(x = grow(p, d->pin, d->n_pin, &d->cap_pin, sizeof(*x))))
			return -EINVAL;
		d->pin = x;
		x = &d->pin[d->n_pin++];
		memset(x, 0, sizeof(*x)); /* vmr_domain_free reads cpuset */
		if ((r = uint_attr(p, pin, "vcpu", 10, VMR_DOM_MAX_VCPU - 1,
				   true, &n)) < 0)
			return r;
		x->vcpu = (unsigned)n;
		if ((r = set_attr(p, pin, "cpuset", &x->cpuset, NULL)) <= 0)
			return r < 0 ? r : fail(p, "line %d: <vcpupin> has no "
						"cpuset='...'",
						LN(pin));
	}
	return 0;
}

/* <source><address domain= bus= slot= function=/> of a PCI hostdev. */
static int pci_source(struct px *p, xmlNode *dev, bool interface)
{
	xmlNode *a = child(child(dev, "source"), "address");
	struct vmr_domain *d = p->d;
	struct vmr_dom_hostdev *x;
	uint64_t dom = 0, bus, slot, fn;
	char buf[8];
	int r;

	if (!a)
		return fail(p, "line %d: <%s> has no <source><address>",
			    LN(dev), (const char *)dev->name);
	if ((r = uint_attr(p, a, "domain", 0, 0xffff, false, &dom)) < 0 ||
	    (r = uint_attr(p, a, "bus", 0, 0xff, true, &bus)) < 0 ||
	    (r = uint_attr(p, a, "slot", 0, 0x1f, true, &slot)) < 0 ||
	    (r = uint_attr(p, a, "function", 0, 7, true, &fn)) < 0)
		return r;
	if (!(x = grow(p, d->hostdev, d->n_hostdev, &d->cap_hostdev,
		       sizeof(*x))))
		return -EINVAL;
	d->hostdev = x;
	x = &d->hostdev[d->n_hostdev++];
	snprintf(x->addr, sizeof(x->addr), "%04x:%02x:%02x.%x", (unsigned)dom,
		 (unsigned)bus, (unsigned)slot, (unsigned)fn);
	x->interface = interface;
	r = attr(p, dev, "managed", buf, sizeof(buf));
	if (r < 0)
		return r;
	if (r > 0 && strcmp(buf, "yes") != 0 && strcmp(buf, "no") != 0)
		return fail(p, "line %d: <%s managed='%s'>: want yes or no",
			    LN(dev), (const char *)dev->name, buf);
	x->managed = r > 0 && strcmp(buf, "yes") == 0;
	return 0;
}

static int cmp_addr(const void *a, const void *b)
{
	return strcmp(((const struct vmr_dom_hostdev *)a)->addr,
		      ((const struct vmr_dom_hostdev *)b)->addr);
}

/*
 * libvirt refuses a host device assigned twice; refused here too, so the
 * hostdevs that exist are at most the host's PCI functions however long
 * the XML (the judge looks each group member up among them).
 */
static int no_twice(struct px *p)
{
	struct vmr_domain *d = p->d;
	struct vmr_dom_hostdev *s;
	int r = 0;

	if (d->n_hostdev < 2)
		return 0;
	s = malloc(d->n_hostdev * sizeof(*s));
	if (!s)
		return fail(p, "out of memory");
	memcpy(s, d->hostdev, d->n_hostdev * sizeof(*s));
	qsort(s, d->n_hostdev, sizeof(*s), cmp_addr);
	for (size_t i = 1; i < d->n_hostdev && !r; i++)
		if (strcmp(s[i - 1].addr, s[i].addr) == 0)
			r = fail(p, "PCI device %s is a hostdev twice (libvirt "
				 "refuses that)", s[i].addr);
	free(s);
	return r;
}

static int parse_hostdevs(struct px *p, xmlNode *root)
{
	xmlNode *devs = child(root, "devices");
	char type[16], mode[16];
	int r;

	FOR_EACH(h, devs, "hostdev") {
		if ((r = attr(p, h, "type", type, sizeof(type))) < 0 ||
		    (r = attr(p, h, "mode", mode, sizeof(mode))) < 0)
			return r;
		if (strcmp(type, "pci") != 0 ||
		    (mode[0] && strcmp(mode, "subsystem") != 0))
			continue;
		if ((r = pci_source(p, h, false)) < 0)
			return r;
	}
	FOR_EACH(i, devs, "interface") {
		if ((r = attr(p, i, "type", type, sizeof(type))) < 0)
			return r;
		if (strcmp(type, "hostdev") == 0 &&
		    (r = pci_source(p, i, true)) < 0)
			return r;
	}
	return no_twice(p);
}

static int parse_root(struct px *p, xmlNode *root)
{
	xmlNode *name = child(root, "name");
	int r;

	if (!root || !is_el(root, "domain") || root->ns)
		return fail(p, "the root element is <%s>, not a libvirt "
			    "<domain>", root ? (const char *)root->name : "");
	if ((r = attr(p, root, "type", p->d->type, sizeof(p->d->type))) < 0)
		return r;
	if (name && (r = text(p, name, p->d->name, sizeof(p->d->name))) < 0)
		return r;
	if (!p->d->name[0])
		return fail(p, "<domain> has no <name>");
	if ((r = parse_memory(p, root)) < 0 || (r = parse_pages(p, root)) < 0 ||
	    (r = parse_numatune(p, root)) < 0 ||
	    (r = parse_cells(p, root)) < 0 || (r = parse_vcpus(p, root)) < 0 ||
	    (r = parse_hostdevs(p, root)) < 0)
		return r;
	return 0;
}

/*
 * libxml2 reports some errors (an encoding that fails to convert) through
 * its global generic handler, past XML_PARSE_NOERROR: silenced, the parse
 * error below says what went wrong, once.
 */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Whether s (before end) starts with lit. */
static bool starts(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* Just past the first lit at or after s, or end. */
static const char *past(const char *s, const char *end, const char *lit)
{
	for (; s < end; s++)
		if (starts(s, end, lit))
			return s + strlen(lit);
	return end;
}

/*
 * Whether the prolog holds "<!DOCTYPE": the bytes before the root
 * element's start tag, that is a UTF-8 byte-order mark, blanks, the XML
 * declaration and PIs (<?...?>) and comments (<!--...-->); the first other
 * '<' is the root or a DOCTYPE. XML allows a DOCTYPE nowhere else, so
 * "<!DOCTYPE" in a comment or CDATA inside <metadata> is text. In an
 * encoding that is not ASCII-compatible no '<' is seen here: the DTD the
 * parse leaves catches those.
 */
static bool has_doctype(const char *xml, size_t len)
{
	const char *s = xml, *end = xml + len;

	if (starts(s, end, "\xef\xbb\xbf"))
		s += 3;
	while (s < end) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (starts(s, end, "<?"))
			s = past(s + 2, end, "?>");
		else if (starts(s, end, "<!--"))
			s = past(s + 4, end, "-->");
		else
			return starts(s, end, "<!DOCTYPE");
	}
	return false;
}

static int doctype(struct px *p)
{
	return fail(p, "has a <!DOCTYPE>: libvirt never writes one "
		    "(refused: it can declare entities)");
}

int vmr_domain_parse(const char *xml, size_t len, struct vmr_domain *d,
		     char *err, size_t errlen)
{
	struct px p = { d, err, errlen };
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	int r;

	memset(d, 0, sizeof(*d));
	err[0] = '\0';
	if (len > VMR_DOM_MAX_XML)
		return fail(&p, "larger than %u bytes: not a domain XML",
			    VMR_DOM_MAX_XML);
	/*
	 * Where entities are declared: libvirt never writes one. The prolog's
	 * bytes are only a fast path (ASCII-compatible encodings); the parsed
	 * document's DTD nodes below catch UTF-16 and the rest.
	 */
	if (has_doctype(xml, len))
		return doctype(&p);
	xmlSetGenericErrorFunc(NULL, quiet);
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return fail(&p, "out of memory");
	/* NONET, and neither NOENT, DTDLOAD, DTDATTR nor XINCLUDE. */
	doc = xmlCtxtReadMemory(ctxt, xml, (int)len, "domain.xml", NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[160] = "not well-formed";

		if (e && e->message) {
			snprintf(msg, sizeof(msg), "%s", e->message);
			msg[strcspn(msg, "\n")] = '\0';
		}
		r = fail(&p, "line %d: %s", e ? e->line : 0, msg);
	} else {
		r = xmlGetIntSubset(doc) || doc->extSubset ? doctype(&p) :
		    parse_root(&p, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	xmlFreeParserCtxt(ctxt);
	return r;
}
