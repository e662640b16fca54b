/* SPDX-License-Identifier: MIT */
/*
 * How this host builds its initramfs and where its kernel command line
 * lives, so that advice can name the command that applies it here (status:
 * "the initramfs is older than /etc/vmreserve.conf: run ..."; suggest: the
 * whole recipe). Read under the root handle, like everything else.
 */
#ifndef VMR_HOSTBOOT_H
#define VMR_HOSTBOOT_H

#include "sysroot.h"

enum vmr_generator {
	VMR_GEN_UNKNOWN,
	VMR_GEN_DRACUT,          /* Fedora, RHEL, openSUSE, dracut on Debian */
	VMR_GEN_INITRAMFS_TOOLS, /* Debian, Ubuntu, Proxmox VE */
};

struct vmr_hostboot {
	enum vmr_generator generator;
	const char *generator_name; /* "dracut", "initramfs-tools", "unknown" */
	/*
	 * The command that rebuilds every installed kernel's initramfs, so
	 * that a changed /etc/vmreserve.conf or module set gets into it; a
	 * sentence naming both when the generator is unknown.
	 */
	const char *rebuild;

	/*
	 * The boot loader: where the kernel command line lives and how a
	 * change there reaches the next boot. loader_name: "grubby",
	 * "grub" (update-grub), "grub2-mkconfig", "grub-mkconfig",
	 * "proxmox-boot-tool", "kernel-install" or "unknown". cmdline_file:
	 * the file the keys go into ("" for grubby, which edits its own
	 * entries, and for unknown). apply: the command that makes the
	 * change take effect (for grubby, the command that adds the keys:
	 * append the quoted keys to it).
	 */
	const char *loader_name;
	const char *cmdline_file;
	const char *apply;
};

/*
 * Debian's dracut and initramfs-tools packages conflict, so a host has one
 * generator; when both programs are present (a half-done switch), the one
 * whose configuration exists wins and dracut otherwise.
 */
void vmr_hostboot_detect(const struct vmr_root *root, struct vmr_hostboot *hb);

/*
 * The boot loader, from marker files under the root: Proxmox VE's
 * proxmox-boot-tool when it manages the ESPs (etc/kernel/proxmox-boot-uuids;
 * /etc/kernel/cmdline for systemd-boot, /etc/default/grub for GRUB); grubby
 * (Fedora, RHEL: BLS entries); /etc/default/grub with update-grub (Debian,
 * Ubuntu), grub2-mkconfig or grub-mkconfig; /etc/kernel/cmdline with
 * kernel-install (systemd-boot, UKI). Filled by vmr_hostboot_detect() too.
 */
void vmr_hostboot_loader(const struct vmr_root *root, struct vmr_hostboot *hb);

#endif
