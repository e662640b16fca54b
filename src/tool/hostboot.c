/* SPDX-License-Identifier: MIT */
#include "hostboot.h"

#include <stdbool.h>

/* Either program location counts: merged /usr or not, sbin or bin. */
static bool has_any(const struct vmr_root *root, const char *const *paths)
{
	for (; *paths; paths++)
		if (vmr_exists(root, *paths))
			return true;
	return false;
}

static const char *const dracut_bins[] = {
	"usr/bin/dracut", "usr/sbin/dracut", "sbin/dracut", NULL,
};
static const char *const itools_bins[] = {
	"usr/sbin/update-initramfs", "sbin/update-initramfs", NULL,
};

void vmr_hostboot_detect(const struct vmr_root *root, struct vmr_hostboot *hb)
{
	bool dracut = has_any(root, dracut_bins);
	bool itools = has_any(root, itools_bins);

	if (dracut && itools)
		itools = vmr_exists(root, "etc/initramfs-tools/initramfs.conf") &&
			 !vmr_exists(root, "etc/dracut.conf");
	if (itools) {
		hb->generator = VMR_GEN_INITRAMFS_TOOLS;
		hb->generator_name = "initramfs-tools";
		/* Proxmox VE's own hook copies the images to its ESPs. */
		hb->rebuild = "update-initramfs -u -k all";
	} else if (dracut) {
		hb->generator = VMR_GEN_DRACUT;
		hb->generator_name = "dracut";
		hb->rebuild = "dracut --force --regenerate-all";
	} else {
		hb->generator = VMR_GEN_UNKNOWN;
		hb->generator_name = "unknown";
		hb->rebuild = "dracut --force --regenerate-all (dracut) or "
			      "update-initramfs -u -k all (initramfs-tools)";
	}
}
