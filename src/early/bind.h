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
};

/* Take the selected devices; logs every action and the final driver. */
void vmr_pci_bind(const struct vmr_root *root, struct vmr_pci *pci,
		  const struct vmr_pci_opts *opts);

#endif
