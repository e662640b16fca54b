/* SPDX-License-Identifier: MIT */
#include "pci.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define DEVICES "sys/bus/pci/devices"

const char *vmr_dev_status_name(enum vmr_dev_status s)
{
	switch (s) {
	case VMR_DEV_PENDING:  return "pending";
	case VMR_DEV_BOUND:    return "bound";
	case VMR_DEV_FAILED:   return "failed";
	case VMR_DEV_REFUSED:  return "refused";
	case VMR_DEV_NO_IOMMU: return "no-iommu";
	case VMR_DEV_PLANNED:  return "planned";
	case VMR_DEV_ROLLED_BACK: return "rolled-back";
	}
	return "unknown";
}

static int parse_hex_field(const char **p, char stop, unsigned long max,
			   unsigned long *out)
{
	uint64_t v;
	const char *end = vmr_scan_u64(*p, 16, &v);

	if (!end || *end != stop || v > max)
		return -EINVAL;
	*out = (unsigned long)v;
	*p = end + (stop ? 1 : 0);
	return 0;
}

int vmr_parse_bdf(const char *name, uint32_t *domain, unsigned *bus,
		  unsigned *slot, unsigned *func)
{
	static const unsigned long max[] = { 0xffffffffUL, 0xff, 0x1f, 7 };
	unsigned long v[4];
	const char *p = name;

	for (int i = 0; i < 4; i++)
		if (parse_hex_field(&p, "::."[i], max[i], &v[i]))
			return -EINVAL;
	*domain = (uint32_t)v[0];
	*bus = (unsigned)v[1];
	*slot = (unsigned)v[2];
	*func = (unsigned)v[3];
	return 0;
}

bool vmr_class_is_bridge(uint32_t class)
{
	return (class >> 16) == 0x06;
}

static bool is_storage(uint32_t class)
{
	return (class >> 16) == 0x01;
}

/* Does sel name this function (its address, or its ids), pin aside? */
static bool names(const struct vmr_pci_sel *sel, const struct vmr_pci_id *id)
{
	if (sel->kind == VMR_SEL_ID)
		return sel->vendor == id->vendor && sel->device == id->device;
	return sel->domain == id->domain && sel->bus == id->bus &&
	       sel->slot == id->slot &&
	       (sel->kind == VMR_SEL_SLOT || sel->func == id->func);
}

int vmr_pci_dev_read(const struct vmr_root *root, const char *addr,
		     const char *attr, char *buf, size_t size)
{
	return vmr_readf(root, buf, size, DEVICES "/%s/%s", addr, attr);
}

int vmr_pci_dev_link(const struct vmr_root *root, const char *addr,
		     const char *link, char *buf, size_t size)
{
	return vmr_linkf(root, buf, size, DEVICES "/%s/%s", addr, link);
}

/* vendor, device and class: "0x10de" (pci-sysfs.c formats them %#x) */
static int read_ids(const struct vmr_root *root, const char *addr,
		    struct vmr_pci_id *id)
{
	static const char attr[][7] = { "vendor", "device", "class" };
	uint32_t *dst[] = { &id->vendor, &id->device, &id->class };
	int r = 0;

	for (int i = 0; r == 0 && i < 3; i++)
		r = vmr_readf_hex(root, dst[i], DEVICES "/%s/%s", addr, attr[i]);
	return r;
}

void vmr_sel_pin_addr(const struct vmr_pci_sel *sel, char addr[VMR_BDF_LEN])
{
	/* func is 0 in a slot selector */
	snprintf(addr, VMR_BDF_LEN, "%04x:%02x:%02x.%u", (unsigned)sel->domain,
		 sel->bus, sel->slot, (unsigned)sel->func);
}

/*
 * Does the hardware at the pinned address still have the pinned ids? A
 * slot follows its function 0: if that is another card, no function of
 * the slot is taken. A function 0 that cannot be read holds no pin.
 */
static bool pin_holds(const struct vmr_root *root,
		      const struct vmr_pci_sel *sel,
		      const struct vmr_pci_id *id, uint32_t *found)
{
	const struct vmr_pci_id *at = id;
	struct vmr_pci_id f0;
	char addr[VMR_BDF_LEN];
	uint32_t got;

	if (sel->kind == VMR_SEL_SLOT && id->func) {
		vmr_sel_pin_addr(sel, addr);
		if (read_ids(root, addr, &f0) < 0)
			return false;
		at = &f0;
	}
	got = at->vendor << 16 | at->device;
	if (got == ((uint32_t)sel->vendor << 16 | sel->device))
		return true;
	*found = got;
	return false;
}

int vmr_plan_match(const struct vmr_root *root, const struct vmr_plan *plan,
		   const struct vmr_pci_id *id, unsigned hits[VMR_MAX_SEL],
		   uint32_t found[VMR_MAX_SEL], bool *by_address)
{
	int first = -1;

	*by_address = false;
	for (size_t i = 0; i < plan->n_sel; i++) {
		const struct vmr_pci_sel *s = &plan->sel[i];

		if (!names(s, id) ||
		    (s->pinned && !pin_holds(root, s, id, &found[i])))
			continue;
		hits[i]++;
		if (first < 0)
			first = (int)i;
		*by_address |= s->kind != VMR_SEL_ID;
	}
	return first;
}

bool vmr_pci_is_bridge(const struct vmr_root *root, const char *addr,
		       uint32_t class)
{
	char path[VMR_PATH_MAX];
	unsigned char ht = 0;

	if (vmr_class_is_bridge(class))
		return true;
	if (vmr_path(path, DEVICES "/%s/%s", addr, "config") < 0 ||
	    vmr_pread(root, path, &ht, 1, 0x0e) < 0)
		return false;
	return (ht & 0x7f) != 0;
}

struct scan_ctx {
	const struct vmr_root *root;
	const struct vmr_plan *plan;
	struct vmr_pci *pci;
};

enum vmr_refusal vmr_refusal(const struct vmr_dev_facts *f)
{
	if (f->bridge)
		return VMR_REFUSE_BRIDGE;
	if (is_storage(f->class) && !f->by_address)
		return VMR_REFUSE_STORAGE_ID;
	if (f->group < 0 && f->iommu)
		return VMR_REFUSE_NO_GROUP;
	return VMR_REFUSE_NONE;
}

const char *vmr_refusal_why(enum vmr_refusal r)
{
	/* One string, so the early binary pays no pointer table. */
	static const char why[] = "\0"
		"is a PCI bridge or port: bridges are never taken\0"
		"is a storage controller matched only by id: "
		"select it by address\0"
		VMR_NO_GROUP_WHY;
	const char *p = why;

	for (unsigned i = 0; i < (unsigned)r && i < VMR_REFUSE_NO_GROUP; i++)
		p += strlen(p) + 1;
	return p;
}

/*
 * Never take what would cut the host off its own devices. Without any
 * IOMMU group nothing is taken (vmr_pci_bind says so once); with groups, a
 * device outside them is refused here.
 */
static void check_safety(const struct vmr_root *root, struct vmr_dev *dev,
			 bool iommu)
{
	struct vmr_dev_facts f = {
		dev->class, vmr_pci_is_bridge(root, dev->addr, dev->class),
		dev->by_address, dev->group, iommu
	};
	enum vmr_refusal r = vmr_refusal(&f);

	if (r == VMR_REFUSE_NONE)
		return;
	dev->status = VMR_DEV_REFUSED;
	snprintf(dev->why, sizeof(dev->why), "%s", vmr_refusal_why(r));
}

/*
 * Insert in bus order, whatever order the directory listed them in: the
 * log, the record and the binding all go by address.
 */
static struct vmr_dev *insert_dev(struct vmr_pci *pci, const char *addr)
{
	uint64_t key = vmr_bdf_key(addr);
	size_t j = pci->n_dev++;

	for (; j > 0 && vmr_bdf_key(pci->dev[j - 1].addr) > key; j--)
		pci->dev[j] = pci->dev[j - 1];
	return &pci->dev[j];
}

static void fill_dev(const struct scan_ctx *c, const char *addr,
		     const struct vmr_pci_id *id, int first, bool by_address)
{
	struct vmr_dev *dev = insert_dev(c->pci, addr);
	char buf[16];
	uint64_t group;

	memset(dev, 0, sizeof(*dev));
	snprintf(dev->addr, sizeof(dev->addr), "%s", addr);
	dev->vendor = (uint16_t)id->vendor;
	dev->device = (uint16_t)id->device;
	dev->class = id->class;
	dev->sel = first;
	dev->by_address = by_address;
	dev->group = -1;
	if (vmr_pci_dev_link(c->root, addr, "iommu_group", buf,
			     sizeof(buf)) > 0)
		dev->group = vmr_scan_u64(buf, 10, &group) && group <= INT32_MAX ?
			     (int)group : -1;
	vmr_pci_dev_link(c->root, addr, "driver", dev->driver_before,
			 sizeof(dev->driver_before));
	dev->boot_vga = vmr_pci_dev_read(c->root, addr, "boot_vga", buf,
					 sizeof(buf)) > 0 && buf[0] == '1';
	dev->status = VMR_DEV_PENDING;
	check_safety(c->root, dev, c->pci->iommu);
}

static int scan_one(const char *name, void *ctx)
{
	struct scan_ctx *c = ctx;
	struct vmr_pci_id id;
	bool by_address;
	int first;

	if (vmr_parse_bdf(name, &id.domain, &id.bus, &id.slot, &id.func) < 0)
		return 0;
	if (read_ids(c->root, name, &id) < 0) {
		vmr_log(LOG_WARNING, "%s: cannot read its ids, skipped", name);
		return 0;
	}
	first = vmr_plan_match(c->root, c->plan, &id, c->pci->sel_hits,
			       c->pci->sel_found, &by_address);
	if (first < 0)
		return 0;
	if (c->pci->n_dev == VMR_MAX_DEV) {
		c->pci->n_dropped++;
		return 0;
	}
	fill_dev(c, name, &id, first, by_address);
	return 0;
}

uint64_t vmr_bdf_key(const char *addr)
{
	uint32_t domain;
	unsigned bus, slot, func;

	if (vmr_parse_bdf(addr, &domain, &bus, &slot, &func) < 0)
		return UINT64_MAX;
	return (uint64_t)domain << 16 | bus << 8 | slot << 3 | func;
}

static int count_entry(const char *name, void *ctx)
{
	(void)name;
	++*(unsigned *)ctx;
	return 0;
}

static void log_scan(const struct vmr_plan *plan, struct vmr_pci *pci)
{
	for (size_t i = 0; i < plan->n_sel; i++) {
		const struct vmr_pci_sel *s = &plan->sel[i];
		uint32_t found = pci->sel_found[i];
		char at[VMR_BDF_LEN], from[VMR_ORIGIN_LEN];

		if (pci->sel_hits[i])
			continue;
		pci->n_warnings++;
		vmr_sel_pin_addr(s, at);
		/* named where it was asked: a line of the file by its line */
		vmr_origin(s->from, "pci", from);
		if (found)
			vmr_log(LOG_WARNING, "%s: '%s': %s is %04x:%04x, not "
				"%04x:%04x: nothing taken there", from,
				s->text, at, found >> 16, found & 0xffff,
				s->vendor, s->device);
		else
			vmr_log(LOG_WARNING, "%s: '%s' matched no device",
				from, s->text);
	}
	if (pci->n_dropped)
		vmr_log(LOG_ERR, "%zu more matching devices ignored (at most %d)",
			pci->n_dropped, VMR_MAX_DEV);
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct vmr_dev *dev = &pci->dev[i];
		const struct vmr_pci_sel *s = &plan->sel[dev->sel];
		bool conf = s->from.src == VMR_SRC_CONF;
		char from[VMR_FROM_LEN];

		/* a selector of the config file with its file:line */
		if (dev->status == VMR_DEV_REFUSED)
			vmr_log(LOG_ERR, "%s (%04x:%04x class %06x, by '%s'%s%s):"
				" refused: %s", dev->addr, dev->vendor,
				dev->device, dev->class, s->text,
				conf ? " at " : "",
				conf ? vmr_from_text(s->from, from) : "",
				dev->why);
		else if (dev->boot_vga) {
			vmr_log(LOG_WARNING, "%s is the boot VGA device: the "
				"host console loses it (if a framebuffer holds "
				"it: initcall_blacklist=sysfb_init)", dev->addr);
		}
	}
}

int vmr_pci_scan(const struct vmr_root *root, const struct vmr_plan *plan,
		 struct vmr_pci *pci)
{
	struct scan_ctx c = { root, plan, pci };
	int r;

	memset(pci, 0, sizeof(*pci));
	pci->modprobe_status = -1;
	if (plan->n_sel == 0)
		return 0;
	/* Before the scan: the safety check needs it. */
	pci->iommu = vmr_iommu_groups(root) > 0;
	r = vmr_foreach_dir(root, DEVICES, scan_one, &c);
	if (r < 0) {
		vmr_log(LOG_ERR, "cannot list /" DEVICES ": %s", vmr_strerror(-r));
		return r;
	}
	log_scan(plan, pci);
	return 0;
}

int vmr_iommu_groups(const struct vmr_root *root)
{
	unsigned n = 0;
	int r = vmr_foreach_dir(root, "sys/kernel/iommu_groups", count_entry,
				&n);

	return r < 0 ? r : (int)n;
}

const char *vmr_iommu_hint(const struct vmr_root *root)
{
	if (vmr_exists(root, "sys/firmware/acpi/tables/DMAR"))
		return "add intel_iommu=on to the kernel command line";
	/* The AMD IOMMU is on by default; the kernel has no amd_iommu=on. */
	if (vmr_exists(root, "sys/firmware/acpi/tables/IVRS"))
		return "the AMD IOMMU is on by default: remove amd_iommu=off or "
		       "iommu=off from the kernel command line, else see the "
		       "kernel log for AMD-Vi";
	/* No ACPI table at all: the firmware has the IOMMU switched off. */
	return "enable VT-d / AMD-Vi in the firmware setup (on Intel, also "
	       "add intel_iommu=on to the kernel command line)";
}

/* Our device at addr, or NULL. */
static const struct vmr_dev *ours(const struct vmr_pci *pci, const char *addr)
{
	for (size_t i = 0; i < pci->n_dev; i++)
		if (strcmp(pci->dev[i].addr, addr) == 0)
			return &pci->dev[i];
	return NULL;
}

/*
 * On vfio-pci, or about to be: it keeps its group viable. A refused,
 * failed or rolled-back device stays on (or went back to) its driver like
 * any other member.
 */
static bool taken(const struct vmr_dev *dev)
{
	return dev && (dev->status == VMR_DEV_BOUND ||
		       dev->status == VMR_DEV_PLANNED ||
		       dev->status == VMR_DEV_PENDING);
}

/*
 * The PCI drivers that set driver_managed_dma, by the name sysfs shows
 * (struct pci_driver .name; KBUILD_MODNAME is the module's name with '-'
 * made '_'). Since 5.19 pci_dma_configure() claims DMA for every other
 * driver, and iommu_group_claim_dma_owner() then fails with -EPERM (QEMU:
 * "group N is not viable"). Read in torvalds/linux master (2026):
 *   vfio-pci             drivers/vfio/pci/vfio_pci.c
 *   pcieport             drivers/pci/pcie/portdrv.c (portdrv_pci.c before)
 *   pci-stub             drivers/pci/pci-stub.c
 * and the vfio-pci variant drivers under drivers/vfio/pci/:
 *   mlx5_vfio_pci        mlx5/main.c, KBUILD_MODNAME (mlx5-vfio-pci.ko)
 *   hisi_acc_vfio_pci    hisilicon/hisi_acc_vfio_pci.c, KBUILD_MODNAME
 *   pds_vfio_pci         pds/pci_drv.c, KBUILD_MODNAME
 *   virtio_vfio_pci      virtio/main.c, KBUILD_MODNAME
 *   nvgrace_gpu_vfio_pci nvgrace-gpu/main.c, KBUILD_MODNAME
 *   qat_vfio_pci         qat/main.c, named in the source
 *   xe-vfio-pci          xe/main.c, named in the source (with '-')
 *   ism_vfio_pci         ism/main.c, KBUILD_MODNAME
 * Everything else blocks, shpchp on a bridge included. A variant driver
 * newer than this list is reported as blocking: a warning too many,
 * never a group called viable that is not.
 */
static const char dma_managed[] =
	"vfio-pci\0"
	"pcieport\0"
	"pci-stub\0"
	"mlx5_vfio_pci\0"
	"hisi_acc_vfio_pci\0"
	"pds_vfio_pci\0"
	"virtio_vfio_pci\0"
	"nvgrace_gpu_vfio_pci\0"
	"qat_vfio_pci\0"
	"xe-vfio-pci\0"
	"ism_vfio_pci\0";

bool vmr_driver_manages_dma(const char *drv)
{
	for (const char *p = dma_managed; *p; p += strlen(p) + 1)
		if (strcmp(p, drv) == 0)
			return true;
	return false;
}

bool vmr_member_blocks(const char *drv, bool bridge, bool before_udev)
{
	if (!drv[0])
		return before_udev && !bridge;
	return !vmr_driver_manages_dma(drv);
}

struct group_ctx {
	const struct vmr_root *root;
	struct vmr_pci *pci;
	int group;
};

static int check_member(const char *name, void *ctx)
{
	struct group_ctx *g = ctx;
	const struct vmr_dev *dev = ours(g->pci, name);
	char drv[VMR_DRV_LEN];
	struct vmr_pci_id id;

	/*
	 * Bridges count too: only pcieport among host drivers leaves a group
	 * usable (an ISA bridge on lpc_ich, a bridge on shpchp do not).
	 */
	if (taken(dev) || read_ids(g->root, name, &id) < 0)
		return 0;
	vmr_pci_dev_link(g->root, name, "driver", drv, sizeof(drv));
	if (!vmr_member_blocks(drv, vmr_pci_is_bridge(g->root, name, id.class),
			       true))
		return 0;
	bool later = !drv[0];

	g->pci->n_warnings++;
	/* A selected member that did not reach vfio-pci says so above. */
	vmr_log(LOG_WARNING, "IOMMU group %d is not viable: %s (%04x:%04x) %s%s; "
		"%s%s%s", g->group, name, id.vendor, id.device,
		later ? "has no driver yet, a host driver will claim it" : "is on ",
		later ? "" : drv, dev ? "it is selected but not on " VMR_VFIO_DRIVER
		" (see above)" : "select it too (rd.vmreserve.pci=",
		dev ? "" : name, dev ? "" : ") or use a slot with a group of its own");
	return 0;
}

void vmr_pci_check_groups(const struct vmr_root *root, struct vmr_pci *pci)
{
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct group_ctx g = { root, pci, pci->dev[i].group };
		bool seen = false;

		if (g.group < 0 || pci->dev[i].status == VMR_DEV_REFUSED)
			continue;
		for (size_t j = 0; j < i; j++)
			seen |= pci->dev[j].group == g.group &&
				pci->dev[j].status != VMR_DEV_REFUSED;
		if (!seen)
			vmr_foreach_dirf(root, check_member, &g,
					 "sys/kernel/iommu_groups/%d/devices",
					 g.group);
	}
}

