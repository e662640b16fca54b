/* SPDX-License-Identifier: MIT */
#include "pci.h"

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
	char *end;

	errno = 0;
	*out = strtoul(*p, &end, 16);
	if (errno || end == *p || *end != stop || *out > max)
		return -EINVAL;
	*p = end + (stop ? 1 : 0);
	return 0;
}

int vmr_parse_bdf(const char *name, uint32_t *domain, unsigned *bus,
		  unsigned *slot, unsigned *func)
{
	unsigned long d, b, s, f;
	const char *p = name;

	if (parse_hex_field(&p, ':', 0xffffffffUL, &d) ||
	    parse_hex_field(&p, ':', 0xff, &b) ||
	    parse_hex_field(&p, '.', 0x1f, &s) ||
	    parse_hex_field(&p, '\0', 7, &f))
		return -EINVAL;
	*domain = (uint32_t)d;
	*bus = (unsigned)b;
	*slot = (unsigned)s;
	*func = (unsigned)f;
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

/* Fields of one sysfs device that matching needs. */
struct pci_id {
	uint32_t domain;
	unsigned bus, slot, func;
	uint32_t vendor, device, class;
};

bool vmr_sel_matches(const struct vmr_pci_sel *sel, uint32_t domain,
		     unsigned bus, unsigned slot, unsigned func,
		     uint32_t vendor, uint32_t device)
{
	switch (sel->kind) {
	case VMR_SEL_ID:
		return sel->vendor == vendor && sel->device == device;
	case VMR_SEL_FUNC:
		if (sel->func != func)
			return false;
		/* fall through */
	case VMR_SEL_SLOT:
		return sel->domain == domain && sel->bus == bus &&
		       sel->slot == slot;
	}
	return false;
}

static bool sel_matches(const struct vmr_pci_sel *sel, const struct pci_id *id)
{
	return vmr_sel_matches(sel, id->domain, id->bus, id->slot, id->func,
			       id->vendor, id->device);
}

int vmr_pci_dev_read(const struct vmr_root *root, const char *addr,
		     const char *attr, char *buf, size_t size)
{
	char path[VMR_PATH_MAX];
	int r = vmr_path(path, DEVICES "/%s/%s", addr, attr);

	if (r == 0)
		r = vmr_read(root, path, buf, size);
	if (r < 0 && size)
		buf[0] = '\0';
	return r;
}

int vmr_pci_dev_link(const struct vmr_root *root, const char *addr,
		     const char *link, char *buf, size_t size)
{
	char path[VMR_PATH_MAX];
	int r = vmr_path(path, DEVICES "/%s/%s", addr, link);

	if (r == 0)
		r = vmr_link_name(root, path, buf, size);
	if (r < 0)
		buf[0] = '\0';
	return r;
}

static int read_ids(const struct vmr_root *root, const char *addr,
		    struct pci_id *id)
{
	static const char *const attr[] = { "vendor", "device", "class" };
	uint32_t *val[] = { &id->vendor, &id->device, &id->class };
	char path[VMR_PATH_MAX];
	int r = 0;

	for (size_t i = 0; r == 0 && i < 3; i++) {
		r = vmr_path(path, DEVICES "/%s/%s", addr, attr[i]);
		if (r == 0)
			r = vmr_read_hex(root, path, val[i]);
	}
	return r;
}

int vmr_pci_header_type(const struct vmr_root *root, const char *addr)
{
	char path[VMR_PATH_MAX];
	unsigned char ht;
	int r = vmr_path(path, DEVICES "/%s/%s", addr, "config");

	if (r == 0)
		r = vmr_pread(root, path, &ht, 1, 0x0e);
	return r < 0 ? r : (ht & 0x7f);
}

struct scan_ctx {
	const struct vmr_root *root;
	const struct vmr_plan *plan;
	struct vmr_pci *pci;
};

static void refuse(struct vmr_dev *dev, const char *why)
{
	dev->status = VMR_DEV_REFUSED;
	snprintf(dev->why, sizeof(dev->why), "%s", why);
}

/*
 * Never take what would cut the host off its own devices. Without any
 * IOMMU group nothing is taken (vmr_pci_bind says so once); with groups, a
 * device outside them is refused here.
 */
static void check_safety(const struct vmr_root *root, struct vmr_dev *dev,
			 bool iommu)
{
	int ht = vmr_pci_header_type(root, dev->addr);

	if (vmr_class_is_bridge(dev->class) || ht > 0)
		refuse(dev, "is a PCI bridge or port: bridges are never taken");
	else if (is_storage(dev->class) && !dev->by_address)
		refuse(dev, "is a storage controller matched only by id: "
			    "select it by address");
	else if (dev->group < 0 && iommu)
		refuse(dev, VMR_NO_GROUP_WHY);
}

static void fill_dev(const struct scan_ctx *c, const char *addr,
		     const struct pci_id *id, int first, bool by_address)
{
	struct vmr_dev *dev = &c->pci->dev[c->pci->n_dev++];
	char buf[16];

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
		dev->group = atoi(buf);
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
	struct pci_id id;
	bool by_address = false;
	int first = -1;

	if (vmr_parse_bdf(name, &id.domain, &id.bus, &id.slot, &id.func) < 0)
		return 0;
	if (read_ids(c->root, name, &id) < 0) {
		vmr_log(LOG_WARNING, "%s: cannot read its ids, skipped", name);
		return 0;
	}
	for (size_t i = 0; i < c->plan->n_sel; i++) {
		if (!sel_matches(&c->plan->sel[i], &id))
			continue;
		c->pci->sel_hits[i]++;
		if (first < 0)
			first = (int)i;
		if (c->plan->sel[i].kind != VMR_SEL_ID)
			by_address = true;
	}
	if (first < 0)
		return 0;
	if (c->pci->n_dev == VMR_MAX_DEV) {
		c->pci->n_dropped++;
		return 0;
	}
	fill_dev(c, name, &id, first, by_address);
	return 0;
}

/* Bus order, whatever order the directory listed them in. */
static uint64_t dev_key(const struct vmr_dev *dev)
{
	uint32_t domain;
	unsigned bus, slot, func;

	vmr_parse_bdf(dev->addr, &domain, &bus, &slot, &func);
	return (uint64_t)domain << 16 | bus << 8 | slot << 3 | func;
}

static void sort_devices(struct vmr_pci *pci)
{
	for (size_t i = 1; i < pci->n_dev; i++) {
		struct vmr_dev tmp = pci->dev[i];
		uint64_t key = dev_key(&tmp);
		size_t j = i;

		for (; j > 0 && dev_key(&pci->dev[j - 1]) > key; j--)
			pci->dev[j] = pci->dev[j - 1];
		pci->dev[j] = tmp;
	}
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
		if (pci->sel_hits[i])
			continue;
		pci->n_warnings++;
		vmr_log(LOG_WARNING, "rd.vmreserve.pci: '%s' matched no device",
			plan->sel[i].text);
	}
	if (pci->n_dropped)
		vmr_log(LOG_ERR, "%zu more matching devices ignored (at most %d)",
			pci->n_dropped, VMR_MAX_DEV);
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct vmr_dev *dev = &pci->dev[i];

		if (dev->status == VMR_DEV_REFUSED)
			vmr_log(LOG_ERR, "%s (%04x:%04x class %06x, by '%s'): "
				"refused: %s", dev->addr, dev->vendor,
				dev->device, dev->class,
				plan->sel[dev->sel].text, dev->why);
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
	unsigned groups = 0;
	int r;

	memset(pci, 0, sizeof(*pci));
	pci->modprobe_status = -1;
	if (plan->n_sel == 0)
		return 0;
	/* Before the scan: the safety check needs it. */
	vmr_foreach_dir(root, "sys/kernel/iommu_groups", count_entry, &groups);
	pci->iommu = groups > 0;
	r = vmr_foreach_dir(root, DEVICES, scan_one, &c);
	if (r < 0) {
		vmr_log(LOG_ERR, "cannot list /" DEVICES ": %s", vmr_strerror(-r));
		return r;
	}
	sort_devices(pci);
	log_scan(plan, pci);
	return 0;
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

/* Taken by us: a refused device stays on its driver like any other. */
static bool taken(const struct vmr_pci *pci, const char *addr)
{
	for (size_t i = 0; i < pci->n_dev; i++)
		if (pci->dev[i].status != VMR_DEV_REFUSED &&
		    strcmp(pci->dev[i].addr, addr) == 0)
			return true;
	return false;
}

bool vmr_group_safe_driver(const char *drv)
{
	return !drv[0] || strncmp(drv, "vfio", 4) == 0 ||
	       strcmp(drv, "pci-stub") == 0 || strcmp(drv, "pcieport") == 0;
}

struct group_ctx {
	const struct vmr_root *root;
	struct vmr_pci *pci;
	int group;
};

static int check_member(const char *name, void *ctx)
{
	struct group_ctx *g = ctx;
	char drv[VMR_DRV_LEN];
	struct pci_id id;

	/*
	 * Bridges count too: only pcieport among host drivers leaves a group
	 * usable (an ISA bridge on lpc_ich does not).
	 */
	if (taken(g->pci, name) || read_ids(g->root, name, &id) < 0)
		return 0;
	vmr_pci_dev_link(g->root, name, "driver", drv, sizeof(drv));
	/*
	 * At pre-udev most devices have no driver yet: an endpoint left
	 * driver-less now is claimed by its host driver once udev starts.
	 */
	bool later = !drv[0] && !vmr_class_is_bridge(id.class);

	if (!later && vmr_group_safe_driver(drv))
		return 0;
	g->pci->n_warnings++;
	vmr_log(LOG_WARNING, "IOMMU group %d is not viable: %s (%04x:%04x) %s%s; "
		"select it too (rd.vmreserve.pci=%s) or use a slot with a group "
		"of its own", g->group, name, id.vendor, id.device,
		later ? "has no driver yet, a host driver will claim it" : "is on ",
		later ? "" : drv, name);
	return 0;
}

void vmr_pci_check_groups(const struct vmr_root *root, struct vmr_pci *pci)
{
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct group_ctx g = { root, pci, pci->dev[i].group };
		char path[VMR_PATH_MAX];
		bool seen = false;

		if (g.group < 0 || pci->dev[i].status == VMR_DEV_REFUSED)
			continue;
		for (size_t j = 0; j < i; j++)
			seen |= pci->dev[j].group == g.group &&
				pci->dev[j].status != VMR_DEV_REFUSED;
		if (seen ||
		    vmr_path(path, "sys/kernel/iommu_groups/%d/devices",
			     g.group) < 0)
			continue;
		vmr_foreach_dir(root, path, check_member, &g);
	}
}

