/* SPDX-License-Identifier: MIT */
/*
 * The checks of checks.h. Each reads the file formats the kernel, kmod,
 * dracut, driverctl and OpenZFS write, under the root handle.
 */
#include "checks.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binders.h"
#include "cmdline.h"
#include "hostboot.h"
#include "hp_plan.h"
#include "pci.h"

/* Advice is bounded (VMR_ADVICE_LEN): a long path cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define SLURP_MAX (4u << 20) /* /proc/iomem, modules.builtin: well below */

/* ---- helpers --------------------------------------------------------- */

/* A whole text file on the heap (NUL-terminated), or NULL. */
static char *slurp(const struct vmr_root *root, const char *path)
{
	int fd = vmr_openat(root, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	size_t len = 0, cap = 0;
	char *buf = NULL;

	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t n;

		if (len + 4096 + 1 > cap) {
			char *nb;

			if (cap >= SLURP_MAX)
				break;
			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap);
			if (!nb)
				break;
			buf = nb;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

unsigned vmr_kver_num(const char *release)
{
	char *end;
	unsigned long major = strtoul(release, &end, 10), minor;

	if (end == release || *end != '.')
		return 0;
	minor = strtoul(end + 1, &end, 10);
	if (major > 1000 || minor > 999)
		return 0;
	return (unsigned)(major * 1000 + minor);
}

static unsigned kver(const struct vmr_root *root, char *rel, size_t size)
{
	if (vmr_read(root, "proc/sys/kernel/osrelease", rel, size) <= 0) {
		rel[0] = '\0';
		return 0;
	}
	return vmr_kver_num(rel);
}

/* Is word (a module name, - and _ alike) in the list (sep-separated)? */
static bool list_has(const char *list, const char *seps, const char *word)
{
	size_t wl = strlen(word);

	while (*list) {
		size_t n;

		list += strspn(list, seps);
		n = strcspn(list, seps);
		if (n == wl) {
			char a[VMR_DRV_LEN];

			snprintf(a, sizeof(a), "%.*s", (int)n, list);
			if (vmr_key_eq(a, word))
				return true;
		}
		list += n;
	}
	return false;
}

static const struct vmr_fn *fn_of(const struct vmr_check_in *in, size_t k)
{
	return &in->r->fn[in->fn[k]];
}

/* ---- 1. a boot framebuffer inside a BAR ------------------------------ */

static const char *const fb_names[] = {
	"BOOTFB", "efifb", "simpledrm", "vesafb", "simplefb", NULL,
};

#define IORESOURCE_MEM 0x200

/* The device's memory BAR (0-5) holding [lo, hi], or -1. */
static int bar_holding(const struct vmr_root *root, const char *addr,
		       unsigned long long lo, unsigned long long hi)
{
	char buf[1024], *line, *save = NULL;
	int bar = 0;

	if (vmr_readf(root, buf, sizeof(buf), "sys/bus/pci/devices/%s/resource",
		      addr) <= 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line && bar < 6;
	     line = strtok_r(NULL, "\n", &save), bar++) {
		unsigned long long s, e, fl;

		if (sscanf(line, "%llx %llx %llx", &s, &e, &fl) != 3)
			continue;
		if ((fl & IORESOURCE_MEM) && s && lo <= e && hi >= s)
			return bar;
	}
	return -1;
}

static bool fb_name(const char *name)
{
	for (size_t i = 0; fb_names[i]; i++)
		if (strcmp(name, fb_names[i]) == 0)
			return true;
	return false;
}

static void fb_fix(unsigned kv, char *fix, size_t size)
{
	/* Since 5.15 sysfb registers the framebuffer itself (the BOOTFB
	 * range), so video=efifb:off no longer frees the BAR. */
	if (kv >= 5015 || kv == 0)
		snprintf(fix, size, "add initcall_blacklist=sysfb_init to the "
			 "kernel command line (Linux 5.15+: video=efifb:off "
			 "is not enough), or make another GPU the boot GPU in "
			 "the firmware");
	else
		snprintf(fix, size, "add video=efifb:off video=vesafb:off to "
			 "the kernel command line, or make another GPU the "
			 "boot GPU in the firmware");
}

static void fb_one(const struct vmr_check_in *in, const struct vmr_fn *f,
		   const char *name, unsigned long long lo,
		   unsigned long long hi, unsigned kv)
{
	int bar = bar_holding(in->root, f->addr, lo, hi);
	/* vfio-pci removes firmware framebuffers on its BARs when it probes
	 * a VGA-class device, since Linux 6.0 (commit d1737806, "vfio/pci:
	 * Remove console drivers"; vfio_pci_vga_init() calls
	 * aperture_remove_conflicting_pci_devices()). */
	bool evicts = kv >= 6000 && (f->class >> 8) == 0x0300;
	char fix[VMR_ADVICE_LEN];

	if (bar < 0)
		return;
	if (in->planned && evicts) {
		vmr_advise(in->advice, VMR_LVL_NOTE, "give the host console "
			   "another GPU or a serial console", "%s [mem "
			   "%#llx-%#llx] lies in BAR %d of %s: vfio-pci "
			   "removes it when it takes the device (Linux 6.0+), "
			   "and the host console on this GPU goes dark", name,
			   lo, hi, bar, f->addr);
		return;
	}
	fb_fix(kv, fix, sizeof(fix));
	vmr_advise(in->advice, VMR_LVL_WARNING, fix, "%s [mem %#llx-%#llx] "
		   "lies in BAR %d of %s: the guest cannot use the device "
		   "(\"BAR %d: can't reserve\" in the host log)%s", name, lo,
		   hi, bar, f->addr, bar, evicts ? "" : (f->class >> 8) ==
		   0x0300 ? " (this kernel is older than 6.0: vfio-pci does "
		   "not remove it)" : " (vfio-pci removes framebuffers only "
		   "for VGA-class devices)");
}

/* Unknown, not "no framebuffer": said once, a note (no risk is known). */
static void fb_unknown(const struct vmr_check_in *in, const char *why,
		       const char *what)
{
	vmr_advise(in->advice, VMR_LVL_NOTE, "run vmreserve as root to check",
		   "whether a boot framebuffer lies in a BAR of a selected "
		   "device is unknown: %s%s", why, what);
}

static void check_fb(const struct vmr_check_in *in)
{
	char rel[64], *iomem, *line, *save = NULL, hidden[64] = "";
	unsigned kv = kver(in->root, rel, sizeof(rel));

	if (!in->n_fn)
		return;
	if (!(iomem = slurp(in->root, "proc/iomem"))) {
		/* slurp's failed open leaves its errno */
		if (errno == EACCES || errno == EPERM)
			fb_unknown(in, "cannot read /proc/iomem: ",
				   strerror(errno));
		return;
	}
	for (line = strtok_r(iomem, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long lo, hi;
		char name[64];

		/* "  c0000000-c02fffff : BOOTFB" */
		if (sscanf(line, " %llx-%llx : %63[^\n]", &lo, &hi, name) != 3 ||
		    !fb_name(name))
			continue;
		if (hi == 0) { /* 0-0: the kernel hides addresses from non-root */
			snprintf(hidden, sizeof(hidden), "%s", name);
			continue;
		}
		for (size_t k = 0; k < in->n_fn; k++)
			fb_one(in, fn_of(in, k), name, lo, hi, kv);
	}
	free(iomem);
	if (hidden[0])
		fb_unknown(in, "/proc/iomem shows its addresses to root "
			   "only: ", hidden);
}

/* ---- 2. a host driver that can win the race -------------------------- */

struct drv_src {
	char what[160]; /* where it is loaded early, "" when nowhere */
	char fix[VMR_ADVICE_LEN];
};

static bool builtin(const struct vmr_root *root, const char *rel,
		    const char *mod)
{
	char path[VMR_PATH_MAX], *txt, *line, *save = NULL;
	bool hit = false;

	if (!rel[0] || vmr_path(path, "lib/modules/%s/modules.builtin", rel) < 0 ||
	    !(txt = slurp(root, path)))
		return false;
	/* "kernel/drivers/gpu/drm/nouveau/nouveau.ko" */
	for (line = strtok_r(txt, "\n", &save); line && !hit;
	     line = strtok_r(NULL, "\n", &save)) {
		char *base = strrchr(line, '/'), *dot;

		base = base ? base + 1 : line;
		dot = strstr(base, ".ko");
		if (dot && dot[3] == '\0') {
			*dot = '\0';
			hit = vmr_key_eq(base, mod);
		}
	}
	free(txt);
	return hit;
}

struct cmd_ctx {
	const char *mod;
	const char *key;
	char key_as_written[48], val[256];
};

static int cmd_key(const char *key, const char *val, bool truncated,
		   void *ctx)
{
	struct cmd_ctx *c = ctx;

	(void)truncated;
	if (val && (vmr_key_eq(key, "rd.driver.pre") ||
		    vmr_key_eq(key, "rd.modules_load") ||
		    vmr_key_eq(key, "modules_load")) &&
	    list_has(val, ",", c->mod)) {
		c->key = vmr_key_eq(key, "rd.driver.pre") ? "rd.driver.pre=" :
			 vmr_key_eq(key, "rd.modules_load") ?
			 "rd.modules_load=" : "modules_load=";
		snprintf(c->key_as_written, sizeof(c->key_as_written), "%s",
			 key);
		snprintf(c->val, sizeof(c->val), "%s", val);
		return 1;
	}
	return 0;
}

/* A line of FILE naming mod: modules-load.d and /etc/modules list one
 * module a line; dracut.conf has force_drivers+=" a b ". */
enum list_kind { LIST_LINES, LIST_FORCE, LIST_SOFTDEP };

static bool file_names(const struct vmr_root *root, const char *path,
		       enum list_kind kind, const char *mod, char *by,
		       size_t by_size)
{
	char *txt = slurp(root, path), *line, *save = NULL;
	bool hit = false;

	if (!txt)
		return false;
	for (line = strtok_r(txt, "\n", &save); line && !hit;
	     line = strtok_r(NULL, "\n", &save)) {
		char *p = line + strspn(line, " \t"), m[VMR_DRV_LEN];

		if (*p == '#' || *p == ';')
			continue;
		if (kind == LIST_LINES)
			hit = list_has(p, " \t", mod) &&
			      strcspn(p, " \t") == strlen(mod);
		else if (kind == LIST_FORCE)
			hit = strncmp(p, "force_drivers", 13) == 0 &&
			      list_has(p + 13, " \t+=\"'", mod);
		else if (strncmp(p, "softdep", 7) == 0 &&
			 sscanf(p + 7, " %47s", m) == 1) {
			/* "softdep MOD pre: A B post: C": loading MOD
			 * loads the others */
			char *rest = strstr(p, m) + strlen(m);

			hit = list_has(rest, " \t", mod) && !vmr_key_eq(m, mod);
			if (hit)
				snprintf(by, by_size, "%s", m);
		}
	}
	free(txt);
	return hit;
}

struct dir_scan {
	const struct vmr_root *root;
	const char *dir;
	enum list_kind kind;
	const char *mod;
	char found[VMR_PATH_MAX];
	char by[VMR_DRV_LEN];
};

static int dir_entry(const char *name, void *ctx)
{
	struct dir_scan *d = ctx;
	char path[VMR_PATH_MAX];
	size_t n = strlen(name);

	if (n < 6 || strcmp(name + n - 5, ".conf") != 0 ||
	    vmr_path(path, "%s/%s", d->dir, name) < 0)
		return 0;
	if (!file_names(d->root, path, d->kind, d->mod, d->by, sizeof(d->by)))
		return 0;
	snprintf(d->found, sizeof(d->found), "/%s", path);
	return 1;
}

static bool scan_dirs(struct dir_scan *d, const char *const *dirs)
{
	for (; *dirs; dirs++) {
		d->dir = *dirs;
		d->found[0] = '\0';
		if (vmr_foreach_dir(d->root, *dirs, dir_entry, d) == 1)
			return true;
	}
	return false;
}

static const char *const load_dirs[] = {
	"etc/modules-load.d", "run/modules-load.d", "usr/lib/modules-load.d",
	"lib/modules-load.d", NULL,
};
static const char *const dracut_dirs[] = { "etc/dracut.conf.d", NULL };
static const char *const modprobe_dirs[] = {
	"etc/modprobe.d", "run/modprobe.d", "usr/lib/modprobe.d",
	"lib/modprobe.d", NULL,
};

static bool early_files(const struct vmr_check_in *in, const char *mod,
			struct drv_src *s)
{
	static const char *const lists[] = {
		"etc/modules", "etc/initramfs-tools/modules", NULL,
	};
	struct dir_scan d = { in->root, NULL, LIST_LINES, mod, "", "" };
	char dummy[8];

	for (size_t i = 0; lists[i]; i++) {
		if (!file_names(in->root, lists[i], LIST_LINES, mod, dummy,
				sizeof(dummy)))
			continue;
		snprintf(s->what, sizeof(s->what), "/%s loads it", lists[i]);
		snprintf(s->fix, sizeof(s->fix), "remove %s from /%s, then "
			 "run %s", mod, lists[i], in->rebuild);
		return true;
	}
	if (scan_dirs(&d, load_dirs)) {
		snprintf(s->what, sizeof(s->what), "%s loads it", d.found);
		snprintf(s->fix, sizeof(s->fix), "remove %s from %s, then run "
			 "%s", mod, d.found, in->rebuild);
		return true;
	}
	d.kind = LIST_FORCE;
	if (file_names(in->root, "etc/dracut.conf", LIST_FORCE, mod, dummy,
		       sizeof(dummy)))
		snprintf(d.found, sizeof(d.found), "/etc/dracut.conf");
	if (d.found[0] || scan_dirs(&d, dracut_dirs)) {
		snprintf(s->what, sizeof(s->what), "dracut's force_drivers in "
			 "%s loads it in the initramfs", d.found);
		snprintf(s->fix, sizeof(s->fix), "remove %s from force_drivers "
			 "in %s, then run %s", mod, d.found, in->rebuild);
		return true;
	}
	return false;
}

static bool softdep(const struct vmr_check_in *in, const char *rel,
		    const char *mod, struct drv_src *s)
{
	struct dir_scan d = { in->root, NULL, LIST_SOFTDEP, mod, "", "" };
	char path[VMR_PATH_MAX];

	if (rel[0] && vmr_path(path, "lib/modules/%s/modules.softdep",
			       rel) == 0 &&
	    file_names(in->root, path, LIST_SOFTDEP, mod, d.by, sizeof(d.by)))
		snprintf(d.found, sizeof(d.found), "/%s", path);
	if (!d.found[0] && !scan_dirs(&d, modprobe_dirs))
		return false;
	snprintf(s->what, sizeof(s->what), "a softdep in %s loads it with %s",
		 d.found, d.by);
	snprintf(s->fix, sizeof(s->fix), "remove %s from the softdep line of "
		 "%s in %s, then run %s (a module's own softdep comes with "
		 "the kernel: vmreserve-early unbinds it)", mod, d.by, d.found,
		 in->rebuild);
	return true;
}

/* The key without mod, in this host's boot loader's terms. */
static void cmdline_fix(const struct vmr_check_in *in, const struct cmd_ctx *c,
			char *fix, size_t size)
{
	struct vmr_hostboot hb;
	char old[320], now[320], rest[256];

	vmr_hostboot_detect(in->root, &hb);
	vmr_list_without(c->val, c->mod, rest, sizeof(rest));
	snprintf(old, sizeof(old), "%s=%s", c->key_as_written, c->val);
	snprintf(now, sizeof(now), "%s=%s", c->key_as_written, rest);
	vmr_hostboot_cmdline_fix(&hb, old, rest[0] ? now : NULL, fix, size);
}

static bool early_source(const struct vmr_check_in *in, const char *rel,
			 const char *mod, struct drv_src *s)
{
	struct cmd_ctx c = { mod, NULL, "", "" };

	if (builtin(in->root, rel, mod)) {
		snprintf(s->what, sizeof(s->what), "it is built into the "
			 "kernel (lib/modules/%s/modules.builtin): it binds "
			 "before any initramfs code runs", rel);
		snprintf(s->fix, sizeof(s->fix), "nothing keeps a built-in "
			 "driver off at boot: vmreserve-early unbinds it every "
			 "boot; a kernel with %s as a module avoids that", mod);
		return true;
	}
	vmr_cmdline_foreach(in->r->cmdline, cmd_key, &c);
	if (c.key) {
		snprintf(s->what, sizeof(s->what), "%s on the kernel command "
			 "line loads it early", c.key);
		cmdline_fix(in, &c, s->fix, sizeof(s->fix));
		return true;
	}
	return early_files(in, mod, s) || softdep(in, rel, mod, s);
}

static void drv_one(const struct vmr_check_in *in, const struct vmr_fn *f,
		    const char *rel)
{
	for (size_t h = 0; h < f->n_host; h++) {
		const char *mod = f->host[h];
		struct drv_src s = { "", "" };
		bool src = early_source(in, rel, mod, &s);
		/* The record knows which driver vmreserve-early found. */
		bool unbound = f->before[0] && vmr_key_eq(f->before, mod);

		/* Bound before the hook with no source named here (a
		 * udev-less race, an initramfs hook): the boot log says it;
		 * there is no file or key to name as the fix. */
		if (!src)
			continue;
		/* A note even when vmreserve-early had to unbind it: the
		 * device ended where it was asked (else "not on vfio-pci"
		 * is the item's own advice); the fix saves the bind and
		 * unbind, which some GPUs do not reset cleanly from. */
		vmr_advise(in->advice, VMR_LVL_NOTE, s.fix, "%s can take %s "
			   "first: %s%s%s", mod, f->addr, s.what, unbound ? "; "
			   "vmreserve-early had to unbind it at boot" : "",
			   unbound || in->planned ? "" : " (vmreserve-early "
			   "unbinds it if it wins)");
	}
}

static void check_drivers(const struct vmr_check_in *in)
{
	char rel[64];

	kver(in->root, rel, sizeof(rel));
	for (size_t k = 0; k < in->n_fn; k++)
		drv_one(in, fn_of(in, k), rel);
}

/* ---- 3. other tools that bind the same devices ----------------------- */

static void check_tools(const struct vmr_check_in *in)
{
	vmr_binders_check(in); /* driverctl, ids and blacklists: binders.c */
}

/* ---- 4. the ZFS ARC beside the hugepages ----------------------------- */

/* OpenZFS's default zfs_arc_max (arc_default_max() in
 * module/os/linux/zfs/arc_os.c): half of memory until 2.3, then the larger
 * of 5/8 and all but 1 GiB (commit 6a629f3, "arc_default_max on Linux
 * should match FreeBSD"). An unknown version gets the larger. */
static uint64_t arc_default_kb(const struct vmr_root *root, uint64_t all_kb,
			       bool *old)
{
	char ver[64];
	unsigned num = 0;
	uint64_t five8 = all_kb / 8 * 5, but1 = all_kb > 1048576 ?
			 all_kb - 1048576 : 0;

	if (vmr_read(root, "sys/module/zfs/version", ver, sizeof(ver)) > 0)
		num = vmr_kver_num(ver);
	*old = num && num < 2003;
	return *old ? all_kb / 2 : five8 > but1 ? five8 : but1;
}

static void check_zfs(const struct vmr_check_in *in)
{
	const struct vmr_report *r = in->r;
	uint64_t arc = 0, all_kb = 0, keep_kb = 0, arc_kb, room_kb;
	char fix[VMR_ADVICE_LEN], how[96];
	bool dflt, old = false;

	if (!vmr_exists(in->root, "sys/module/zfs") ||
	    vmr_read_u64(in->root, "sys/module/zfs/parameters/zfs_arc_max",
			 &arc) < 0)
		return;
	for (size_t i = 0; i < r->n_node; i++) {
		all_kb += r->node[i].mem_total_kb;
		keep_kb += vmr_keep_kb(&r->plan.keep, r->node[i].mem_total_kb);
	}
	if (!all_kb || !in->hp_kb)
		return;
	dflt = arc == 0;
	arc_kb = dflt ? arc_default_kb(in->root, all_kb, &old) : arc / 1024;
	if (arc_kb + in->hp_kb + keep_kb <= all_kb)
		return;
	room_kb = all_kb > in->hp_kb + keep_kb ? all_kb - in->hp_kb - keep_kb : 0;
	snprintf(how, sizeof(how), dflt ? old ? "0, OpenZFS's default: half "
		 "of memory" : "0, OpenZFS's default: 5/8 of memory or all "
		 "but 1 GiB" : "%llu bytes", (unsigned long long)arc);
	if (room_kb < 65536)
		snprintf(fix, sizeof(fix), "reserve fewer hugepages: with them "
			 "and the keep margin, less than 64 MiB is left for "
			 "the ARC");
	else
		snprintf(fix, sizeof(fix), "set zfs_arc_max=%llu: 'options zfs "
			 "zfs_arc_max=%llu' in /etc/modprobe.d/zfs.conf, then "
			 "%s (now: echo %llu > "
			 "/sys/module/zfs/parameters/zfs_arc_max)",
			 (unsigned long long)room_kb * 1024,
			 (unsigned long long)room_kb * 1024, in->rebuild,
			 (unsigned long long)room_kb * 1024);
	vmr_advise(in->advice, VMR_LVL_WARNING, fix, "the ZFS ARC may grow to "
		   "%llu MiB (zfs_arc_max=%s) and the hugepages hold %llu MiB: "
		   "with the keep margins (%llu MiB) that is more than the "
		   "%llu MiB of memory, and the host runs out of memory under "
		   "I/O", (unsigned long long)(arc_kb / 1024), how,
		   (unsigned long long)(in->hp_kb / 1024),
		   (unsigned long long)(keep_kb / 1024),
		   (unsigned long long)(all_kb / 1024));
}

/* ---- 5. 1G pages that fell short -------------------------------------- */

/* CONFIG_CMA=y in /boot/config-KVER: 1 yes, 0 no, -1 cannot tell. */
static int kernel_has_cma(const struct vmr_root *root, const char *rel)
{
	char path[VMR_PATH_MAX], *txt;
	int has;

	if (!rel[0] || vmr_path(path, "boot/config-%s", rel) < 0 ||
	    !(txt = slurp(root, path)))
		return -1;
	has = strstr(txt, "\nCONFIG_CMA=y") != NULL ||
	      strncmp(txt, "CONFIG_CMA=y", 12) == 0;
	free(txt);
	return has;
}

static void gig_one(const struct vmr_check_in *in, const struct vmr_hprow *h,
		    unsigned kv, int cma, const char *rel)
{
	char fix[VMR_ADVICE_LEN], cma_txt[160] = "", kern[160];
	uint64_t want = h->target_known ? h->target : h->requested;

	/* Node form hugepages=NODE:N since 5.16 (b5389086ad7b). */
	if (kv >= 5016 || kv == 0)
		snprintf(kern, sizeof(kern), "hugepagesz=1G hugepages=%u:%llu "
			 "(with rd.vmreserve.hugepages, which then checks the "
			 "node)", h->node, (unsigned long long)want);
	else
		snprintf(kern, sizeof(kern), "not the kernel's hugepages=: "
			 "this kernel (%s) is older than 5.16 and has no "
			 "node form", rel);
	/* hugetlb_cma=NODE:SIZE (per node since 5.14) keeps a CMA area the
	 * pages are taken from at runtime. */
	if (cma == 1 && (kv >= 5014 || kv == 0))
		snprintf(cma_txt, sizeof(cma_txt), "; or hugetlb_cma=%u:%lluG "
			 "(this kernel has CONFIG_CMA)", h->node,
			 (unsigned long long)want);
	else if (cma == 0)
		snprintf(cma_txt, sizeof(cma_txt), "; hugetlb_cma= does not "
			 "work here (no CONFIG_CMA in /boot/config-%s)", rel);
	else if (cma < 0)
		snprintf(cma_txt, sizeof(cma_txt), "; hugetlb_cma= needs "
			 "CONFIG_CMA (no /boot/config-%s to check)", rel);
	snprintf(fix, sizeof(fix), "%s%s", kern, cma_txt);
	vmr_advise(in->advice, VMR_LVL_NOTE, fix, "node %u got %llu of %llu 1G "
		   "pages: at runtime a whole free GiB is rare; boot-time "
		   "reservation gets them", h->node,
		   (unsigned long long)h->total, (unsigned long long)want);
}

static void check_gigantic(const struct vmr_check_in *in)
{
	const struct vmr_report *r = in->r;
	char rel[64];
	unsigned kv = kver(in->root, rel, sizeof(rel));
	int cma = -2;

	if (in->planned)
		return;
	for (size_t i = 0; i < r->n_hp; i++) {
		const struct vmr_hprow *h = &r->hp[i];
		uint64_t want = h->target_known ? h->target : h->requested;

		if (!h->asked || h->unread || h->page_kb != VMR_GIGANTIC_KB ||
		    h->total >= want || h->requested == 0)
			continue;
		if (cma == -2)
			cma = kernel_has_cma(in->root, rel);
		gig_one(in, h, kv, cma, rel);
	}
}

void vmr_checks_fb(const struct vmr_check_in *in)
{
	check_fb(in);
}

void vmr_checks_run(const struct vmr_check_in *in)
{
	check_fb(in);
	check_drivers(in);
	check_tools(in);
	check_zfs(in);
	check_gigantic(in);
}

/* ---- status ------------------------------------------------------------ */

void vmr_checks_status(const struct vmr_root *root, struct vmr_report *r)
{
	struct vmr_check_in in = { 0 };
	struct vmr_hostboot hb;
	size_t *sel = calloc(r->n_fn ? r->n_fn : 1, sizeof(*sel));
	uint64_t hp_kb = 0;

	if (!sel)
		return;
	for (size_t i = 0; i < r->n_fn; i++)
		if (r->fn[i].sel >= 0)
			sel[in.n_fn++] = i;
	for (size_t i = 0; i < r->n_hp; i++)
		hp_kb += r->hp[i].total * r->hp[i].page_kb;
	in.root = root;
	in.r = r;
	in.fn = sel;
	in.hp_kb = hp_kb;
	vmr_hostboot_detect(root, &hb);
	in.rebuild = hb.rebuild;
	in.advice = &r->advice;
	vmr_checks_run(&in);
	free(sel);
}
