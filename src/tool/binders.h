/* SPDX-License-Identifier: MIT */
/*
 * Other binders: the settings of the usual recipe that hand devices to
 * vfio-pci by id (vfio-pci.ids= on the kernel command line, 'options
 * vfio-pci ids=' in modprobe.d) or keep a driver off every device
 * (modprobe.blacklist=, rd.driver.blacklist=, module_blacklist=), held
 * against what vmreserve selects. Each setting gets one item that says
 * exactly which of its ids or modules the selection covers (with the
 * devices) and which devices it also holds, so that the fix removes only
 * what is covered: removing the whole setting would free the others.
 * A setting the selection covers whole is a note (a duplicate); one that
 * leaves a device without any driver is a warning.
 *
 * Host-only (the status tool); a step of the checks (checks.h).
 */
#ifndef VMR_BINDERS_H
#define VMR_BINDERS_H

#include <stddef.h>

#include "check_in.h"

/* Every binder setting, against in->fn (the functions vmreserve takes). */
void vmr_binders_check(const struct vmr_check_in *in);

/* A module list ("a,b,c") without module m (- and _ alike), into rest
 * ("" when m was all of it): what a key keeps when m leaves it. */
void vmr_list_without(const char *val, const char *m, char *rest,
		      size_t size);

#endif
