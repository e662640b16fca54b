/* SPDX-License-Identifier: MIT */
/*
 * How this host builds its initramfs and where its kernel command line
 * lives, so that advice can name the command that applies it here (status:
 * "the initramfs is older than /etc/vmreserve.conf: run ..."; suggest: the
 * whole recipe). Read under the root handle, like everything else.
 */
#ifndef VMR_HOSTBOOT_H
#define VMR_HOSTBOOT_H

#include <stdbool.h>
#include <stddef.h>

#include "advice.h"
#include "sysroot.h"

enum vmr_generator {
	VMR_GEN_UNKNOWN,
	VMR_GEN_DRACUT,          /* Fedora, RHEL, openSUSE, dracut on Debian */
	VMR_GEN_INITRAMFS_TOOLS, /* Debian, Ubuntu, Proxmox VE */
	VMR_GEN_MKINITCPIO,      /* Arch Linux: HOOKS judged (initcpio.h) */
	/* A generator vmreserve has no hook for: said plainly, never served
	 * with another generator's commands. */
	VMR_GEN_BOOSTER,         /* Arch Linux, booster */
};

/* The generators vmreserve ships a hook for, for the messages. */
#define VMR_GEN_SUPPORTED "dracut, initramfs-tools, mkinitcpio"
#define VMR_HB_FIX_LEN 320 /* a fix: VMR_ADVICE_LEN */


struct vmr_hostboot {
	enum vmr_generator generator;
	/* "dracut", "initramfs-tools", "mkinitcpio", "booster", "unknown" */
	const char *generator_name;
	bool supported;  /* dracut, initramfs-tools, mkinitcpio: a hook fits */
	/*
	 * The command that rebuilds every installed kernel's initramfs, so
	 * that a changed /etc/vmreserve.conf or module set gets into it; a
	 * sentence naming both when the generator is unknown.
	 */
	const char *rebuild;
	/*
	 * The command that lists the booted kernel's image, for "| grep
	 * vmreserve" (lsinitrd, lsinitramfs); a sentence naming both when
	 * the generator is unknown.
	 */
	const char *list;

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

/*
 * The fix for a kernel command-line change on this host: "remove REMOVE"
 * (NULL: none), "add ADD" (NULL: none), where the line lives and the
 * command that makes it reach the next boot (grubby edits it itself).
 * Into buf (size bytes, cut short when longer).
 */
void vmr_hostboot_cmdline_fix(const struct vmr_hostboot *hb,
			      const char *remove, const char *add, char *buf,
			      size_t size);

/*
 * The problem and fix for a host whose generator vmreserve has no hook
 * for (hb->supported false): which generator, which are supported.
 */
void vmr_hostboot_unsupported(const struct vmr_hostboot *hb, char *problem,
			      size_t psize, char *fix, size_t fsize);

/*
 * The generator's configuration, for status and suggest: on a mkinitcpio
 * host where vmreserve's hook stands in HOOKS and whether it is installed
 * (initcpio.h), each problem at level (a warning when vmreserve is wanted
 * on this host, else a note). Nothing for the other generators, whose
 * hooks add themselves.
 */
void vmr_hostboot_hooks(const struct vmr_root *root,
			const struct vmr_hostboot *hb, enum vmr_level level,
			struct vmr_advice_list *l);

/* suggest: vmr_hostboot_hooks(), and a critical item when hb->supported
 * is false (the keys would never be read at boot). */
void vmr_hostboot_judge(const struct vmr_root *root,
			const struct vmr_hostboot *hb, enum vmr_level level,
			struct vmr_advice_list *l);

/*
 * Does cmdline leave the Intel iGPU out of the IOMMU (igfx_off in
 * intel_iommu=)? A fix removing it is given only then.
 */
bool vmr_igfx_off(const char *cmdline);

#endif
