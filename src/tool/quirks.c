/* SPDX-License-Identifier: MIT */
/*
 * What an expert knows about some devices and chipsets, as notes (one
 * table, each row with its source): a mobile 3D controller that needs its
 * video BIOS, device families with a known reset problem, chipsets whose
 * interrupt remapping the kernel disables by quirk. A note changes no exit
 * status; a row becomes a warning only when the host's facts show the
 * problem (the chipset quirk's revision and interrupt remapping off).
 */
#include "quirks.h"

#include <stdio.h>

/* Advice is bounded (VMR_ADVICE_LEN): a long name cuts it short, by design. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

enum quirk_kind {
	Q_IRQ_REMAP, /* the kernel disables interrupt remapping (host) */
	Q_NO_VBIOS,  /* no video BIOS of its own: give the guest one */
	Q_RESET,     /* does not reset cleanly between guests */
};

#define ANY_REV 0x100 /* rev_max: every revision */

struct quirk {
	uint16_t vendor, dev_lo, dev_hi;  /* device ids dev_lo..dev_hi */
	uint32_t class, class_mask;       /* class & mask == class */
	unsigned rev_max;                 /* revision <= rev_max matches */
	int rev_also;                     /* and this revision (-1: none) */
	enum quirk_kind kind;
	const char *what;
};

static const struct quirk table[] = {
	/*
	 * Linux, arch/x86/kernel/early-quirks.c, intel_remapping_check() and
	 * its early_qrk[] rows: the host bridges 8086:3403, 3405 and 3406
	 * (Intel 5500/5520/X58 I/O hub) of revision <= 0x13, and 3405 of
	 * revision 0x22, "have a problem draining interrupts when irq
	 * remapping is enabled": set_irq_remapping_broken() turns interrupt
	 * remapping off at boot (root bus only).
	 */
	{ 0x8086, 0x3403, 0x3403, 0x060000, 0xffff00, 0x13, -1, Q_IRQ_REMAP,
	  "Intel 5500/X58 I/O hub" },
	{ 0x8086, 0x3405, 0x3405, 0x060000, 0xffff00, 0x13, 0x22, Q_IRQ_REMAP,
	  "Intel 5520/5500/X58 I/O hub" },
	{ 0x8086, 0x3406, 0x3406, 0x060000, 0xffff00, 0x13, -1, Q_IRQ_REMAP,
	  "Intel 5520 I/O hub" },
	/*
	 * A "3D controller" (class 0x0302) of NVIDIA in a laptop (portable()
	 * below) is a muxless GPU (Optimus): no display outputs, and its
	 * video BIOS is in the laptop's system firmware, not in a ROM BAR.
	 * The guest's driver needs it given (libvirt <rom file=...>, QEMU
	 * romfile=) and the subsystem ids set:
	 * github.com/jscinoz/optimus-vfio-docs (README,
	 * "Nvidia VBIOS must be provided to the guest").
	 */
	{ 0x10de, 0x0000, 0xffff, 0x030200, 0xffff00, ANY_REV, -1, Q_NO_VBIOS,
	  "NVIDIA 3D controller (laptop GPU without display outputs)" },
	/*
	 * AMD GPU families whose reset between guests fails (the "reset
	 * bug"): the device list of github.com/gnif/vendor-reset,
	 * src/device-db.h (Polaris 10/11/12, Vega 10/20, Navi 10/12/14,
	 * Arcturus), in ranges of its ids.
	 */
	{ 0x1002, 0x67c0, 0x67df, 0, 0, ANY_REV, -1, Q_RESET, "AMD Polaris 10" },
	{ 0x1002, 0x6fdf, 0x6fdf, 0, 0, ANY_REV, -1, Q_RESET, "AMD Polaris 10" },
	{ 0x1002, 0x67e0, 0x67ff, 0, 0, ANY_REV, -1, Q_RESET, "AMD Polaris 11" },
	{ 0x1002, 0x6980, 0x699f, 0, 0, ANY_REV, -1, Q_RESET, "AMD Polaris 12" },
	{ 0x1002, 0x6860, 0x687f, 0, 0, ANY_REV, -1, Q_RESET, "AMD Vega 10" },
	{ 0x1002, 0x66a0, 0x66af, 0, 0, ANY_REV, -1, Q_RESET, "AMD Vega 20" },
	{ 0x1002, 0x7310, 0x731f, 0, 0, ANY_REV, -1, Q_RESET, "AMD Navi 10" },
	{ 0x1002, 0x7340, 0x734f, 0, 0, ANY_REV, -1, Q_RESET, "AMD Navi 14" },
	{ 0x1002, 0x7360, 0x7362, 0, 0, ANY_REV, -1, Q_RESET, "AMD Navi 12" },
	{ 0x1002, 0x738c, 0x738c, 0, 0, ANY_REV, -1, Q_RESET,
	  "AMD Arcturus (Instinct MI100)" },
	/*
	 * Linux, drivers/pci/quirks.c, quirk_no_bus_reset(): devices whose
	 * secondary bus reset hangs them or the link, so the kernel never
	 * uses it (Atheros AR93xx/QCA wireless, ASMedia ASM1164 SATA).
	 */
	{ 0x168c, 0x0030, 0x0030, 0, 0, ANY_REV, -1, Q_RESET, "Atheros wireless" },
	{ 0x168c, 0x0032, 0x0034, 0, 0, ANY_REV, -1, Q_RESET, "Atheros wireless" },
	{ 0x168c, 0x003c, 0x003c, 0, 0, ANY_REV, -1, Q_RESET, "Atheros wireless" },
	{ 0x168c, 0x003e, 0x003e, 0, 0, ANY_REV, -1, Q_RESET, "Atheros wireless" },
	{ 0x1b21, 0x1164, 0x1164, 0, 0, ANY_REV, -1, Q_RESET, "ASMedia ASM1164" },
};

static bool matches(const struct quirk *q, const struct vmr_fn *f)
{
	if (f->id_unread || f->vendor != q->vendor || f->device < q->dev_lo ||
	    f->device > q->dev_hi || (f->class & q->class_mask) != q->class)
		return false;
	if (q->rev_max == ANY_REV)
		return true;
	/* A revision the config space did not give is not a match. */
	return f->rev_known && (f->revision <= q->rev_max ||
				f->revision == q->rev_also);
}

/*
 * The muxless 3D controller is a laptop's: the same class on a server
 * (a Tesla V100, an A100) has its video BIOS in its own ROM. SMBIOS
 * chassis types (DMTF DSP0134, 7.4.1): 8 portable, 9 laptop, 10 notebook,
 * 14 sub notebook, 31 convertible, 32 detachable.
 */
static bool portable(const struct vmr_report *r)
{
	static const unsigned types[] = { 8, 9, 10, 14, 31, 32 };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (r->chassis_type == types[i])
			return true;
	return false;
}

static void device_note(struct vmr_advice_list *out, const struct quirk *q,
			const struct vmr_fn *f)
{
	if (q->kind == Q_NO_VBIOS)
		vmr_advise(out, VMR_LVL_NOTE, "give the guest the video BIOS "
			   "from the laptop's firmware (libvirt: <rom file="
			   "'...'/> in the hostdev; QEMU: romfile=) and the "
			   "card's subsystem ids (x-pci-sub-vendor-id, "
			   "x-pci-sub-device-id)", "%s [%04x:%04x] is an %s: "
			   "its video BIOS is in the system firmware, and "
			   "the guest's driver does not start without it",
			   f->addr, f->vendor, f->device, q->what);
	else
		vmr_advise(out, VMR_LVL_NOTE, "expect the device to need a "
			   "host reboot after a guest stops, unless a reset "
			   "module handles it (AMD GPUs: vendor-reset)",
			   "%s [%04x:%04x] is of a family with a known reset "
			   "problem (%s): it may not reset between guests",
			   f->addr, f->vendor, f->device, q->what);
}

/* Only on the root bus, as the kernel's early quirks scan. */
static void host_note(struct vmr_advice_list *out, const struct quirk *q,
		      const struct vmr_fn *f, int irq_remap)
{
	bool off = irq_remap == 0;

	vmr_advise(out, off ? VMR_LVL_WARNING : VMR_LVL_NOTE, off ?
		   "the kernel decides by revision alone, so no firmware "
		   "setting helps: only vfio_iommu_type1."
		   "allow_unsafe_interrupts=1 lets VFIO attach devices here, "
		   "safe with trusted guests only" : NULL,
		   "%s [%04x:%04x] rev %02x (%s): the kernel disables "
		   "interrupt remapping on it (intel_remapping_check, a "
		   "chipset erratum)%s", f->addr, f->vendor, f->device,
		   f->revision, q->what, off ? "; interrupt remapping is off"
		   " here, so VFIO refuses to attach devices" : irq_remap > 0 ?
		   "; /proc/interrupts shows it on here" : "");
}

static bool on_root_bus(const struct vmr_fn *f)
{
	return f->up < 0;
}

void vmr_quirks_advise(const struct vmr_report *r, const size_t *sel,
		       size_t n_sel, struct vmr_advice_list *out)
{
	const size_t n = sizeof(table) / sizeof(table[0]);

	/* Nothing to pass through: nothing these notes would change. */
	if (!n_sel)
		return;
	for (size_t i = 0; i < r->n_fn; i++)
		for (size_t q = 0; q < n; q++)
			if (table[q].kind == Q_IRQ_REMAP && r->iommu.enabled &&
			    on_root_bus(&r->fn[i]) && matches(&table[q], &r->fn[i]))
				host_note(out, &table[q], &r->fn[i],
					  r->iommu.irq_remap);
	for (size_t i = 0; i < n_sel; i++)
		for (size_t q = 0; q < n; q++)
			if (table[q].kind != Q_IRQ_REMAP &&
			    (table[q].kind != Q_NO_VBIOS || portable(r)) &&
			    matches(&table[q], &r->fn[sel[i]])) {
				device_note(out, &table[q], &r->fn[sel[i]]);
				break;
			}
}
