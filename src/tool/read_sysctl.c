/* SPDX-License-Identifier: MIT */
/*
 * The hugepage settings vmreserve does not own (read.h,
 * vmr_read_hp_other): what systemd-sysctl writes to vm.nr_hugepages after
 * boot, and what the kernel's own hugepage keys reserved before the
 * initramfs ran. Both change the pool vmreserve-early made: judge_hp.c says
 * how.
 *
 * systemd-sysctl's order (sysctl.d(5)): every *.conf of /etc/sysctl.d,
 * /run/sysctl.d, /usr/local/lib/sysctl.d and /usr/lib/sysctl.d, one file
 * per name (/etc's over /run's over the others'), applied in name order
 * whatever the directory; the last assignment of a key wins. systemd-sysctl
 * never reads /etc/sysctl.conf itself (sysctl.conf(5)): Debian and Fedora
 * ship the link /etc/sysctl.d/99-sysctl.conf -> ../sysctl.conf, so it is
 * applied at that name's place in the order, and named as itself. Without
 * the link only procps' `sysctl --system` applies it (last): kept apart
 * (conf_only), a note. Bounded: VMR_SYSCTL_FILES files (names sorted over
 * the whole set first, so the ones dropped are the last applied),
 * VMR_SYSCTL_SIZE bytes of each.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "read.h"
#include "text.h"

#define VMR_SYSCTL_SIZE  65536
#define VMR_SYSCTL_NAME  128

/* In priority order: a name in an earlier directory hides a later one. */
static const char *const sysctl_dirs[] = {
	"etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d",
	"usr/lib/sysctl.d",
};

struct sc_file {
	char name[VMR_SYSCTL_NAME];
	unsigned dir;
};

/* Room for more than the bound: the set is sorted before it is cut. */
#define VMR_SYSCTL_SEEN (4 * VMR_SYSCTL_FILES)

struct sc_list {
	struct sc_file file[VMR_SYSCTL_SEEN];
	size_t n;
	unsigned dir;
	unsigned over;  /* names past VMR_SYSCTL_SEEN, never sorted */
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

static int add_file(const char *name, void *ctx)
{
	struct sc_list *l = ctx;

	if (!ends_with(name, ".conf") || strlen(name) >= VMR_SYSCTL_NAME)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->file[i].name, name) == 0)
			return 0; /* a directory of higher priority has it */
	if (l->n == VMR_SYSCTL_SEEN) {
		l->over++;
		return 0;
	}
	snprintf(l->file[l->n].name, VMR_SYSCTL_NAME, "%s", name);
	l->file[l->n++].dir = l->dir;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sc_file *)a)->name,
		      ((const struct sc_file *)b)->name);
}

/* "vm/nr_hugepages" is "vm.nr_hugepages" (sysctl.d(5)); '-': ignore errors. */
static bool key_is(const char *key, size_t len, const char *want)
{
	if (len && key[0] == '-') {
		key++;
		len--;
	}
	if (len != strlen(want))
		return false;
	for (size_t i = 0; i < len; i++)
		if ((key[i] == '/' ? '.' : key[i]) != want[i])
			return false;
	return true;
}

static void set_value(struct vmr_hp_other *o, struct vmr_hp_set *v,
		      const char *val, const char *file, unsigned line)
{
	uint64_t n;
	const char *end = vmr_scan_u64(val, 10, &n);

	/* Not a number: the kernel refuses the write, nothing changes. */
	if (!end || end == val || (*end && *end != ' ' && *end != '\t'))
		return;
	v->set = true;
	v->seq = ++o->seq;
	v->pages = n;
	snprintf(v->where, sizeof(v->where), "%s:%u", file, line);
}

/* One line: KEY = VALUE, blanks around either; '#' or ';' a comment. */
static void parse_line(struct vmr_hp_other *o, char *s, const char *file,
		       unsigned line)
{
	char *eq, *k = s, *ke, *v;

	while (*k == ' ' || *k == '\t')
		k++;
	if (!*k || *k == '#' || *k == ';' || !(eq = strchr(k, '=')))
		return;
	for (ke = eq; ke > k && (ke[-1] == ' ' || ke[-1] == '\t'); ke--)
		;
	for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
		;
	if (key_is(k, (size_t)(ke - k), "vm.nr_hugepages"))
		set_value(o, &o->nr, v, file, line);
	else if (key_is(k, (size_t)(ke - k), "vm.nr_hugepages_mempolicy"))
		set_value(o, &o->mempolicy, v, file, line);
}

/* path under the root; name: the file as the advice names it. */
static void parse_file(const struct vmr_root *root, struct vmr_hp_other *o,
		       const char *path, const char *name, char *buf)
{
	unsigned line = 1;
	int n = vmr_read(root, path, buf, VMR_SYSCTL_SIZE);
	char *s = buf;

	if (n == -EFBIG) {
		o->cut = true; /* the part read still counts */
		n = (int)strlen(buf);
	}
	if (n < 0)
		return; /* absent or unreadable: systemd-sysctl skips it too */
	o->files++;
	while (s && *s) {
		char *nl = strchr(s, '\n');

		if (nl)
			*nl = '\0';
		parse_line(o, s, name, line++);
		s = nl ? nl + 1 : NULL;
	}
}

/*
 * A sysctl.d entry that links to sysctl.conf (99-sysctl.conf ->
 * ../sysctl.conf, or /etc/sysctl.conf) is /etc/sysctl.conf: read it
 * under the root (an absolute target would leave --sysroot) and name it.
 */
static void parse_sysctl_d(const struct vmr_root *root,
			   struct vmr_hp_other *o, const char *path, char *buf)
{
	char target[VMR_SYSCTL_NAME], name[VMR_PATH_MAX + 1];

	if (vmr_link_name(root, path, target, sizeof(target)) > 0 &&
	    strcmp(target, "sysctl.conf") == 0) {
		o->conf_linked = true;
		parse_file(root, o, "etc/sysctl.conf", "/etc/sysctl.conf", buf);
		return;
	}
	snprintf(name, sizeof(name), "/%s", path);
	parse_file(root, o, path, name, buf);
}

/* /etc/sysctl.conf with no link: procps' sysctl --system only, last. */
static void parse_conf_only(const struct vmr_root *root,
			    struct vmr_hp_other *o, char *buf)
{
	struct vmr_hp_other *c = calloc(1, sizeof(*c));
	const struct vmr_hp_set *last;

	if (!c)
		return;
	parse_file(root, c, "etc/sysctl.conf", "/etc/sysctl.conf", buf);
	last = vmr_hp_sysctl_last(&c->nr, &c->mempolicy);
	if (last) {
		o->conf_only = *last;
		o->conf_only_mempolicy = last == &c->mempolicy;
	}
	o->cut |= c->cut;
	free(c);
}

static void read_sysctl(const struct vmr_root *root, struct vmr_hp_other *o)
{
	struct sc_list *l = calloc(1, sizeof(*l));
	char *buf = malloc(VMR_SYSCTL_SIZE);
	char path[VMR_PATH_MAX];

	if (!l || !buf) {
		o->cut = true;
		free(l);
		free(buf);
		return;
	}
	for (unsigned d = 0; d < sizeof(sysctl_dirs) / sizeof(*sysctl_dirs);
	     d++) {
		l->dir = d;
		vmr_foreach_dir(root, sysctl_dirs[d], add_file, l);
	}
	qsort(l->file, l->n, sizeof(l->file[0]), name_cmp);
	if (l->n > VMR_SYSCTL_FILES) {
		o->dropped = (unsigned)(l->n - VMR_SYSCTL_FILES);
		l->n = VMR_SYSCTL_FILES;
	}
	o->dropped += l->over;
	for (size_t i = 0; i < l->n; i++)
		if (vmr_path(path, "%s/%s", sysctl_dirs[l->file[i].dir],
			     l->file[i].name) == 0)
			parse_sysctl_d(root, o, path, buf);
	if (!o->conf_linked)
		parse_conf_only(root, o, buf);
	free(l);
	free(buf);
}

const struct vmr_hp_set *vmr_hp_sysctl_last(const struct vmr_hp_set *nr,
					    const struct vmr_hp_set *mp)
{
	if (mp->set && (!nr->set || mp->seq > nr->seq))
		return mp; /* written last: its count stays */
	return nr->set ? nr : NULL;
}

/* ---- the kernel's own keys ---------------------------------------------- */

struct khp_ctx {
	struct vmr_hp_other *o;
	uint64_t size_kb;     /* the last hugepagesz=, 0: the default size */
	char size_text[16];
};

static void khp_add(struct khp_ctx *c, int node, uint64_t pages)
{
	struct vmr_hp_other *o = c->o;
	struct vmr_khp *k;

	if (o->n_khp == VMR_MAX_KHP)
		return;
	k = &o->khp[o->n_khp++];
	k->page_kb = c->size_kb; /* 0 until the default size is known */
	k->node = node;
	k->pages = pages;
}

/* hugepages=N, or the node form hugepages=0:N,1:M (kernel 5.16+). */
static void khp_value(struct khp_ctx *c, const char *val)
{
	size_t first = c->o->n_khp;
	const char *p = val;

	while (*p) {
		uint64_t a, b;
		const char *e = vmr_scan_u64(p, 10, &a);

		if (!e || e == p)
			return;
		if (*e == ':') {
			const char *f = vmr_scan_u64(e + 1, 10, &b);

			if (!f || f == e + 1)
				return;
			khp_add(c, (int)a, b);
			e = f;
		} else {
			khp_add(c, -1, a);
		}
		if (*e != ',')
			break;
		p = e + 1;
	}
	for (size_t i = first; i < c->o->n_khp; i++)
		snprintf(c->o->khp[i].text, sizeof(c->o->khp[i].text),
			 "%s%s%shugepages=%s", c->size_text[0] ? "hugepagesz=" :
			 "", c->size_text, c->size_text[0] ? " " : "", val);
}

static int khp_key(const char *key, const char *val, bool truncated,
		   void *ctx)
{
	struct khp_ctx *c = ctx;
	uint64_t bytes;
	char bad;

	(void)truncated;
	if (!val)
		return 0;
	if (vmr_key_eq(key, "hugepagesz") &&
	    vmr_parse_size(val, &bytes, &bad) == 0) {
		c->size_kb = bytes / 1024;
		snprintf(c->size_text, sizeof(c->size_text), "%s", val);
	} else if (vmr_key_eq(key, "default_hugepagesz") &&
		   vmr_parse_size(val, &bytes, &bad) == 0) {
		c->o->default_kb = bytes / 1024;
	} else if (vmr_key_eq(key, "hugepages")) {
		khp_value(c, val);
	}
	return 0;
}

void vmr_read_hp_other(const struct vmr_root *root, struct vmr_report *r)
{
	struct vmr_hp_other *o = &r->hp_other;
	struct khp_ctx c = { o, 0, "" };

	memset(o, 0, sizeof(*o));
	o->default_kb = 2048; /* x86's default hugepage size */
	vmr_cmdline_foreach(r->cmdline, khp_key, &c);
	/* hugepages= before any hugepagesz= counts the default size. */
	for (size_t i = 0; i < o->n_khp; i++)
		if (!o->khp[i].page_kb)
			o->khp[i].page_kb = o->default_kb;
	read_sysctl(root, o);
}
