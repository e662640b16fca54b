/* SPDX-License-Identifier: MIT */
#include "hostboot.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "initcpio.h"

/* Advice is bounded: a long file name cuts the fix short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

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

/* Arch Linux's generators: vmreserve has mkinitcpio hooks (initcpio.h),
 * none for booster. */
static const char *const mkinitcpio_marks[] = {
	"etc/mkinitcpio.conf", "usr/bin/mkinitcpio", NULL,
};
static const char *const booster_marks[] = {
	"etc/booster.yaml", "usr/bin/booster", NULL,
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

static void generator(struct vmr_hostboot *hb, enum vmr_generator g,
		      const char *name, const char *rebuild, const char *list)
{
	hb->generator = g;
	hb->generator_name = name;
	hb->supported = g == VMR_GEN_DRACUT || g == VMR_GEN_INITRAMFS_TOOLS ||
			g == VMR_GEN_MKINITCPIO;
	hb->rebuild = rebuild;
	hb->list = list;
}

void vmr_hostboot_detect(const struct vmr_root *root, struct vmr_hostboot *hb)
{
	bool dracut = has_any(root, dracut_bins);
	bool itools = has_any(root, itools_bins);

	if (dracut && itools)
		itools = vmr_exists(root, "etc/initramfs-tools/initramfs.conf") &&
			 !vmr_exists(root, "etc/dracut.conf");
	if (itools)
		/* Proxmox VE's own hook copies the images to its ESPs. */
		generator(hb, VMR_GEN_INITRAMFS_TOOLS, "initramfs-tools",
			  "update-initramfs -u -k all",
			  "lsinitramfs /boot/initrd.img-$(uname -r)");
	else if (dracut)
		generator(hb, VMR_GEN_DRACUT, "dracut",
			  "dracut --force --regenerate-all", "lsinitrd");
	else if (has_any(root, mkinitcpio_marks))
		generator(hb, VMR_GEN_MKINITCPIO, "mkinitcpio", "mkinitcpio -P",
			  VMR_IC_LIST);
	else if (has_any(root, booster_marks))
		generator(hb, VMR_GEN_BOOSTER, "booster", "booster build (it "
			  "builds no vmreserve hook: vmreserve supports "
			  VMR_GEN_SUPPORTED ")", "booster ls");
	else
		generator(hb, VMR_GEN_UNKNOWN, "unknown",
			  "dracut --force --regenerate-all (dracut) or "
			  "update-initramfs -u -k all (initramfs-tools)",
			  "lsinitrd (dracut) or lsinitramfs "
			  "/boot/initrd.img-$(uname -r) (initramfs-tools)");
	/* The unknown generator is not "unsupported": it may be either. */
	hb->supported |= hb->generator == VMR_GEN_UNKNOWN;
	vmr_hostboot_loader(root, hb);
}

void vmr_hostboot_unsupported(const struct vmr_hostboot *hb, char *problem,
			      size_t psize, char *fix, size_t fsize)
{
	snprintf(problem, psize, "this host builds its initramfs with %s: "
		 "vmreserve has hooks for " VMR_GEN_SUPPORTED " only, so "
		 "vmreserve-early never runs at boot here and no "
		 "rd.vmreserve key takes effect", hb->generator_name);
	snprintf(fix, fsize, "keep this host's own binding (vfio-pci.ids= "
		 "with vfio_pci loaded early), or switch the host to one of "
		 VMR_GEN_SUPPORTED);
}

void vmr_hostboot_hooks(const struct vmr_root *root,
			const struct vmr_hostboot *hb, enum vmr_level level,
			struct vmr_advice_list *l)
{
	if (hb->generator == VMR_GEN_MKINITCPIO)
		vmr_initcpio_judge(root, level, l);
}

void vmr_hostboot_judge(const struct vmr_root *root,
			const struct vmr_hostboot *hb, enum vmr_level level,
			struct vmr_advice_list *l)
{
	char problem[VMR_ADVICE_LEN], fix[VMR_ADVICE_LEN];

	vmr_hostboot_hooks(root, hb, level, l);
	if (hb->supported)
		return;
	vmr_hostboot_unsupported(hb, problem, sizeof(problem), fix,
				 sizeof(fix));
	vmr_advise(l, VMR_LVL_CRITICAL, fix, "%s", problem);
}

void vmr_hostboot_cmdline_fix(const struct vmr_hostboot *hb,
			      const char *remove, const char *add, char *buf,
			      size_t size)
{
	char what[VMR_HB_FIX_LEN];

	if (strcmp(hb->loader_name, "grubby") == 0) {
		snprintf(buf, size, "grubby --update-kernel=ALL%s%s%s%s%s%s",
			 remove ? " --remove-args=\"" : "", remove ? remove : "",
			 remove ? "\"" : "", add ? " --args=\"" : "",
			 add ? add : "", add ? "\"" : "");
		return;
	}
	if (remove && add)
		snprintf(what, sizeof(what), "change %s to %s", remove, add);
	else
		snprintf(what, sizeof(what), "%s %s", remove ? "remove" : "add",
			 remove ? remove : add ? add : "");
	if (strcmp(hb->cmdline_file, "/etc/default/grub") == 0)
		snprintf(buf, size, "%s in GRUB_CMDLINE_LINUX_DEFAULT (or "
			 "GRUB_CMDLINE_LINUX) of /etc/default/grub, then run: "
			 "%s", what, hb->apply);
	else if (hb->cmdline_file[0])
		snprintf(buf, size, "%s in %s, then run: %s", what,
			 hb->cmdline_file, hb->apply);
	else
		snprintf(buf, size, "%s on the kernel command line (this "
			 "host's boot loader is not recognised)", what);
}

static int igfx_key(const char *key, const char *val, bool truncated,
		    void *ctx)
{
	(void)truncated;
	if (val && vmr_key_eq(key, "intel_iommu") && strstr(val, "igfx_off"))
		*(bool *)ctx = true;
	return 0;
}

bool vmr_igfx_off(const char *cmdline)
{
	bool igfx = false;

	vmr_cmdline_foreach(cmdline, igfx_key, &igfx);
	return igfx;
}
