/* SPDX-License-Identifier: MIT */
/*
 * The safe write of status --output (out_file.h). The attack it closes:
 * root ran `vmreserve status --prometheus >DIR/vmreserve.prom.tmp` into
 * node_exporter's directory, whose parent belongs to the prometheus
 * account on Debian; that account could plant the .tmp name as a symlink
 * to any file, and the shell's redirect followed it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "out_file.h"

/* "vmreserve: --output PATH: WHAT[: strerror]", escaped by vmr_log. */
static int fail(const struct vmr_out_file *o, const char *what, int err)
{
	vmr_log(LOG_ERR, "--output %s: %s%s%s", o->path, what, err ? ": " : "",
		err ? strerror(err) : "");
	return -(err ? err : EINVAL);
}

/* Split path into its directory (dir) and last component (base). */
static int split(struct vmr_out_file *o, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	o->path = path;
	o->base = slash ? slash + 1 : path;
	if (!*o->base || strcmp(o->base, ".") == 0 ||
	    strcmp(o->base, "..") == 0)
		return fail(o, "names a directory, not a file", 0);
	if (strlen(o->base) + 10 >= sizeof(o->tmp)) /* ".BASE.XXXXXXXX" */
		return fail(o, "the file name is too long", ENAMETOOLONG);
	n = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
	if (n >= sizeof(o->dir))
		return fail(o, "the directory name is too long", ENAMETOOLONG);
	memcpy(o->dir, !slash ? "." : path, n);
	o->dir[n] = '\0';
	return 0;
}

/*
 * Whoever owns the directory, or may write to it without the sticky bit,
 * can swap names in it between our steps: only root and the running user
 * are trusted.
 */
static int trusted(const struct vmr_out_file *o)
{
	struct stat st;
	const char *why = NULL;

	if (fstat(o->dirfd, &st) < 0)
		return fail(o, "cannot stat its directory", errno);
	if (st.st_uid != 0 && st.st_uid != geteuid())
		why = "is owned by another user (not root, not the user "
		      "running vmreserve)";
	else if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX))
		why = "is writable by group or others without the sticky bit";
	if (!why)
		return 0;
	vmr_log(LOG_ERR, "--output %s: refusing the directory %s: it %s (uid %u, "
		"mode %04o); fix: make it owned by root or by the user running "
		"vmreserve, and not writable by group or others (chown, chmod "
		"go-w)", o->path, o->dir, why, (unsigned)st.st_uid,
		(unsigned)(st.st_mode & 07777));
	return -EPERM;
}

/*
 * The rename replaces whatever FILE is: refuse what is not a file (a
 * device such as /dev/null, a FIFO, a directory), which the output was
 * never meant to replace. A symlink is replaced, never followed.
 */
static int replaceable(const struct vmr_out_file *o)
{
	struct stat st;

	if (fstatat(o->dirfd, o->base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : fail(o, "cannot stat it", errno);
	if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
		return 0;
	return fail(o, "exists and is not a regular file (refused: the new "
		    "file would replace it)", 0);
}

/* A fresh name ".BASE.XXXXXXXX" (not *.prom: the collector skips it). */
static int create_tmp(struct vmr_out_file *o)
{
	for (int tries = 0; tries < 16; tries++) {
		uint32_t rnd;
		int fd;

		if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
			rnd = (uint32_t)getpid() * 2654435761u + (uint32_t)tries;
		snprintf(o->tmp, sizeof(o->tmp), ".%s.%08x", o->base, rnd);
		fd = openat(o->dirfd, o->tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return fail(o, "cannot create a file in its directory",
				    errno);
		/* readable by the exporter whatever the umask */
		if (fchmod(fd, 0644) < 0 || !(o->f = fdopen(fd, "w"))) {
			int e = errno;

			close(fd);
			unlinkat(o->dirfd, o->tmp, 0);
			return fail(o, "cannot open the new file", e);
		}
		return 0;
	}
	return fail(o, "cannot find a free temporary name", EEXIST);
}

int vmr_out_open(struct vmr_out_file *o, const char *path)
{
	int r;

	o->f = NULL;
	o->dirfd = -1;
	if ((r = split(o, path)) < 0)
		return r;
	/* O_NOFOLLOW: a symlink put in the directory's place is refused */
	o->dirfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			O_CLOEXEC);
	if (o->dirfd < 0) {
		struct stat st;
		int e = errno;

		if ((e == ELOOP || e == ENOTDIR) && lstat(o->dir, &st) == 0 &&
		    S_ISLNK(st.st_mode))
			return fail(o, "its directory is a symbolic link "
				    "(refused: name the real directory)", 0);
		return fail(o, "cannot open its directory", e);
	}
	if ((r = trusted(o)) < 0 || (r = replaceable(o)) < 0 ||
	    (r = create_tmp(o)) < 0) {
		close(o->dirfd);
		o->dirfd = -1;
	}
	return r;
}

int vmr_out_commit(struct vmr_out_file *o)
{
	int err = 0;

	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		err = errno ? errno : EIO;
	else if (fsync(fileno(o->f)) < 0)
		err = errno;
	if (fclose(o->f) != 0 && !err)
		err = errno;
	o->f = NULL;
	/* renameat replaces the name, never follows what it points to */
	if (!err && renameat(o->dirfd, o->tmp, o->dirfd, o->base) < 0)
		err = errno;
	if (err)
		unlinkat(o->dirfd, o->tmp, 0);
	else
		fsync(o->dirfd); /* the rename survives a crash */
	close(o->dirfd);
	o->dirfd = -1;
	return err ? fail(o, "cannot write it", err) : 0;
}
