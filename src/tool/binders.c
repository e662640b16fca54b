/* SPDX-License-Identifier: MIT */
/*
 * Other binders (binders.h): vfio-pci.ids=, 'options vfio-pci ids=' and
 * the blacklist keys, each held against the functions vmreserve takes.
 */
#include "binders.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdline.h"
#include "hostboot.h"
#include "pci.h"

/* Advice is bounded (VMR_ADVICE_LEN): the ids fixes check snprintf's
 * return and rephrase rather than print a cut id; the rest may be cut. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* A vfio-pci ids= value read whole (struct vmr_foreign's vfio_ids): 1023
 * characters, about 100 ids, half the kernel's 2048-byte command line. A
 * longer value is not known whole: its fix keeps it and says why. */
#define LIST_LEN 1024

/* Append sep and the entry whole or not at all (never a cut id): false
 * when it does not fit. */
static bool add(char *buf, size_t size, const char *sep, const char *fmt,
		const char *a, const char *b)
{
	size_t len = strlen(buf);
	int n = snprintf(NULL, 0, fmt, a, b);

	if (n < 0 || len + (len ? strlen(sep) : 0) + (size_t)n >= size)
		return false;
	if (len)
		snprintf(buf + len, size - len, "%s", sep);
	len = strlen(buf);
	snprintf(buf + len, size - len, fmt, a, b);
	return true;
}

/* Does the plan select r->fn[idx]? status: the selectors of this boot;
 * suggest: the keys it prints, which hold the slot, the group members they
 * take too and the host's other selectors (its report is judged with the
 * keys as the plan), not only the functions in->fn the VM gets. */
static bool taken(const struct vmr_check_in *in, size_t idx)
{
	return in->r->fn[idx].sel >= 0;
}

/*
 * Does the selection cover r->fn[idx]? suggest: the keys take it. status:
 * vmreserve-early bound it in this boot (its record); a selected device it
 * failed, refused or gave back is on vfio-pci, if at all, only through the
 * other setting. Without a record, advise() holds every fix back.
 */
static bool covered(const struct vmr_check_in *in, size_t idx)
{
	if (!taken(in, idx))
		return false;
	return in->planned || !in->r->early.present ||
	       strcmp(in->r->fn[idx].early, "bound") == 0;
}

/* "0000:0a:00.0 (not selected, on vfio-pci)": a device not covered. */
static void state_of(const struct vmr_check_in *in, size_t idx, char *buf,
		     size_t size)
{
	const struct vmr_fn *f = &in->r->fn[idx];
	char why[96];

	if (taken(in, idx))
		snprintf(why, sizeof(why), "selected, not bound by "
			 "vmreserve-early: %s", f->early[0] ? f->early :
			 "not in its record");
	else
		snprintf(why, sizeof(why), "not selected");
	if (f->driver_unread)
		snprintf(buf, size, "%s (%s, driver unknown)", f->addr, why);
	else
		snprintf(buf, size, "%s (%s, %s%s)", f->addr, why,
			 f->driver[0] ? "on " : "without a driver", f->driver);
}

static const char *who(const struct vmr_check_in *in)
{
	/* Without a record nothing is covered yet, only asked. */
	return in->planned ? "the keys below cover" : in->r->early.present ?
	       "rd.vmreserve.pci= covers" : "rd.vmreserve.pci= selects";
}

/*
 * status without this boot's record: vmreserve-early did not run, so the
 * selection covers nothing yet and the setting is what holds the devices
 * now; suggest: nothing is applied yet. Its removal waits until the keys
 * are in effect.
 */
static void advise(const struct vmr_check_in *in, enum vmr_level level,
		   const char *fix, const char *problem)
{
	char wait[VMR_ADVICE_LEN];

	if ((!in->planned && in->r->early.present) ||
	    strncmp(fix, "keep", 4) == 0) {
		vmr_advise(in->advice, level, fix, "%s", problem);
		return;
	}
	/* suggest: the old binding goes only once the keys took over. */
	if (in->planned)
		snprintf(wait, sizeof(wait), "after booting with the keys, once "
			 "vmreserve status shows them in effect: %s", fix);
	else
		snprintf(wait, sizeof(wait), "keep it until vmreserve-early runs "
			 "at boot (see the item about /run/vmreserve/state); "
			 "then: %s", fix);
	vmr_advise(in->advice, level, wait, "%s", problem);
}

/* ---- driverctl ------------------------------------------------------------ */

static void driverctl(const struct vmr_check_in *in, const struct vmr_fn *f)
{
	char drv[VMR_DRV_LEN], fix[VMR_ADVICE_LEN], problem[VMR_ADVICE_LEN];

	/* driverctl keeps one file per override: /etc/driverctl.d/pci-BDF
	 * holding the driver name. It names one device: exact by itself. */
	if (vmr_readf(in->root, drv, sizeof(drv), "etc/driverctl.d/pci-%s",
		      f->addr) <= 0)
		return;
	if (vmr_key_eq(drv, VMR_VFIO_DRIVER)) {
		snprintf(fix, sizeof(fix), "driverctl unset-override %s: %s "
			 "already hands it to vfio-pci, before udev", f->addr,
			 in->planned ? "the keys below" : "rd.vmreserve.pci");
		snprintf(problem, sizeof(problem), "driverctl also overrides %s "
			 "to vfio-pci (/etc/driverctl.d/pci-%s): a duplicate, no "
			 "conflict", f->addr, f->addr);
		advise(in, VMR_LVL_NOTE, fix, problem);
		return;
	}
	snprintf(fix, sizeof(fix), "driverctl unset-override %s", f->addr);
	vmr_advise(in->advice, VMR_LVL_WARNING, fix, "driverctl overrides %s "
		   "to %s (/etc/driverctl.d/pci-%s): it conflicts with "
		   "rd.vmreserve.pci and takes the device back from vfio-pci "
		   "after boot", f->addr, drv, f->addr);
}

/* ---- vfio-pci ids -------------------------------------------------------- */

struct ids_verdict {
	char covered[VMR_ADVICE_LEN]; /* "10de:1b80 (0000:06:00.0), ..." */
	char held[VMR_ADVICE_LEN];    /* "8086:1533 also holds ..." */
	char keep[LIST_LEN];          /* the entries to keep, as written */
	char keep_devs[VMR_ADVICE_LEN]; /* the devices they keep */
	char drop[VMR_ADVICE_LEN];    /* the entries to remove, as written */
	bool any_covered;
	bool unknown;   /* the list is not known whole: keep it */
	bool drop_cut;  /* drop does not name every entry to remove */
	bool held_cut;  /* held does not name every entry */
};

/* One entry (VVVV:DDDD[:subvendor:subdevice...], as the kernel's
 * vfio-pci.ids takes it), matched on vendor and device only: an entry
 * with subsystem ids may hold fewer devices than said, so the error is
 * on the side of keeping. */
static void ids_entry(const struct vmr_check_in *in, const char *entry,
		      struct ids_verdict *v)
{
	const struct vmr_report *r = in->r;
	char mine[128] = "", others[VMR_ADVICE_LEN] = "", id[16];
	unsigned ven, dev;

	/* Not an id this tool reads: kept as written, never removed. */
	if (sscanf(entry, "%x:%x", &ven, &dev) != 2) {
		if (!add(v->keep, sizeof(v->keep), ",", "%s%s", entry, ""))
			v->unknown = true;
		return;
	}
	snprintf(id, sizeof(id), "%04x:%04x", ven, dev);
	for (size_t i = 0; i < r->n_fn; i++) {
		const struct vmr_fn *f = &r->fn[i];
		char st[128];

		if (f->id_unread || f->vendor != ven || f->device != dev)
			continue;
		if (covered(in, i)) {
			add(mine, sizeof(mine), ", ", "%s%s", f->addr, "");
			continue;
		}
		state_of(in, i, st, sizeof(st));
		add(others, sizeof(others), ", ", "%s%s", st, "");
	}
	if (mine[0]) {
		add(v->covered, sizeof(v->covered), ", ", "%s (%s)", id, mine);
		v->any_covered = true;
	}
	if (mine[0] && !others[0]) { /* covered whole: removable */
		if (!add(v->drop, sizeof(v->drop), ", ", "%s%s", entry, ""))
			v->drop_cut = true;
		return;
	}
	if (!add(v->keep, sizeof(v->keep), ",", "%s%s", entry, ""))
		v->unknown = true;
	if (others[0]) {
		v->held_cut |= !add(v->held, sizeof(v->held), "; ",
				    "%s also holds %s", id, others);
		add(v->keep_devs, sizeof(v->keep_devs), ", ", "%s%s", others,
		    "");
	} else {
		v->held_cut |= !add(v->held, sizeof(v->held), "; ",
				    "%s matches no device here%s", id, "");
	}
}

/* whole: the list was read whole (shorter than LIST_LEN). */
static void ids_judge(const struct vmr_check_in *in, const char *list,
		      bool whole, struct ids_verdict *v)
{
	char copy[LIST_LEN], *save = NULL;

	memset(v, 0, sizeof(*v));
	/* A cut list is still judged for what it covers, never rewritten. */
	if (snprintf(copy, sizeof(copy), "%s", list) >= (int)sizeof(copy) ||
	    !whole)
		v->unknown = true;
	for (char *e = strtok_r(copy, ", \t", &save); e;
	     e = strtok_r(NULL, ", \t", &save))
		ids_entry(in, e, v);
}

/* The text shared by both places: what is covered, what else is held,
 * cut only between entries ("; ..."), never inside an id. false: some
 * of it did not fit. */
static bool ids_problem(const struct vmr_check_in *in, const char *setting,
			const struct ids_verdict *v, char *buf, size_t size)
{
	char held[VMR_ADVICE_LEN], *save = NULL;
	bool all = true;

	if (snprintf(buf, size, "%s: %s %s", setting, who(in), v->covered) >=
	    (int)size) {
		snprintf(buf, size, "%s: %s some of its ids (too many to name "
			 "here)", setting, who(in));
		return false;
	}
	snprintf(held, sizeof(held), "%s", v->held);
	for (char *e = strtok_r(held, ";", &save); e && all;
	     e = strtok_r(NULL, ";", &save))
		all = add(buf, size, "; ", "%s%s", e + strspn(e, " "), "");
	if (!all || v->held_cut)
		add(buf, size, "; ", "%s%s", "...", "");
	else if (!v->keep[0])
		all = add(buf, size, "", "%s%s", ": it holds nothing else", "");
	return all;
}

struct key_find {
	const char *name;   /* the key, - and _ alike */
	char key[48];       /* as written */
	char val[LIST_LEN];
};

static int find_key(const char *key, const char *val, bool truncated,
		    void *ctx)
{
	struct key_find *k = ctx;

	(void)truncated;
	if (!val || !vmr_key_eq(key, k->name))
		return 0;
	snprintf(k->key, sizeof(k->key), "%s", key);
	snprintf(k->val, sizeof(k->val), "%s", val);
	return 1;
}

/* The fix for a list not known whole, or none that fits: keep it. */
static void ids_keep_unknown(const struct ids_verdict *v, char *fix,
			     size_t size)
{
	if (v->unknown)
		snprintf(fix, size, "keep it: its ids are longer than %d "
			 "characters, more than vmreserve reads, so which "
			 "of them could go is not known", LIST_LEN - 1);
	else
		snprintf(fix, size, "keep it: the ids to take out of it are "
			 "too many to name in one fix");
}

/* Every id still holds something: keep it all, naming what it holds
 * when that fits. Returns what fits (never more than size - 1). */
static int ids_keep_all(const struct ids_verdict *v, const char *keep,
			char *fix, size_t size)
{
	if (snprintf(fix, size, "%s: removing any of its ids would take "
		     "vfio-pci from %s", keep, v->keep_devs[0] ?
		     v->keep_devs : "devices not here now") < (int)size)
		return 0;
	return snprintf(fix, size, "%s: each of its ids still holds a device "
			"vmreserve does not take, or may hold one not here now",
			keep);
}

/* The setting as the problem names it: the list itself, or (when the
 * problem would cut it) its length. */
static void ids_setting(const struct vmr_check_in *in, const char *fmt,
			const char *key, const char *ids, const char *path,
			const struct ids_verdict *v, char *problem,
			size_t size)
{
	char setting[LIST_LEN + VMR_PATH_MAX], n[32];
	size_t count = 1;

	snprintf(setting, sizeof(setting), fmt, key, ids, path);
	if (ids_problem(in, setting, v, problem, size))
		return;
	for (const char *p = ids; *p; p++)
		count += *p == ',';
	if (v->unknown)
		snprintf(n, sizeof(n), "...(over %d characters)", LIST_LEN - 1);
	else
		snprintf(n, sizeof(n), "...(%zu ids)", count);
	snprintf(setting, sizeof(setting), fmt, key, n, path);
	ids_problem(in, setting, v, problem, size);
}

static void cmdline_ids(const struct vmr_check_in *in,
			const struct vmr_hostboot *hb)
{
	struct key_find k = { "vfio-pci.ids", "", "" };
	struct ids_verdict v;
	const char *ids = in->r->foreign.vfio_ids, *key;
	char old[LIST_LEN + 48], now[LIST_LEN + 48];
	char problem[VMR_ADVICE_LEN], fix[VMR_ADVICE_LEN], how[VMR_ADVICE_LEN];
	int n = 0;

	if (!ids[0])
		return;
	ids_judge(in, ids, !in->r->foreign.vfio_ids_cut, &v);
	if (!v.any_covered)
		return;
	/* The key as written (vfio_pci.ids is the same parameter). */
	vmr_cmdline_foreach(in->r->cmdline, find_key, &k);
	key = k.key[0] ? k.key : "vfio-pci.ids";
	ids_setting(in, "%s=%s%s", key, ids, "", &v, problem,
		    sizeof(problem));
	snprintf(old, sizeof(old), "%s=%s", key, ids);
	snprintf(now, sizeof(now), "%s=%s", key, v.keep);
	vmr_hostboot_cmdline_fix(hb, old, v.keep[0] ? now : NULL, how,
				 sizeof(how));
	if (v.unknown)
		ids_keep_unknown(&v, fix, sizeof(fix));
	else if (strcmp(v.keep, ids) == 0)
		n = ids_keep_all(&v, "keep it", fix, sizeof(fix));
	else if (v.keep[0])
		n = snprintf(fix, sizeof(fix), "keep %s for %s: %s", v.keep,
			     v.keep_devs[0] ? v.keep_devs :
			     "devices not here now", how);
	else
		n = snprintf(fix, sizeof(fix), "%s", how);
	/* how is cut when the lists are long: say what to remove instead. */
	if (!v.unknown && strcmp(v.keep, ids) != 0 &&
	    (n >= (int)sizeof(fix) || strlen(how) + 1 >= sizeof(how)))
		n = snprintf(fix, sizeof(fix), "remove %s from %s= on the "
			     "kernel command line (%s), then run: %s", v.drop,
			     key, hb->cmdline_file[0] ? hb->cmdline_file :
			     "the boot loader's", hb->apply);
	if (v.drop_cut || n >= (int)sizeof(fix))
		ids_keep_unknown(&v, fix, sizeof(fix));
	advise(in, VMR_LVL_NOTE, fix, problem);
}

/* ---- 'options vfio-pci ids=' in modprobe.d ------------------------------ */

/* Below, with the command line's blacklist keys. */
static void bl_one(const struct vmr_check_in *in, const char *m,
		   const char *setting, const char *how);

/* "options vfio-pci ids=10de:1c81,10de:0fb9 disable_vga=1": the ids. */
static bool options_ids(const char *line, char *ids, size_t size,
			bool *whole)
{
	char mod[VMR_DRV_LEN];
	const char *p = line + strspn(line, " \t");

	if (strncmp(p, "options", 7) != 0 || sscanf(p + 7, " %47s", mod) != 1 ||
	    !vmr_key_eq(mod, VMR_VFIO_DRIVER))
		return false;
	for (p = strstr(p, mod) + strlen(mod); *p;) {
		size_t n;

		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n > 4 && strncmp(p, "ids=", 4) == 0) {
			*whole = n - 4 < size;
			snprintf(ids, size, "%.*s", (int)(n - 4), p + 4);
			return true;
		}
		p += n;
	}
	return false;
}

struct mp_scan {
	const struct vmr_check_in *in;
	const struct vmr_hostboot *hb;
	const char *dir;
};

static void options_one(const struct mp_scan *m, const char *path,
			const char *ids, bool whole)
{
	struct ids_verdict v;
	char problem[VMR_ADVICE_LEN], fix[VMR_ADVICE_LEN];
	int n = 0;

	ids_judge(m->in, ids, whole, &v);
	if (!v.any_covered)
		return;
	ids_setting(m->in, "'options vfio-pci %sids=%s' in /%s", "", ids,
		    path, &v, problem, sizeof(problem));
	if (v.unknown)
		ids_keep_unknown(&v, fix, sizeof(fix));
	else if (strcmp(v.keep, ids) == 0)
		n = ids_keep_all(&v, "keep the line", fix, sizeof(fix));
	else if (v.keep[0])
		n = snprintf(fix, sizeof(fix), "set ids=%s on that line (it "
			     "keeps %s on vfio-pci), then run %s", v.keep,
			     v.keep_devs[0] ? v.keep_devs :
			     "the devices not here now", m->hb->rebuild);
	else
		n = snprintf(fix, sizeof(fix), "remove ids=%s from that line "
			     "(the whole line if it sets nothing else), then "
			     "run %s", ids, m->hb->rebuild);
	/* The list to keep does not fit: name what goes instead. */
	if (!v.unknown && n >= (int)sizeof(fix))
		n = snprintf(fix, sizeof(fix), "remove %s from ids= on that "
			     "line (keep the others), then run %s", v.drop,
			     m->hb->rebuild);
	if (v.drop_cut || n >= (int)sizeof(fix))
		ids_keep_unknown(&v, fix, sizeof(fix));
	advise(m->in, VMR_LVL_NOTE, fix, problem);
}

/* "blacklist nouveau": udev's alias lookup never loads the module. */
static void blacklist_line(const struct mp_scan *m, const char *path,
			   const char *line)
{
	char mod[VMR_DRV_LEN], setting[VMR_PATH_MAX + 64];
	char how[VMR_ADVICE_LEN];
	const char *p = line + strspn(line, " \t");

	if (strncmp(p, "blacklist", 9) != 0 || (p[9] != ' ' && p[9] != '\t') ||
	    sscanf(p + 9, " %47s", mod) != 1)
		return;
	snprintf(setting, sizeof(setting), "'blacklist %s' in /%s", mod, path);
	snprintf(how, sizeof(how), "remove that line from /%s, then run %s",
		 path, m->hb->rebuild);
	bl_one(m->in, mod, setting, how);
}

static int options_file(const char *name, void *ctx)
{
	const struct mp_scan *m = ctx;
	char path[VMR_PATH_MAX], *txt = NULL;
	size_t n = strlen(name), cap = 0;
	FILE *f;
	int fd;

	if (n < 6 || strcmp(name + n - 5, ".conf") != 0 ||
	    vmr_path(path, "%s/%s", m->dir, name) < 0 ||
	    (fd = vmr_openat(m->in->root, path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return 0;
	}
	/* modprobe.d files are small: a line at a time. */
	while (getline(&txt, &cap, f) > 0) {
		char ids[LIST_LEN];
		bool whole;

		txt[strcspn(txt, "#\n")] = '\0'; /* a comment, the end */
		if (options_ids(txt, ids, sizeof(ids), &whole))
			options_one(m, path, ids, whole);
		else
			blacklist_line(m, path, txt);
	}
	free(txt);
	fclose(f);
	return 0;
}

static void modprobe_ids(const struct vmr_check_in *in,
			 const struct vmr_hostboot *hb)
{
	/* modprobe's own order; a file in /etc shadows the same name below,
	 * which is rare for these files: each directory is read. */
	static const char *const dirs[] = {
		"etc/modprobe.d", "run/modprobe.d", "usr/lib/modprobe.d",
		"lib/modprobe.d", NULL,
	};
	struct mp_scan m = { in, hb, NULL };

	for (size_t i = 0; dirs[i]; i++) {
		m.dir = dirs[i];
		vmr_foreach_dir(in->root, dirs[i], options_file, &m);
	}
}

/* ---- blacklists ---------------------------------------------------------- */

/* Would module m take f (its modalias names it), or does it hold f? */
static bool module_of(const struct vmr_fn *f, const char *m)
{
	if (f->driver[0] && vmr_key_eq(f->driver, m))
		return true;
	for (size_t k = 0; k < f->n_host; k++)
		if (vmr_key_eq(f->host[k], m))
			return true;
	return false;
}

void vmr_list_without(const char *val, const char *m, char *rest,
		      size_t size)
{
	char copy[LIST_LEN], *save = NULL;

	rest[0] = '\0';
	snprintf(copy, sizeof(copy), "%s", val);
	for (char *e = strtok_r(copy, ",", &save); e;
	     e = strtok_r(NULL, ",", &save))
		if (!vmr_key_eq(e, m))
			add(rest, size, ",", "%s%s", e, "");
}

struct bl_verdict {
	char mine[VMR_ADVICE_LEN];   /* the selected devices it keeps m off */
	char others[VMR_ADVICE_LEN]; /* and the others, with their state */
	bool bare;                   /* another is left without a driver */
};

static void bl_judge(const struct vmr_check_in *in, const char *m,
		     struct bl_verdict *v)
{
	const struct vmr_report *r = in->r;

	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < r->n_fn; i++) {
		const struct vmr_fn *f = &r->fn[i];
		char st[128];

		if (!module_of(f, m))
			continue;
		if (covered(in, i)) {
			add(v->mine, sizeof(v->mine), ", ", "%s%s", f->addr, "");
			continue;
		}
		state_of(in, i, st, sizeof(st));
		add(v->others, sizeof(v->others), ", ", "%s%s", st, "");
		v->bare |= !f->driver[0] && !f->driver_unread;
	}
}

/*
 * One module m kept off every device by a setting ("modprobe.blacklist=m",
 * "'blacklist m' in /etc/modprobe.d/x.conf"); how: the fix removing it.
 */
static void bl_one(const struct vmr_check_in *in, const char *m,
		   const char *setting, const char *how)
{
	struct bl_verdict v;
	char fix[VMR_ADVICE_LEN], problem[VMR_ADVICE_LEN];

	bl_judge(in, m, &v);
	if (!v.mine[0])
		return;
	if (!v.others[0]) {
		snprintf(problem, sizeof(problem), "%s: %s every device %s "
			 "would take (%s): a duplicate", setting, who(in), m,
			 v.mine);
		advise(in, VMR_LVL_NOTE, how, problem);
		return;
	}
	if (v.bare) {
		snprintf(fix, sizeof(fix), "only if those should get %s: %s", m,
			 how);
		snprintf(problem, sizeof(problem), "%s: %s %s, but it also "
			 "keeps %s off %s", setting, who(in), v.mine, m,
			 v.others);
		advise(in, VMR_LVL_WARNING, fix, problem);
		return;
	}
	snprintf(fix, sizeof(fix), "keep %s: without it %s can take %s first",
		 setting, m, v.others);
	snprintf(problem, sizeof(problem), "%s: %s %s; it also keeps %s off "
		 "%s", setting, who(in), v.mine, m, v.others);
	advise(in, VMR_LVL_NOTE, fix, problem);
}

/* Module m of the command-line setting key=val, as written. */
static void bl_cmdline(const struct vmr_check_in *in,
		       const struct vmr_hostboot *hb, const char *key,
		       const char *val, const char *m)
{
	char old[LIST_LEN + 48], now[LIST_LEN + 48], rest[LIST_LEN];
	char how[VMR_ADVICE_LEN], setting[LIST_LEN];

	vmr_list_without(val, m, rest, sizeof(rest));
	snprintf(old, sizeof(old), "%s=%s", key, val);
	snprintf(now, sizeof(now), "%s=%s", key, rest);
	snprintf(setting, sizeof(setting), "%s=%s", key, m);
	vmr_hostboot_cmdline_fix(hb, old, rest[0] ? now : NULL, how,
				 sizeof(how));
	bl_one(in, m, setting, how);
}

struct bl_walk {
	const struct vmr_check_in *in;
	const struct vmr_hostboot *hb;
};

/* Each blacklist key as written (the core's set, vmr_key_blacklists):
 * two keys naming one module are two settings, each with its own fix. */
static int bl_key(const char *key, const char *val, bool truncated,
		  void *ctx)
{
	const struct bl_walk *w = ctx;
	char list[LIST_LEN], *save = NULL;

	(void)truncated;
	if (!val || !vmr_key_blacklists(key))
		return 0;
	snprintf(list, sizeof(list), "%s", val);
	for (char *m = strtok_r(list, ",", &save); m;
	     m = strtok_r(NULL, ",", &save))
		bl_cmdline(w->in, w->hb, key, val, m);
	return 0;
}

static void blacklists(const struct vmr_check_in *in,
		       const struct vmr_hostboot *hb)
{
	struct bl_walk w = { in, hb };

	vmr_cmdline_foreach(in->r->cmdline, bl_key, &w);
}

void vmr_binders_check(const struct vmr_check_in *in)
{
	struct vmr_hostboot hb;

	if (!in->n_fn)
		return;
	vmr_hostboot_detect(in->root, &hb);
	for (size_t k = 0; k < in->n_fn; k++)
		driverctl(in, &in->r->fn[in->fn[k]]);
	blacklists(in, &hb);
	cmdline_ids(in, &hb);
	modprobe_ids(in, &hb);
}
