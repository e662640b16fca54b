/* SPDX-License-Identifier: MIT */
/*
 * mkinitcpio's HOOKS, read without a shell, and the one judgement of where
 * vmreserve's hook stands in them (initcpio.h). What mkinitcpio v41 does,
 * from its own script: `cat` /etc/mkinitcpio.conf and every
 * /etc/mkinitcpio.conf.d/ *.conf (find -maxdepth 1 -xtype f, sort -zVu)
 * into one file and source it, unless -c names a file (a preset's
 * ALL_config or PRESET_config does); then arrayize_config: a HOOKS string
 * is split on spaces.
 */
#include "initcpio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

/* Advice is bounded: a long file name cuts the fix short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define MAIN_CONF "etc/mkinitcpio.conf"
#define DROPIN_DIR "etc/mkinitcpio.conf.d"
#define PRESET_DIR "etc/mkinitcpio.d"

/* ---- parsing (pure) ---------------------------------------------------- */

static const char *eol(const char *p)
{
	return p + strcspn(p, "\n");
}

static bool ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static void unknown(struct vmr_initcpio *ic, const char *from,
		    const char *why)
{
	ic->state = VMR_IC_UNKNOWN;
	ic->n = 0;
	snprintf(ic->from, sizeof(ic->from), "%s", from);
	snprintf(ic->why, sizeof(ic->why), "%s", why);
}

/* One character into a hook name, or false when it is too long. */
static bool put(char *out, size_t *n, char c)
{
	if (*n + 1 >= VMR_IC_HOOK_LEN)
		return false;
	out[(*n)++] = c;
	out[*n] = '\0';
	return true;
}

/* A quoted part of a word: literal, but "..." expands $, ` and \. */
static const char *quoted(const char *p, char *out, size_t *n,
			  const char **why)
{
	char q = *p++;

	for (; *p && *p != q; p++) {
		if (q == '"' && strchr("$`\\", *p)) {
			*why = "a $, ` or \\ in double quotes";
			return NULL;
		}
		if (!put(out, n, *p)) {
			*why = "a hook name longer than 47 bytes";
			return NULL;
		}
	}
	if (!*p)
		*why = "a quote that is not closed";
	return *p ? p + 1 : NULL;
}

/* One word of an array (or a bare HOOKS=word): quotes removed; NULL with
 * why on anything the shell would expand or treat as syntax. */
static const char *word(const char *p, char *out, const char **why)
{
	size_t n = 0;

	out[0] = '\0';
	while (*p && !strchr(" \t\n)", *p)) {
		if (*p == '\'' || *p == '"') {
			if (!(p = quoted(p, out, &n, why)))
				return NULL;
			continue;
		}
		if (strchr("$`\\*?[{;&|<>(", *p) || (*p == '~' && n == 0)) {
			*why = "shell expansion or syntax ($, `, \\, a glob, "
			       "braces, ;, |, &, <, >, ()";
			return NULL;
		}
		if (!put(out, &n, *p++)) {
			*why = "a hook name longer than 47 bytes";
			return NULL;
		}
	}
	return p;
}

static const char *array(const char *p, struct vmr_initcpio *ic,
			 const char **why)
{
	for (ic->n = 0;;) {
		p += strspn(p, " \t\n");
		if (*p == '#') {
			p = eol(p);
			continue;
		}
		if (*p == ')')
			return p + 1;
		if (!*p) {
			*why = "the array is not closed";
			return NULL;
		}
		if (ic->n == VMR_IC_MAX_HOOKS) {
			*why = "more than 48 hooks";
			return NULL;
		}
		if (!(p = word(p, ic->hook[ic->n], why)))
			return NULL;
		ic->n++;
	}
}

/* HOOKS="a b": arrayize_config splits it on spaces (IFS=' ', one line). */
static const char *string(const char *p, struct vmr_initcpio *ic,
			  const char **why)
{
	char q = *p++, buf[VMR_IC_MAX_HOOKS * VMR_IC_HOOK_LEN];
	size_t n = 0;
	char *tok, *save = NULL;

	for (; *p && *p != q; p++) {
		if (*p == '\n' || (q == '"' && strchr("$`\\", *p))) {
			*why = *p == '\n' ? "a quoted HOOKS spans lines" :
			       "a $, ` or \\ in double quotes";
			return NULL;
		}
		if (n + 1 >= sizeof(buf)) {
			*why = "a HOOKS string too long";
			return NULL;
		}
		buf[n++] = *p;
	}
	if (!*p) {
		*why = "a quote that is not closed";
		return NULL;
	}
	buf[n] = '\0';
	ic->n = 0;
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (ic->n == VMR_IC_MAX_HOOKS ||
		    strlen(tok) >= VMR_IC_HOOK_LEN) {
			*why = "more than 48 hooks, or a name longer than 47";
			return NULL;
		}
		snprintf(ic->hook[ic->n++], VMR_IC_HOOK_LEN, "%s", tok);
	}
	return p + 1;
}

/* The value after "HOOKS=", and nothing but a comment after it. */
static const char *value(const char *p, struct vmr_initcpio *ic,
			 const char **why)
{
	const char *end;

	if (*p == '(')
		end = array(p + 1, ic, why);
	else if (*p == '"' || *p == '\'')
		end = string(p, ic, why);
	else {
		end = word(p, ic->hook[0], why);
		ic->n = end && ic->hook[0][0] ? 1 : 0;
	}
	if (!end)
		return NULL;
	p = end + strspn(end, " \t");
	if (*p == ';')
		p += 1 + strspn(p + 1, " \t");
	if (*p && *p != '\n' && !(*p == '#' && p > end)) {
		*why = "more follows the value on its line";
		return NULL;
	}
	return p;
}

/* Does the line name HOOKS as a word (before a comment)? */
static bool names_hooks(const char *s, const char *end)
{
	for (const char *p = s; p + 5 <= end; p++) {
		if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t'))
			return false;
		if (strncmp(p, "HOOKS", 5) == 0 && (p == s || !ident(p[-1])) &&
		    (p + 5 == end || !ident(p[5])))
			return true;
	}
	return false;
}

/* One line starting at s (blanks skipped): where the next one starts. */
static const char *line(const char *s, const char *from,
			struct vmr_initcpio *ic)
{
	const char *end = eol(s), *why = NULL, *p;

	if (strncmp(s, "HOOKS=", 6) == 0) {
		if (!(p = value(s + 6, ic, &why))) {
			unknown(ic, from, why);
			return end;
		}
		ic->state = VMR_IC_PLAIN;
		snprintf(ic->from, sizeof(ic->from), "%s", from);
		return eol(p);
	}
	if (strncmp(s, "HOOKS+=", 7) == 0)
		unknown(ic, from, "HOOKS+= adds to it");
	else if (names_hooks(s, end))
		unknown(ic, from, "a line sets or changes HOOKS other than "
			"HOOKS=(...)");
	else if ((s[0] == '.' && (s[1] == ' ' || s[1] == '\t')) ||
		 strncmp(s, "source ", 7) == 0)
		unknown(ic, from, "it sources another file");
	return end;
}

void vmr_initcpio_parse(const char *text, const char *from,
			struct vmr_initcpio *ic)
{
	const char *p = text;

	while (*p) {
		p = line(p + strspn(p, " \t"), from, ic);
		if (*p == '\n')
			p++;
	}
}

/* ---- sort -V (gnulib's filevercmp, Debian's version rule) --------------- */

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static int order(const char *s, size_t i, size_t len)
{
	unsigned char c = i < len ? (unsigned char)s[i] : 0;

	if (digit((char)c))
		return 0;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return c;
	if (c == '~')
		return -1;
	return c ? c + 256 : 0;
}

static int verrevcmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;

	while (i < al || j < bl) {
		int diff = 0;

		while ((i < al && !digit(a[i])) || (j < bl && !digit(b[j]))) {
			int ac = order(a, i, al), bc = order(b, j, bl);

			if (ac != bc)
				return ac - bc;
			i++;
			j++;
		}
		while (i < al && a[i] == '0')
			i++;
		while (j < bl && b[j] == '0')
			j++;
		for (; i < al && j < bl && digit(a[i]) && digit(b[j]); i++, j++)
			if (!diff)
				diff = a[i] - b[j];
		if (i < al && digit(a[i]))
			return 1;
		if (j < bl && digit(b[j]))
			return -1;
		if (diff)
			return diff;
	}
	return 0;
}

/* Every name ends in ".conf", the suffix filevercmp sets aside. */
int vmr_initcpio_vercmp(const char *a, const char *b)
{
	size_t al = strlen(a), bl = strlen(b);
	int r;

	al -= al >= 5 && strcmp(a + al - 5, ".conf") == 0 ? 5 : 0;
	bl -= bl >= 5 && strcmp(b + bl - 5, ".conf") == 0 ? 5 : 0;
	r = verrevcmp(a, al, b, bl);
	return r ? r : strcmp(a, b);
}

/* ---- reading ------------------------------------------------------------ */

struct dropins {
	size_t n;
	bool over;
	char name[VMR_IC_MAX_DROPINS][VMR_NAME_MAX + 1];
};

static int dropin_name(const char *name, void *ctx)
{
	struct dropins *d = ctx;
	size_t len = strlen(name);

	if (len < 5 || strcmp(name + len - 5, ".conf") != 0)
		return 0;
	if (d->n == VMR_IC_MAX_DROPINS || len >= VMR_NAME_MAX + 1) {
		d->over = true;
		return 1;
	}
	snprintf(d->name[d->n++], VMR_NAME_MAX + 1, "%s", name);
	return 0;
}

static int by_version(const void *a, const void *b)
{
	return vmr_initcpio_vercmp(a, b);
}

/* One file applied; false (ic unknown) when it cannot be read whole. A
 * drop-in that is not a regular file (find -xtype f) is passed over. */
static bool apply(const struct vmr_root *root, const char *path, bool dropin,
		  char *buf, struct vmr_initcpio *ic)
{
	char from[VMR_PATH_MAX + 1], why[96];
	int n = vmr_read_flags(root, path, O_NONBLOCK, buf,
			       VMR_IC_FILE_MAX + 1);

	snprintf(from, sizeof(from), "/%s", path);
	if (n >= 0)
		vmr_initcpio_parse(buf, from, ic);
	if (n >= 0 || (dropin && (n == -EISDIR || n == -ENOENT ||
				  n == -ELOOP)))
		return true;
	if (n == -EFBIG)
		snprintf(why, sizeof(why), "larger than %u KiB, not read",
			 VMR_IC_FILE_MAX >> 10);
	else
		snprintf(why, sizeof(why), "cannot read it: %s", strerror(-n));
	unknown(ic, from, why);
	return false;
}

static void read_dropins(const struct vmr_root *root, char *buf,
			 struct vmr_initcpio *ic)
{
	struct dropins *d = calloc(1, sizeof(*d));
	char path[VMR_PATH_MAX];

	if (!d) {
		unknown(ic, "/" DROPIN_DIR, "out of memory");
		return;
	}
	vmr_foreach_dir(root, DROPIN_DIR, dropin_name, d);
	if (d->over)
		unknown(ic, "/" DROPIN_DIR, "more drop-ins than vmreserve "
			"reads (32), or a name too long");
	qsort(d->name, d->n, sizeof(d->name[0]), by_version);
	for (size_t i = 0; i < d->n && !d->over; i++) {
		if (vmr_path(path, DROPIN_DIR "/%s", d->name[i]) < 0 ||
		    !apply(root, path, true, buf, ic))
			break;
	}
	free(d);
}

/* "ALL_config=" or "PRESET_config=" in a preset: mkinitcpio -P then runs
 * with -c FILE, which reads no drop-in. 1: the main file, 0: none, -1:
 * another file (named in other). */
static int preset_config(const char *text, char *other, size_t size)
{
	int ret = 0;

	for (const char *p = text; *p; p = *eol(p) ? eol(p) + 1 : eol(p)) {
		const char *s = p + strspn(p, " \t"), *eq = s, *v;
		char q;
		size_t len;

		while (ident(*eq))
			eq++;
		if (*eq != '=' || eq - s < 7 || strncmp(eq - 7, "_config", 7))
			continue;
		v = eq + 1;
		q = *v == '"' || *v == '\'' ? *v++ : 0;
		len = strcspn(v, q == '"' ? "\"\n" : q ? "'\n" : " \t\n#;");
		if (len == 0) /* empty: the default file, and the drop-ins */
			continue;
		if (len != sizeof("/" MAIN_CONF) - 1 ||
		    strncmp(v, "/" MAIN_CONF, len) != 0) {
			snprintf(other, size, "%.*s", (int)len, v);
			return -1;
		}
		ret = 1;
	}
	return ret;
}

struct presets {
	const struct vmr_root *root;
	char *buf;
	int config;     /* the worst preset_config() */
	char name[VMR_NAME_MAX + 1], other[VMR_PATH_MAX];
};

static int preset_one(const char *name, void *ctx)
{
	struct presets *ps = ctx;
	char path[VMR_PATH_MAX];
	size_t len = strlen(name);
	int c;

	if (len < 7 || strcmp(name + len - 7, ".preset") != 0 ||
	    vmr_path(path, PRESET_DIR "/%s", name) < 0 ||
	    vmr_read_flags(ps->root, path, O_NONBLOCK, ps->buf,
			   VMR_IC_FILE_MAX + 1) < 0)
		return 0;
	c = preset_config(ps->buf, ps->other, sizeof(ps->other));
	if (c == 1 && ps->config == 0)
		ps->config = 1;
	if (c < 0) {
		ps->config = -1;
		snprintf(ps->name, sizeof(ps->name), "%s", name);
		return 1;
	}
	return 0;
}

void vmr_initcpio_read(const struct vmr_root *root, struct vmr_initcpio *ic)
{
	char *buf = malloc(VMR_IC_FILE_MAX + 1), why[160];
	struct presets ps = { root, buf, 0, "", "" };

	memset(ic, 0, sizeof(*ic));
	snprintf(ic->from, sizeof(ic->from), "/" MAIN_CONF);
	if (!buf) {
		unknown(ic, "/" MAIN_CONF, "out of memory");
		return;
	}
	vmr_foreach_dir(root, PRESET_DIR, preset_one, &ps);
	if (ps.config < 0) {
		snprintf(why, sizeof(why), "the preset /" PRESET_DIR "/%s "
			 "builds with %s, which vmreserve does not read",
			 ps.name, ps.other);
		unknown(ic, "/" MAIN_CONF, why);
	} else if (apply(root, MAIN_CONF, false, buf, ic) && ps.config == 0) {
		read_dropins(root, buf, ic);
	}
	free(buf);
}


/* ---- the judgement ------------------------------------------------------ */

static bool has(const struct vmr_initcpio *ic, const char *name)
{
	for (size_t i = 0; i < ic->n; i++)
		if (strcmp(ic->hook[i], name) == 0)
			return true;
	return false;
}

/* Does a stand before b in HOOKS (both there)? */
static bool before(const struct vmr_initcpio *ic, const char *a,
		   const char *b)
{
	for (size_t i = 0; i < ic->n; i++)
		if (strcmp(ic->hook[i], a) == 0 || strcmp(ic->hook[i], b) == 0)
			return strcmp(ic->hook[i], a) == 0;
	return false;
}

static void add(char *buf, size_t size, const char *word)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s", buf[len - 1] == '(' ? "" : " ",
		 word);
}

/*
 * The HOOKS line with vmreserve's hook in its place and the one that never
 * runs here taken out: sd-vmreserve right after systemd; else vmreserve
 * right before udev, or after base without udev, or first.
 */
/* The HOOKS line with vmreserve's hook in its place; false when it does
 * not fit BUF. */
static bool fixed_line(const struct vmr_initcpio *ic, char *buf, size_t size)
{
	bool sd = has(ic, "systemd"), udev = has(ic, "udev");
	bool base = has(ic, "base");
	size_t len;

	snprintf(buf, size, "HOOKS=(");
	if (!sd && !udev && !base)
		add(buf, size, "vmreserve");
	for (size_t i = 0; i < ic->n; i++) {
		const char *h = ic->hook[i];

		if (strcmp(h, "vmreserve") == 0 || strcmp(h, "sd-vmreserve") == 0)
			continue;
		if (!sd && strcmp(h, "udev") == 0)
			add(buf, size, "vmreserve");
		add(buf, size, h);
		if ((sd && strcmp(h, "systemd") == 0) ||
		    (!sd && !udev && strcmp(h, "base") == 0))
			add(buf, size, sd ? "sd-vmreserve" : "vmreserve");
	}
	len = strlen(buf);
	if (len + 1 >= size) /* a hook cut short, or no room for ')' */
		return false;
	buf[len] = ')';
	buf[len + 1] = '\0';
	return true;
}

/* mkinitcpio's lookup: /etc/initcpio first, then /usr/lib/initcpio; the
 * early hook also needs its runtime script (add_runscript). */
static bool installed(const struct vmr_root *root, const char *name,
		      bool runtime)
{
	bool inst = vmr_existsf(root, "etc/initcpio/install/%s", name) ||
		    vmr_existsf(root, "usr/lib/initcpio/install/%s", name);

	return inst && (!runtime ||
			vmr_existsf(root, "etc/initcpio/hooks/%s", name) ||
			vmr_existsf(root, "usr/lib/initcpio/hooks/%s", name));
}

/* What is wrong with this HOOKS for vmreserve, or NULL; *extra: a hook of
 * vmreserve's that is there but never runs (a note). */
static const char *problem(const struct vmr_initcpio *ic, const char **extra)
{
	bool sd = has(ic, "systemd"), v = has(ic, "vmreserve");
	bool sdv = has(ic, "sd-vmreserve");

	*extra = sd && v ? "vmreserve" : !sd && sdv ? "sd-vmreserve" : NULL;
	if (sd && !sdv)
		return v ? "has vmreserve with the systemd hook, which runs no "
			   "early hook (its variant is sd-vmreserve): "
			   "vmreserve-early would not run at boot" : "has the "
			   "systemd hook and no sd-vmreserve: vmreserve-early "
			   "would not run at boot";
	if (!sd && !v)
		return sdv ? "has sd-vmreserve without the systemd hook, where "
			     "it never runs (with base and udev the hook is "
			     "vmreserve): vmreserve-early would not run at "
			     "boot" : "has no vmreserve: vmreserve-early would "
			     "not run at boot";
	if (!sd && has(ic, "udev") && !before(ic, "vmreserve", "udev"))
		return "has vmreserve after udev: it would run after udevd "
		       "has started, not before it";
	return NULL;
}

static void judge_hooks(const struct vmr_initcpio *ic, enum vmr_level level,
			struct vmr_advice_list *l)
{
	char line[VMR_ADVICE_LEN], fix[VMR_ADVICE_LEN];
	const char *extra, *what = problem(ic, &extra);

	/* A line cut short would not parse if pasted: say it in words. */
	if (!fixed_line(ic, line, sizeof(line)) ||
	    snprintf(fix, sizeof(fix), "put %s in %s in place of its HOOKS, "
		     "then run: mkinitcpio -P", line, ic->from) >= (int)sizeof(fix))
		snprintf(fix, sizeof(fix), "in HOOKS, put %s, then run: "
			 "mkinitcpio -P", has(ic, "systemd") ?
			 "sd-vmreserve right after systemd" : has(ic, "udev") ?
			 "vmreserve right before udev" : "vmreserve right after base");
	if (ic->n == 0)
		vmr_advise(l, level, NULL, "HOOKS in %s is empty: mkinitcpio "
			   "builds no image ('No hooks found')", ic->from);
	else if (what)
		vmr_advise(l, level, fix, "HOOKS in %s %s", ic->from, what);
	else if (extra)
		vmr_advise(l, VMR_LVL_NOTE, fix, "HOOKS in %s also has %s, "
			   "which never runs with these hooks", ic->from,
			   extra);
}

void vmr_initcpio_judge(const struct vmr_root *root, enum vmr_level level,
			struct vmr_advice_list *l)
{
	struct vmr_initcpio *ic = malloc(sizeof(*ic));
	bool sd;

	if (!ic)
		return;
	vmr_initcpio_read(root, ic);
	sd = ic->state == VMR_IC_PLAIN && has(ic, "systemd");
	if (ic->state == VMR_IC_UNKNOWN)
		vmr_advise(l, VMR_LVL_NOTE, "check each preset's image, e.g.: "
			   VMR_IC_LIST " (usr/lib/vmreserve/vmreserve-early "
			   "must be in it)",
			   "cannot tell which HOOKS mkinitcpio uses (%s: %s): "
			   "whether vmreserve's hook runs at boot is unknown",
			   ic->from, ic->why);
	else
		judge_hooks(ic, level, l);
	if (!installed(root, sd ? "sd-vmreserve" : "vmreserve", !sd))
		vmr_advise(l, level, "install vmreserve's mkinitcpio hooks "
			   "(vmreserve's package, or make install), then run: "
			   "mkinitcpio -P", "vmreserve's mkinitcpio hook %s is "
			   "not installed (no install/%s%s in /usr/lib/initcpio "
			   "or /etc/initcpio): mkinitcpio cannot put it in the "
			   "image", sd ? "sd-vmreserve" : "vmreserve", sd ?
			   "sd-vmreserve" : "vmreserve", sd ? "" :
			   " and hooks/vmreserve");
	free(ic);
}
