/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the rules both programs take from the core, each with one
 * implementation: which selected device is refused (vmr_refusal), which
 * keys blacklist a module, the keep margin in KiB and the keep limit, how
 * a message names an item's origin, and the table of plan sources walked
 * by vmr_plan_load (in the initramfs and on the host, over a real root
 * directory). Expectations come from the rules as vmreserve-early(8) and
 * vmreserve.conf(5) state them.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmdline.h"
#include "cmdline_src.h"
#include "hp_plan.h"
#include "pci.h"
#include "sysroot.h"

/* ---- the refusal of a selected device ------------------------------------ */

static void test_refusal(void **ctx)
{
	/* class, bridge, by_address, group, iommu */
	const struct {
		struct vmr_dev_facts f;
		enum vmr_refusal want;
	} t[] = {
		{ { 0x030000, false, true, 12, true }, VMR_REFUSE_NONE },
		{ { 0x030000, false, false, 12, true }, VMR_REFUSE_NONE },
		/* a bridge, whatever else */
		{ { 0x060400, true, true, 12, true }, VMR_REFUSE_BRIDGE },
		{ { 0x010802, true, false, -1, true }, VMR_REFUSE_BRIDGE },
		/* a bridge by header type only: the caller's bridge says it */
		{ { 0x088000, true, true, 3, true }, VMR_REFUSE_BRIDGE },
		/* storage: by id refused, by address taken */
		{ { 0x010802, false, false, 4, true }, VMR_REFUSE_STORAGE_ID },
		{ { 0x010802, false, true, 4, true }, VMR_REFUSE_NONE },
		{ { 0x010601, false, false, -1, false }, VMR_REFUSE_STORAGE_ID },
		/* no group: refused only while the IOMMU is on */
		{ { 0x030000, false, true, -1, true }, VMR_REFUSE_NO_GROUP },
		{ { 0x030000, false, true, -1, false }, VMR_REFUSE_NONE },
		/* storage by id without a group: storage is said first */
		{ { 0x010802, false, false, -1, true }, VMR_REFUSE_STORAGE_ID },
	};

	(void)ctx;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (vmr_refusal(&t[i].f) != t[i].want)
			fail_msg("row %zu: %d, want %d", i,
				 vmr_refusal(&t[i].f), t[i].want);
	}
}

static void test_refusal_why(void **ctx)
{
	(void)ctx;
	/* byte for byte what the fixtures and boot tests check */
	assert_string_equal(vmr_refusal_why(VMR_REFUSE_NONE), "");
	assert_string_equal(vmr_refusal_why(VMR_REFUSE_BRIDGE),
			    "is a PCI bridge or port: bridges are never taken");
	assert_string_equal(vmr_refusal_why(VMR_REFUSE_STORAGE_ID),
			    "is a storage controller matched only by id: "
			    "select it by address");
	assert_string_equal(vmr_refusal_why(VMR_REFUSE_NO_GROUP),
			    "has no IOMMU group (intel_iommu=igfx_off?): "
			    "vfio-pci cannot use it");
	assert_string_equal(vmr_refusal_why(VMR_REFUSE_NO_GROUP),
			    VMR_NO_GROUP_WHY);
	/* every reason fits the record's why */
	for (int r = VMR_REFUSE_NONE; r <= VMR_REFUSE_NO_GROUP; r++)
		assert_true(strlen(vmr_refusal_why(r)) < VMR_MSG_LEN);
}

/* ---- blacklists ------------------------------------------------------------ */

static void test_blacklist_keys(void **ctx)
{
	(void)ctx;
	assert_true(vmr_key_blacklists("modprobe.blacklist"));
	assert_true(vmr_key_blacklists("rd.driver.blacklist"));
	assert_true(vmr_key_blacklists("module_blacklist"));
	assert_true(vmr_key_blacklists("module-blacklist"));
	assert_false(vmr_key_blacklists("modprobe.blacklis"));
	assert_false(vmr_key_blacklists("modprobe.blacklist2"));
	assert_false(vmr_key_blacklists("rd.driver.pre"));
	assert_false(vmr_key_blacklists("blacklist"));
	assert_false(vmr_key_blacklists(""));
}

static void test_list_has_module(void **ctx)
{
	(void)ctx;
	assert_true(vmr_list_has_module("vfio_pci", "vfio_pci"));
	assert_true(vmr_list_has_module("vfio-pci", "vfio_pci"));
	assert_true(vmr_list_has_module("vfio_pci", "vfio-pci"));
	assert_true(vmr_list_has_module("nouveau,vfio-pci", "vfio_pci"));
	assert_true(vmr_list_has_module("a,,vfio_pci,b", "vfio_pci"));
	assert_true(vmr_list_has_module(",vfio_pci", "vfio_pci"));
	assert_false(vmr_list_has_module("vfio_pci_core", "vfio_pci"));
	assert_false(vmr_list_has_module("xvfio_pci", "vfio_pci"));
	assert_false(vmr_list_has_module("a,xvfio_pci", "vfio_pci"));
	assert_false(vmr_list_has_module("vfio", "vfio_pci"));
	assert_false(vmr_list_has_module("", "vfio_pci"));
}

static void test_module_blacklisted(void **ctx)
{
	char key[32] = "unchanged";

	(void)ctx;
	assert_false(vmr_module_blacklisted("ro quiet modprobe.blacklist=nouveau",
					    "vfio_pci", key, sizeof(key)));
	assert_string_equal(key, "unchanged");
	/* every key of the set, named as written */
	assert_true(vmr_module_blacklisted("ro rd.driver.blacklist=vfio-pci",
					   "vfio_pci", key, sizeof(key)));
	assert_string_equal(key, "rd.driver.blacklist");
	assert_true(vmr_module_blacklisted("module-blacklist=x,vfio_pci",
					   "vfio_pci", key, sizeof(key)));
	assert_string_equal(key, "module-blacklist");
	/* the first that names it */
	assert_true(vmr_module_blacklisted("modprobe.blacklist=a "
					   "modprobe.blacklist=vfio_pci "
					   "module_blacklist=vfio_pci",
					   "vfio_pci", key, sizeof(key)));
	assert_string_equal(key, "modprobe.blacklist");
	/* a bare key names nothing; another key's value is not a list */
	assert_false(vmr_module_blacklisted("modprobe.blacklist "
					    "rd.vmreserve.pci=vfio_pci",
					    "vfio_pci", key, sizeof(key)));
}

/* ---- keep ------------------------------------------------------------------ */

static void test_keep_kb(void **ctx)
{
	struct vmr_keep def = { VMR_KEEP_DEFAULT, 0 };
	struct vmr_keep bytes = { VMR_KEEP_BYTES, 256ULL << 20 };
	struct vmr_keep pct = { VMR_KEEP_PERCENT, 50 };

	(void)ctx;
	/* default: a quarter of the node, at most 2 GiB */
	assert_int_equal(vmr_keep_kb(&def, 4 << 20), 1 << 20);
	assert_int_equal(vmr_keep_kb(&def, 16 << 20), 2 << 20);
	assert_int_equal(vmr_keep_kb(&bytes, 16 << 20), 256 << 10);
	assert_int_equal(vmr_keep_kb(&pct, 3 << 20), 1536 << 10);
	assert_int_equal(vmr_keep_kb(NULL, 4 << 20), 1 << 20);
	/* the same as the byte form at every caller's scale */
	for (uint64_t kb = 1; kb < (1ULL << 40); kb = kb * 7 + 3)
		assert_int_equal(vmr_keep_kb(&pct, kb),
				 vmr_keep_bytes(&pct, kb * 1024) / 1024);
}

static void test_hp_limit(void **ctx)
{
	struct vmr_hp_req req = { .page_kb = 2048 };
	struct vmr_hp_result res = { .before = 10, .free_kb = 1 << 20,
				     .keep_kb = 512 << 10 };

	(void)ctx;
	/* 512 MiB spare: 256 more 2M pages on top of the 10 held */
	assert_int_equal(vmr_hp_limit(10, 1 << 20, 512 << 10, 2048), 266);
	assert_int_equal(vmr_hp_keep_limit(&req, &res), 266);
	/* less free than kept: only what is held */
	assert_int_equal(vmr_hp_limit(7, 100, 200, 2048), 7);
	/* a part of a page does not count */
	assert_int_equal(vmr_hp_limit(0, (3 << 20) - 1, 0, 1 << 20), 2);
}

static void test_plan_hp_find(void **ctx)
{
	static struct vmr_plan p;

	(void)ctx;
	vmr_cmdline_parse("rd.vmreserve.hugepages=0:4,1:2:1G,1:8", &p);
	assert_int_equal(vmr_plan_hp_find(&p, 0, 2048), 0);
	assert_int_equal(vmr_plan_hp_find(&p, 1, 1048576), 1);
	assert_int_equal(vmr_plan_hp_find(&p, 1, 2048), 2);
	assert_int_equal(vmr_plan_hp_find(&p, 0, 1048576), -1);
	assert_int_equal(vmr_plan_hp_find(&p, 2, 2048), -1);
}

/* ---- the origin of an item in messages --------------------------------- */

static void test_origin(void **ctx)
{
	char buf[VMR_ORIGIN_LEN];
	struct vmr_from proc = { VMR_SRC_PROC, 0 }, etc = { VMR_SRC_ETC_CMDLINE, 0 };
	struct vmr_from conf = { VMR_SRC_CONF, 7 }, none = { VMR_SRC_COUNT, 0 };
	struct vmr_from big = { VMR_SRC_CONF, 4294967295u };

	(void)ctx;
	assert_string_equal(vmr_origin(proc, "hugepages", buf),
			    "rd.vmreserve.hugepages");
	assert_string_equal(vmr_origin(etc, "pci", buf), "rd.vmreserve.pci");
	assert_string_equal(vmr_origin(none, "keep", buf), "rd.vmreserve.keep");
	assert_string_equal(vmr_origin(conf, "hugepages", buf),
			    "/etc/vmreserve.conf:7: hugepages");
	assert_string_equal(vmr_origin(big, "hugepages", buf),
			    "/etc/vmreserve.conf:4294967295: hugepages");
}

/* ---- the plan sources --------------------------------------------------- */

struct fx {
	char dir[64];
	struct vmr_root root;
};

static int setup(void **ctx)
{
	static struct fx fx;

	snprintf(fx.dir, sizeof(fx.dir), "/tmp/vmr-rules-XXXXXX");
	if (!mkdtemp(fx.dir) || vmr_root_open(&fx.root, fx.dir) < 0)
		return -1;
	*ctx = &fx;
	return 0;
}

static const char *const files[] = {
	"etc/vmreserve.conf", "etc/cmdline.d/10-b.conf",
	"etc/cmdline.d/05-a.conf", "etc/cmdline.d/.hidden.conf",
	"etc/cmdline.d/x.txt", "etc/cmdline", "proc/cmdline",
	"run/initramfs/cmdline.d/50-z.conf",
};
static const char *const dirs[] = {
	"run/initramfs/cmdline.d", "run/initramfs", "run", "proc",
	"etc/cmdline.d", "etc",
};

static int teardown(void **ctx)
{
	struct fx *fx = *ctx;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlinkat(fx->root.fd, files[i], 0);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		unlinkat(fx->root.fd, dirs[i], AT_REMOVEDIR);
	vmr_root_close(&fx->root);
	return rmdir(fx->dir);
}

static void put(const struct fx *fx, const char *path, const char *text)
{
	int fd = openat(fx->root.fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* Every source with one pci selector each: the order shows in sel[]. */
static void make_tree(const struct fx *fx)
{
	for (size_t i = sizeof(dirs) / sizeof(dirs[0]); i-- > 0;)
		mkdirat(fx->root.fd, dirs[i], 0700);
	put(fx, "etc/vmreserve.conf", "pci=01:00\nkeep=8G\n");
	put(fx, "etc/cmdline.d/10-b.conf", "rd.vmreserve.pci=03:00\n");
	put(fx, "etc/cmdline.d/05-a.conf", "rd.vmreserve.pci=02:00\n");
	put(fx, "etc/cmdline.d/.hidden.conf", "rd.vmreserve.pci=0a:00\n");
	put(fx, "etc/cmdline.d/x.txt", "rd.vmreserve.pci=0b:00\n");
	put(fx, "etc/cmdline", "rd.vmreserve.pci=04:00\n");
	put(fx, "proc/cmdline", "ro rd.vmreserve.pci=05:00 "
	    "rd.vmreserve.keep=1G\n");
	put(fx, "run/initramfs/cmdline.d/50-z.conf", "rd.vmreserve.pci=06:00\n");
}

static struct vmr_plan plan;
static char text[VMR_CMDLINE_MAX], proc[VMR_CMDLINE_MAX], names[256];

static void assert_sels(const char *const *want, size_t n)
{
	assert_int_equal(plan.n_sel, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(plan.sel[i].text, want[i]);
}

static void test_plan_table(void **ctx)
{
	(void)ctx;
	/* the record row first and on the host only; every other row in
	   the initramfs; the config file and proc/cmdline on both */
	assert_int_equal(vmr_plan_srcs[0].kind, VMR_SK_RECORD);
	assert_int_equal(vmr_plan_srcs[0].where, VMR_ON_HOST);
	for (size_t i = 1; i < VMR_N_PLAN_SRC; i++) {
		bool both = vmr_plan_srcs[i].src == VMR_SRC_CONF ||
			    vmr_plan_srcs[i].src == VMR_SRC_PROC;

		assert_true(vmr_plan_srcs[i].where & VMR_IN_INITRAMFS);
		assert_int_equal(!!(vmr_plan_srcs[i].where & VMR_ON_HOST), both);
	}
}

static void test_plan_in_initramfs(void **ctx)
{
	static const char *const want[] = {
		"0000:01:00", "0000:02:00", "0000:03:00", "0000:04:00",
		"0000:05:00", "0000:06:00",
	};
	struct fx *fx = *ctx;
	struct vmr_plan_load l = {
		.where = VMR_IN_INITRAMFS, .text = text, .proc = proc,
		.names = names, .names_size = sizeof(names), .report = true,
	};

	make_tree(fx);
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	/* the file, cmdline.d in byte order, etc/cmdline, proc, run's */
	assert_sels(want, 6);
	assert_int_equal(plan.sel[0].from.src, VMR_SRC_CONF);
	assert_int_equal(plan.sel[0].from.line, 1);
	assert_int_equal(plan.sel[1].from.src, VMR_SRC_CMDLINE_D);
	assert_int_equal(plan.sel[5].from.src, VMR_SRC_RUN_D);
	/* the command line's keep wins over the file's */
	assert_int_equal(plan.keep.value, 1ULL << 30);
	assert_int_equal(plan.keep_from.src, VMR_SRC_PROC);
	assert_false(l.from_record);
	assert_int_equal(l.conf_r, 17); /* trailing newline dropped */
	assert_true(strncmp(l.conf_fp, "17:", 3) == 0);
	/* proc/cmdline kept for the kernel's own keys */
	assert_string_equal(proc, "ro rd.vmreserve.pci=05:00 rd.vmreserve.keep=1G");
	assert_int_equal(plan.n_errors, 0);
}

static void test_plan_cmdline_given(void **ctx)
{
	static const char *const want[] = {
		"0000:01:00", "0000:02:00", "0000:03:00", "0000:04:00",
		"0000:09:00", "0000:06:00",
	};
	struct fx *fx = *ctx;
	struct vmr_plan_load l = {
		.where = VMR_IN_INITRAMFS, .cmdline = "rd.vmreserve.pci=09:00",
		.text = text, .proc = proc, .names = names,
		.names_size = sizeof(names), .report = true,
	};

	make_tree(fx);
	proc[0] = '\0';
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_sels(want, 6);
	assert_string_equal(proc, ""); /* not read */
}

static void test_plan_no_proc(void **ctx)
{
	static const char *const want[] = {
		"0000:01:00", "0000:02:00", "0000:03:00", "0000:04:00",
	};
	struct fx *fx = *ctx;
	struct vmr_plan_load l = {
		.where = VMR_IN_INITRAMFS, .text = text, .proc = proc,
		.names = names, .names_size = sizeof(names), .report = true,
	};

	make_tree(fx);
	unlinkat(fx->root.fd, "proc/cmdline", 0);
	/* nothing may be done; the rows after it are not read */
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), -EIO);
	assert_sels(want, 4);
}

static void test_plan_conf_unreadable(void **ctx)
{
	struct fx *fx = *ctx;
	struct vmr_plan_load l = {
		.where = VMR_IN_INITRAMFS, .text = text, .proc = proc,
		.names = names, .names_size = sizeof(names), .report = true,
	};

	make_tree(fx);
	unlinkat(fx->root.fd, "etc/vmreserve.conf", 0);
	mkdirat(fx->root.fd, "etc/vmreserve.conf", 0700);
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_int_equal(l.conf_r, -EISDIR);
	assert_string_equal(l.conf_fp, "skipped");
	/* reported: a configuration error; not reported: the tool's call */
	assert_int_equal(plan.n_errors, 1);
	l.report = false;
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_int_equal(plan.n_errors, 0);
	assert_int_equal(plan.n_sel, 5);
	unlinkat(fx->root.fd, "etc/vmreserve.conf", AT_REMOVEDIR);
	/* absent: normal, no error */
	l.report = true;
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_int_equal(l.conf_r, -ENOENT);
	assert_string_equal(l.conf_fp, "absent");
	assert_int_equal(plan.n_errors, 0);
}

static bool no_record(struct vmr_plan *p, void *ctx)
{
	(void)p;
	++*(int *)ctx;
	return false;
}

static bool a_record(struct vmr_plan *p, void *ctx)
{
	++*(int *)ctx;
	vmr_plan_add(p, "rd.vmreserve.pci=0c:00", VMR_SRC_ETC_CMDLINE);
	return true;
}

static void test_plan_on_host(void **ctx)
{
	static const char *const want[] = { "0000:01:00", "0000:05:00" };
	static const char *const given[] = { "0000:01:00", "0000:07:00" };
	static const char *const recorded[] = { "0000:0c:00" };
	struct fx *fx = *ctx;
	int calls = 0;
	struct vmr_plan_load l = {
		.where = VMR_ON_HOST, .text = text, .proc = proc,
		.record = no_record, .ctx = &calls,
	};

	make_tree(fx);
	/* no record: the host's file now, then the command line only */
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_int_equal(calls, 1);
	assert_false(l.from_record);
	assert_sels(want, 2);
	/* the text the tool read (or --cmdline) instead of proc/cmdline */
	l.cmdline = "rd.vmreserve.pci=07:00";
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_sels(given, 2);
	/* the record wins whole */
	l.record = a_record;
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_true(l.from_record);
	assert_sels(recorded, 1);
	assert_string_equal(l.conf_fp, "absent"); /* not read */
	/* no callback: the row is skipped */
	l.record = NULL;
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_false(l.from_record);
	assert_sels(given, 2);
}

static void test_plan_host_follows_conf_link(void **ctx)
{
	struct fx *fx = *ctx;
	struct vmr_plan_load l = {
		.where = VMR_ON_HOST, .cmdline = "", .text = text,
	};

	make_tree(fx);
	renameat(fx->root.fd, "etc/vmreserve.conf", fx->root.fd,
		 "etc/cmdline.d/real");
	assert_int_equal(symlinkat("cmdline.d/real", fx->root.fd,
				   "etc/vmreserve.conf"), 0);
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_int_equal(plan.n_sel, 1);
	/* the initramfs' copy is never a link: not followed there */
	l.where = VMR_IN_INITRAMFS;
	l.names = names;
	l.names_size = sizeof(names);
	l.proc = proc;
	assert_int_equal(vmr_plan_load(&fx->root, &l, &plan), 0);
	assert_int_equal(l.conf_r, -ELOOP);
	unlinkat(fx->root.fd, "etc/cmdline.d/real", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusal),
		cmocka_unit_test(test_refusal_why),
		cmocka_unit_test(test_blacklist_keys),
		cmocka_unit_test(test_list_has_module),
		cmocka_unit_test(test_module_blacklisted),
		cmocka_unit_test(test_keep_kb),
		cmocka_unit_test(test_hp_limit),
		cmocka_unit_test(test_plan_hp_find),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_plan_table),
		cmocka_unit_test_setup_teardown(test_plan_in_initramfs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_plan_cmdline_given, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_plan_no_proc, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_plan_conf_unreadable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_plan_on_host, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_plan_host_follows_conf_link,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
