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

static const char *const grubby_bins[] = {
	"usr/sbin/grubby", "sbin/grubby", "usr/bin/grubby", NULL,
};
static const char *const update_grub_bins[] = {
	"usr/sbin/update-grub", "sbin/update-grub", NULL,
};
static const char *const grub2_mkconfig_bins[] = {
	"usr/sbin/grub2-mkconfig", "sbin/grub2-mkconfig", NULL,
};
static const char *const grub_mkconfig_bins[] = {
	"usr/sbin/grub-mkconfig", "sbin/grub-mkconfig", NULL,
};
static const char *const pbt_bins[] = {
	"usr/sbin/proxmox-boot-tool", "sbin/proxmox-boot-tool", NULL,
};
static const char *const kinstall_bins[] = {
	"usr/bin/kernel-install", "bin/kernel-install", NULL,
};

static void loader(struct vmr_hostboot *hb, const char *name,
		   const char *file, const char *apply)
{
	hb->loader_name = name;
	hb->cmdline_file = file;
	hb->apply = apply;
}

/* GRUB's own configuration: which program regenerates grub.cfg. */
static bool grub_loader(const struct vmr_root *root, struct vmr_hostboot *hb)
{
	if (!vmr_exists(root, "etc/default/grub"))
		return false;
	if (has_any(root, update_grub_bins))
		loader(hb, "grub", "/etc/default/grub", "update-grub");
	else if (has_any(root, grub2_mkconfig_bins))
		loader(hb, "grub2-mkconfig", "/etc/default/grub",
		       "grub2-mkconfig -o /boot/grub2/grub.cfg");
	else if (has_any(root, grub_mkconfig_bins))
		loader(hb, "grub-mkconfig", "/etc/default/grub",
		       "grub-mkconfig -o /boot/grub/grub.cfg");
	else
		return false;
	return true;
}

void vmr_hostboot_loader(const struct vmr_root *root, struct vmr_hostboot *hb)
{
	bool kcmd = vmr_exists(root, "etc/kernel/cmdline");

	/* proxmox-boot-tool copies kernels and the command line to every
	 * ESP it manages; update-grub alone would miss them. */
	if (has_any(root, pbt_bins) &&
	    vmr_exists(root, "etc/kernel/proxmox-boot-uuids"))
		loader(hb, "proxmox-boot-tool", kcmd ? "/etc/kernel/cmdline" :
		       "/etc/default/grub", "proxmox-boot-tool refresh");
	/* BLS hosts keep per-entry options; grubby edits them all. */
	else if (has_any(root, grubby_bins))
		loader(hb, "grubby", "", "grubby --update-kernel=ALL --args=");
	else if (grub_loader(root, hb))
		return;
	else if (kcmd && has_any(root, kinstall_bins))
		loader(hb, "kernel-install", "/etc/kernel/cmdline",
		       "kernel-install add KVER /usr/lib/modules/KVER/vmlinuz "
		       "(for each installed kernel KVER)");
	else
		loader(hb, "unknown", "", "add the keys to the boot loader's "
		       "kernel command line");
}

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
	vmr_hostboot_loader(root, hb);
}
