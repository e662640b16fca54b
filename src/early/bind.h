/* SPDX-License-Identifier: MIT */
/*
 * Handing the selected devices to vfio-pci (early binary only).
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
