/* SPDX-License-Identifier: MIT */
/*
 * Selecting PCI devices and handing them to vfio-pci.
 *
 * The order matters and follows the kernel (drivers/pci/pci-driver.c,
 * drivers/base/bus.c): vfio-pci is registered first (loaded if need be), so
 * that a device is never touched for a driver that cannot come; then per
 * device driver_override, so nothing but vfio-pci can bind from then on;
 * unbind the current driver; drivers_probe. drivers_probe reports success
 * even when nothing bound, so the driver link is read back for the truth,
 * and a device that did not end on vfio-pci is given back to its host
 * driver (override cleared, probed again).
 */
#ifndef VMR_PCI_H
#define VMR_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "cmdline.h"
#include "sysroot.h"

#define VMR_MAX_DEV   64
#define VMR_BDF_LEN   24
#define VMR_DRV_LEN   48
#define VMR_MSG_LEN   160
#define VMR_VFIO_DRIVER "vfio-pci"

enum vmr_dev_status {
	VMR_DEV_PENDING,  /* selected, not handled yet */
	VMR_DEV_BOUND,    /* driver link reads vfio-pci */
	VMR_DEV_FAILED,   /* we tried; it is not on vfio-pci */
	VMR_DEV_REFUSED,  /* never taken: bridge, storage by id */
	VMR_DEV_NO_IOMMU, /* not taken: no IOMMU groups */
	VMR_DEV_PLANNED,  /* --dry-run: would be taken */
	VMR_DEV_ROLLED_BACK, /* tried, not on vfio-pci: override cleared */
};

struct vmr_dev {
	char addr[VMR_BDF_LEN];  /* "0000:06:00.0" */
	uint16_t vendor, device;
	uint32_t class;          /* 0x030000 */
	int sel;                 /* index of the first selector that matched */
	bool by_address;         /* some address selector matched it */
	bool boot_vga;
	int group;               /* IOMMU group, -1 if none */
	char driver_before[VMR_DRV_LEN]; /* "" when none */
	char driver_after[VMR_DRV_LEN];
	enum vmr_dev_status status;
	char why[VMR_MSG_LEN];   /* reason for REFUSED/FAILED/ROLLED_BACK */
};

struct vmr_pci {
	size_t n_dev;
	size_t n_dropped;            /* matched beyond VMR_MAX_DEV */
	unsigned sel_hits[VMR_MAX_SEL];
	bool iommu;                  /* IOMMU groups exist */
	bool vfio_registered_before; /* vfio-pci was already a driver */
	int modprobe_status;         /* -1 not run, else exit status;
				      * 126/127 cannot run, 128+N signal N */
	uint64_t modprobe_us;        /* time inside modprobe (kernel floor) */
	unsigned n_warnings;         /* unmatched selector, group not viable */
	struct vmr_dev dev[VMR_MAX_DEV];
};

/* Find the devices the plan selects; logs refusals. Reads only. */
int vmr_pci_scan(const struct vmr_root *root, const struct vmr_plan *plan,
		 struct vmr_pci *pci);

/*
 * Warn about each IOMMU group of a taken device that VFIO could not claim
 * (a member on a driver without driver_managed_dma). Logs; counts warnings.
 */
void vmr_pci_check_groups(const struct vmr_root *root, struct vmr_pci *pci);

const char *vmr_dev_status_name(enum vmr_dev_status s);

/* Parse "DDDD:BB:SS.F" as the kernel names devices. */
int vmr_parse_bdf(const char *name, uint32_t *domain, unsigned *bus,
		  unsigned *slot, unsigned *func);

/* 0x06 base class: host, ISA, PCI-to-PCI, ... bridges. */
bool vmr_class_is_bridge(uint32_t class);

/* Does sel pick the function at domain:bus:slot.func with these ids? */
bool vmr_sel_matches(const struct vmr_pci_sel *sel, uint32_t domain,
		     unsigned bus, unsigned slot, unsigned func,
		     uint32_t vendor, uint32_t device);

/* Header type (config byte 0x0e, low 7 bits): 0 endpoint, 1 bridge. */
int vmr_pci_header_type(const struct vmr_root *root, const char *addr);

/* Attribute ATTR of device ADDR (vmr_read), with buf emptied on -errno. */
int vmr_pci_dev_read(const struct vmr_root *root, const char *addr,
		     const char *attr, char *buf, size_t size);

/*
 * The name a link of device ADDR points to ("driver" -> "vfio-pci",
 * "iommu_group" -> "12"): its length, or -errno with buf emptied.
 */
int vmr_pci_dev_link(const struct vmr_root *root, const char *addr,
		     const char *link, char *buf, size_t size);

/*
 * Why a device without an IOMMU group is never taken although the IOMMU is
 * on (the igfx quirk): vfio_group_find_or_alloc() refuses it, and an
 * override would take it from the host for nothing. Both programs say it.
 */
#define VMR_NO_GROUP_WHY "has no IOMMU group (intel_iommu=igfx_off?): " \
	VMR_VFIO_DRIVER " cannot use it"

/* Drivers that leave an IOMMU group usable for VFIO ("" is none). */
bool vmr_group_safe_driver(const char *drv);

/* How to turn the IOMMU on, from the ACPI tables this machine has. */
const char *vmr_iommu_hint(const struct vmr_root *root);

#endif
