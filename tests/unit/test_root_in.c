/* SPDX-License-Identifier: MIT */
/*
 * --sysroot stays inside the tree (src/tool/root_in.c): the same paths
 * through openat2() (the confined root's hook, on this kernel) and through
 * the component walk kernels before 5.6 get, on a tree beside a file
 * holding a secret. Links that leave the tree by ".." or by an absolute
 * target land inside it (on a decoy), as in a chroot; links inside it
 * work.
 */
#define _GNU_SOURCE
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
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cmocka.h>

#include "root_in.h"

static char top[64];
static struct vmr_root root;

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/vmr-root-in.XXXXXX");
	if (!mkdtemp(top) || chdir(top) < 0)
		return -1;
	put("secret", "SECRET");
	if (mkdir("root", 0755) || chdir("root") || mkdir("a", 0755) ||
	    mkdir("proc", 0755) || mkdir("dev", 0755) || mkdir("d", 0755))
		return -1;
	put("a/file", "inside");
	put("secret", "decoy");
	if (symlink("../../secret", "proc/cmdline") ||   /* ".." escape */
	    symlink(strcat(strcpy((char[96]){ 0 }, top), "/secret"),
		    "proc/abs") ||                        /* absolute */
	    symlink("/secret", "proc/abs-top") ||
	    symlink("../a/file", "dev/in") ||             /* inside */
	    symlink("..", "d/up") ||                      /* a directory */
	    symlink("/a", "dev/abs-dir") ||
	    symlink("loop", "loop") ||
	    symlink("../..", "proc/up2") ||               /* a directory out */
	    mkfifo("proc/fifo", 0644) ||                  /* special files */
	    symlink("fifo", "proc/to-fifo") ||
	    (geteuid() == 0 && mknod("dev/null", S_IFCHR | 0666,
				     makedev(1, 3))))
		return -1;
	return vmr_root_open(&root, ".");
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	vmr_root_close(&root);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	return chdir("/") || system(cmd);
}

/* The file's text, or "-ERRNO". */
static const char *read_with(int (*op)(int, const char *, int),
			     const char *path, int flags, char *buf)
{
	int fd = op(root.fd, path, O_RDONLY | O_CLOEXEC | flags);
	ssize_t n;

	if (fd < 0) {
		sprintf(buf, "-%d", errno);
		return buf;
	}
	n = read(fd, buf, 63);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return n < 0 ? "(directory)" : buf;
}

static void expect(const char *path, int flags, const char *want)
{
	struct vmr_root in = root;
	char a[64], b[64];

	vmr_root_confine(&in);
	assert_string_equal(read_with(vmr_open_in_walk, path, flags, a), want);
	assert_string_equal(read_with(in.open, path, flags, b), want);
}

static void test_escapes_land_inside(void **state)
{
	char want[16];

	(void)state;
	expect("proc/cmdline", 0, "decoy");
	expect("proc/abs-top", 0, "decoy");
	/* the secret's own path, taken inside the tree: not there */
	sprintf(want, "-%d", ENOENT);
	expect("proc/abs", 0, want);
	expect("../../../secret", 0, "decoy");
	expect("a/../../secret", 0, "decoy");
}

static void test_links_inside_work(void **state)
{
	char want[16];

	(void)state;
	expect("a/file", 0, "inside");
	expect("dev/in", 0, "inside");
	expect("d/up/a/file", 0, "inside");
	expect("dev/abs-dir/file", 0, "inside");
	expect("a/./file", 0, "inside");
	expect("a/", O_DIRECTORY, "(directory)");
	expect("d/up/", O_DIRECTORY, "(directory)");
	sprintf(want, "-%d", ENOENT);
	expect("a/none", 0, want);
	sprintf(want, "-%d", ELOOP);
	expect("loop", 0, want);
	expect("dev/in", O_NOFOLLOW, want);
}

/* readlink and existence go through the same confinement (sysroot.c). */
static void test_link_name_and_exists(void **state)
{
	struct vmr_root in = root;
	char name[32];

	(void)state;
	vmr_root_confine(&in);
	assert_int_equal(vmr_link_name(&in, "d/up/dev/in", name, sizeof(name)),
			 4);
	assert_string_equal(name, "file");
	assert_true(vmr_exists(&in, "proc/cmdline"));   /* the decoy */
	assert_false(vmr_exists(&in, "dev/abs-dir/none"));
	assert_true(vmr_exists(&in, "d/up/a"));
}

static int saw_root(const char *name, void *ctx)
{
	*(int *)ctx |= strcmp(name, "root") == 0;
	return 0;
}

/* A directory walk through a link that climbs out lists the tree's top. */
static void test_dir_walk_stays_inside(void **state)
{
	struct vmr_root in = root;
	int out = 0;

	(void)state;
	vmr_root_confine(&in);
	assert_int_equal(vmr_foreach_dir(&in, "proc/up2", saw_root, &out), 0);
	assert_false(out); /* "root" is the tree itself, seen from outside */
	assert_int_equal(vmr_foreach_dir(&root, "proc/up2", saw_root, &out), 0);
	assert_true(out);  /* unconfined (the early binary's): it climbs */
}

/*
 * What a confined open opens (root_in.h): a FIFO (whose open would block
 * without O_NONBLOCK), a link to one, a device other than the kernel
 * log's: refused with ENXIO, never opened; files and directories are.
 */
static void test_special_files_refused(void **state)
{
	struct vmr_root in = root;
	char buf[64], want[16];

	(void)state;
	vmr_root_confine(&in);
	sprintf(want, "-%d", ENXIO);
	assert_string_equal(read_with(in.open, "proc/fifo", O_NONBLOCK, buf),
			    want);
	assert_string_equal(read_with(in.open, "proc/to-fifo", O_NONBLOCK,
				      buf), want);
	if (geteuid() == 0)
		assert_string_equal(read_with(in.open, "dev/null", 0, buf),
				    want);
	else
		fprintf(stderr, "# dev/null (1:3) not tested: mknod needs root\n");
	assert_string_equal(read_with(in.open, "a/file", 0, buf), "inside");
	assert_string_equal(read_with(in.open, "a", O_DIRECTORY, buf),
			    "(directory)");
}

/* The rule itself, on types a tree could hold (no node made for them). */
static void test_type_rule(void **state)
{
	struct stat st = { .st_mode = S_IFCHR };

	(void)state;
	st.st_rdev = makedev(1, 11);        /* /dev/kmsg */
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), 0);
	st.st_rdev = makedev(10, 130);      /* a watchdog */
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), -ENXIO);
	st.st_rdev = makedev(1, 3);
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), -ENXIO);
	st.st_mode = S_IFBLK;
	st.st_rdev = makedev(1, 11);        /* 1:11, but a block device */
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), -ENXIO);
	st.st_mode = S_IFSOCK;
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), -ENXIO);
	st.st_mode = S_IFIFO;
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), -ENXIO);
	st.st_mode = S_IFLNK;               /* O_PATH|O_NOFOLLOW gives links */
	assert_int_equal(vmr_root_type_ok(&st, O_NOFOLLOW), -ELOOP);
	st.st_mode = S_IFREG;
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), 0);
	st.st_mode = S_IFDIR;
	assert_int_equal(vmr_root_type_ok(&st, O_RDONLY), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes_land_inside),
		cmocka_unit_test(test_links_inside_work),
		cmocka_unit_test(test_link_name_and_exists),
		cmocka_unit_test(test_dir_walk_stays_inside),
		cmocka_unit_test(test_special_files_refused),
		cmocka_unit_test(test_type_rule),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
