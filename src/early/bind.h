/* SPDX-License-Identifier: MIT */
/*
 * Handing the selected devices to vfio-pci (early binary only).
 *
 * The order matters and follows the kernel (drivers/pci/pci-driver.c,
 * drivers/base/bus.c): vfio-pci is registered first (loaded if need be), so
 * that a device is never touched for a driver that cannot come; then per
 * device driver_override, so nothing but vfio-pci can bind from then on;
 * unbind the current driver; drivers_probe. drivers_probe reports success
 * even when nothing bound, so the driver link is read back for the truth,
 * and a device that did not end on vfio-pci is given back to its host
 * driver (override cleared, probed again).
 */
#ifndef VMR_BIND_H
#define VMR_BIND_H

#include <stdbool.h>

#include "pci.h"

struct vmr_pci_opts {
	const char *modprobe; /* path of modprobe, run without a shell */
	bool dry_run;
	const char *cmdline;  /* the kernel command line (its blacklists) */
};

/*
 * Take the selected devices: make sure vfio-pci is registered (else touch
 * nothing), then per device override, unbind, probe, read back, and roll
 * back what did not end on vfio-pci. Logs every action and the outcome.
 */
void vmr_pci_bind(const struct vmr_root *root, struct vmr_pci *pci,
		  const struct vmr_pci_opts *opts);

#endif
