/* SPDX-License-Identifier: MIT */
/*
 * Which host drivers would claim a device: libkmod's alias lookup on its
 * modalias, the same lookup udev's kmod builtin does at boot. vfio-pci's
 * aliases start with "vfio_pci:" (since 5.15), so it never shows up here.
 */
#ifndef VMR_KMOD_H
#define VMR_KMOD_H

#include <stddef.h>

#include "sysroot.h"

struct vmr_kmod;

/*
 * Open a libkmod context for the kernel the root runs (its
 * proc/sys/kernel/osrelease), on the root's lib/modules and modprobe.d.
 * sysroot is the root's path (NULL for /): libkmod takes paths, not a
 * directory fd. Returns 0 or -errno (-ENOENT: no module index).
 */
int vmr_kmod_open(struct vmr_kmod **k, const struct vmr_root *root,
		  const char *sysroot);
void vmr_kmod_close(struct vmr_kmod *k);

/*
 * Module names whose aliases match modalias, at most max, in libkmod's
 * order, without duplicates. Returns the count or -errno.
 */
int vmr_kmod_lookup(struct vmr_kmod *k, const char *modalias,
		    char (*names)[48], size_t max);

#endif
