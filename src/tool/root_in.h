/* SPDX-License-Identifier: MIT */
/*
 * --sysroot DIR: the status tool reads a tree someone may have sent (a dump
 * of another host), often as root. Every path under it is opened so that it
 * stays inside: a symlink, absolute or relative, or a "..", resolves as if
 * DIR were "/", as the kernel does for a chroot. Links inside the tree
 * (sysfs's driver, iommu_group, subsystem) keep working.
 *
 * Tool-only: vmreserve-early runs on the real root and opens with openat()
 * (struct vmr_root's open hook stays NULL there).
 */
#ifndef VMR_ROOT_IN_H
#define VMR_ROOT_IN_H

#include <stdbool.h>
#include <sys/stat.h>

#include "sysroot.h"

/* The kernel log's device, /dev/kmsg: char 1:11 (devices.txt). */
bool vmr_is_kmsg_dev(const struct stat *st);

/*
 * What a confined open opens for real (anything but O_PATH): a regular
 * file, a directory, or the kernel log's device (char 1:11, /dev/kmsg).
 * A FIFO, a socket, another device: -ENXIO (never opened: no hang, no
 * side effect); a link (opened with O_NOFOLLOW): -ELOOP.
 */
int vmr_root_type_ok(const struct stat *st, int flags);

/* Confine every later open under root to the tree (sets root->open). */
void vmr_root_confine(struct vmr_root *root);

/*
 * The same resolution without openat2() (kernels before 5.6, and the unit
 * test): component by component with O_NOFOLLOW and readlinkat(). openat()
 * semantics: an fd, or -1 and errno.
 */
int vmr_open_in_walk(int dirfd, const char *path, int flags);

#endif
