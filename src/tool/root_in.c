/* SPDX-License-Identifier: MIT */
/* O_PATH */
#define _GNU_SOURCE
#include "root_in.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif

/* The kernel's own limit on links in one lookup (ELOOP after it). */
#define WALK_LINKS 40
/* Directories held open at once: a path of VMR_PATH_MAX has fewer. */
#define WALK_DEPTH 128
#define WALK_REST  4096

struct walk {
	int fd[WALK_DEPTH + 1]; /* fd[0] is the root, never closed here */
	size_t depth;
	unsigned links;
	char rest[WALK_REST];   /* what is left to resolve */
};

/* ".." stops at the root, as in a chroot (and RESOLVE_IN_ROOT). */
static void walk_up(struct walk *w, bool to_root)
{
	while (w->depth > 0) {
		close(w->fd[w->depth--]);
		if (!to_root)
			break;
	}
}

/*
 * A link at comp: its target replaces comp in what is left (*p onwards),
 * and an absolute target starts again at the root. Returns 0 or an errno.
 */
static int walk_link(struct walk *w, const char *target, char **p)
{
	char next[WALK_REST];

	if (++w->links > WALK_LINKS)
		return ELOOP;
	if ((size_t)snprintf(next, sizeof(next), "%s/%s", target, *p) >=
	    sizeof(next))
		return ENAMETOOLONG;
	if (target[0] == '/')
		walk_up(w, true);
	memcpy(w->rest, next, strlen(next) + 1);
	*p = w->rest;
	return 0;
}

/*
 * One component of a directory on the way: a link is spliced into the
 * rest; anything else is opened with O_NOFOLLOW (a link that appears
 * after readlinkat() is then refused, not followed). Returns 0 or an errno.
 */
static int walk_step(struct walk *w, const char *comp, char **p)
{
	char target[WALK_REST];
	ssize_t n = readlinkat(w->fd[w->depth], comp, target,
			       sizeof(target) - 1);
	int fd;

	if (n >= 0) {
		target[n] = '\0';
		return walk_link(w, target, p);
	}
	if (w->depth == WALK_DEPTH)
		return ENAMETOOLONG;
	fd = openat(w->fd[w->depth], comp,
		    O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	w->fd[++w->depth] = fd;
	return 0;
}

/* The last component: opened with the caller's flags, a link followed
 * (spliced) unless they have O_NOFOLLOW. Returns an fd or -errno. */
static int walk_last(struct walk *w, const char *comp, char **p, int flags)
{
	char target[WALK_REST];
	ssize_t n = -1;
	int fd, err;

	if (!(flags & O_NOFOLLOW))
		n = readlinkat(w->fd[w->depth], comp, target,
			       sizeof(target) - 1);
	if (n >= 0) {
		target[n] = '\0';
		err = walk_link(w, target, p);
		return err ? -err : INT_MAX; /* INT_MAX: go on walking */
	}
	fd = openat(w->fd[w->depth], comp, flags | O_NOFOLLOW);
	return fd < 0 ? -errno : fd;
}

int vmr_open_in_walk(int dirfd, const char *path, int flags)
{
	static struct walk w; /* 4 KiB twice: not on the stack */
	char comp[NAME_MAX + 1];
	char *p = w.rest;
	int r = INT_MAX;

	w.fd[0] = dirfd;
	w.depth = 0;
	w.links = 0;
	if (strlen(path) >= sizeof(w.rest)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(w.rest, path, strlen(path) + 1);
	while (r == INT_MAX) {
		size_t len;
		bool last;

		p += strspn(p, "/");
		if (!*p) { /* ends at a directory ("a/", "a/..") */
			r = openat(w.fd[w.depth], ".", flags);
			r = r < 0 ? -errno : r;
			break;
		}
		len = strcspn(p, "/");
		if (len > NAME_MAX) {
			r = -ENAMETOOLONG;
			break;
		}
		memcpy(comp, p, len);
		comp[len] = '\0';
		p += len;
		last = p[strspn(p, "/")] == '\0';
		if (strcmp(comp, "..") == 0)
			walk_up(&w, false);
		else if (strcmp(comp, ".") == 0)
			continue;
		else if (last)
			r = walk_last(&w, comp, &p, flags);
		else if ((r = walk_step(&w, comp, &p)) != 0)
			r = -r;
		else
			r = INT_MAX;
	}
	walk_up(&w, true);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

/* openat2() answers EAGAIN when a ".." raced a rename or a mount. */
#define OPENAT2_TRIES 4

/*
 * openat2() confines in the kernel (5.6+), race-free: the walk otherwise
 * (or after OPENAT2_TRIES EAGAINs). ENOSYS: an older kernel, walk from
 * now on. EPERM: also what older container seccomp profiles answer for a
 * syscall they do not know; the walk is as confined, so it answers (a
 * real denial denies it too).
 */
static int resolve_in_root(int dirfd, const char *path, int flags)
{
#ifdef SYS_openat2
	static bool no_openat2;
	struct open_how how = {
		.flags = (uint64_t)(unsigned)flags,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};

	for (int i = 0; !no_openat2 && i < OPENAT2_TRIES; i++) {
		long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));

		if (fd >= 0 || (errno != ENOSYS && errno != EPERM &&
				errno != EAGAIN))
			return (int)fd;
		if (errno != EAGAIN) {
			no_openat2 = errno == ENOSYS;
			break;
		}
	}
#endif
	return vmr_open_in_walk(dirfd, path, flags);
}

bool vmr_is_kmsg_dev(const struct stat *st)
{
	return S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 &&
	       minor(st->st_rdev) == 11;
}

int vmr_root_type_ok(const struct stat *st, int flags)
{
	if (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode) || vmr_is_kmsg_dev(st))
		return 0;
	if (S_ISLNK(st->st_mode) && (flags & O_NOFOLLOW))
		return -ELOOP; /* what openat() says for a link, O_NOFOLLOW */
	return -ENXIO;
}

/*
 * The inode pfd (O_PATH) names, opened for real through /proc/self/fd
 * (which opens exactly that inode, whatever the tree does meanwhile) if
 * its type is one a read has no side effect on. Without /proc there is no
 * such reopen: refused, not raced. Returns an fd or -errno; closes pfd.
 */
static int reopen_checked(int pfd, int flags)
{
	char self[64];
	struct stat st, got;
	int fd = -1, err;

	err = fstat(pfd, &st) < 0 ? -errno : vmr_root_type_ok(&st, flags);
	if (!err) {
		snprintf(self, sizeof(self), "/proc/self/fd/%d", pfd);
		/* the magic link is followed: O_NOFOLLOW would refuse it */
		fd = open(self, (flags & ~O_NOFOLLOW) | O_CLOEXEC);
		err = fd < 0 ? -errno : 0;
		if (fd >= 0 && (fstat(fd, &got) < 0 || got.st_dev != st.st_dev ||
				got.st_ino != st.st_ino)) {
			close(fd);
			err = -ENXIO; /* not procfs there: not that inode */
		}
	}
	close(pfd);
	return err ? err : fd;
}

/*
 * Opens under the root as openat() would, confined. Opening a FIFO
 * blocks, a tty may block, and a device's open acts (a watchdog node arms
 * the watchdog): only O_PATH resolves to anything; every other open first
 * resolves with O_PATH and opens only what vmr_root_type_ok() allows.
 */
static int open_in_root(int dirfd, const char *path, int flags)
{
	int pfd, fd;

	if (flags & O_PATH)
		return resolve_in_root(dirfd, path, flags);
	pfd = resolve_in_root(dirfd, path, O_PATH | O_CLOEXEC |
			      (flags & (O_NOFOLLOW | O_DIRECTORY)));
	if (pfd < 0)
		return -1;
	fd = reopen_checked(pfd, flags);
	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	return fd;
}

void vmr_root_confine(struct vmr_root *root)
{
	root->open = open_in_root;
}
