/* SPDX-License-Identifier: MIT */
/*
 * Which PCI devices the plan selects, and the rules both programs judge
 * them by: selector matching (pins included), bus order, the safety rules
 * (bridges, storage by id, no IOMMU group), IOMMU-on and group viability.
 * Reads only; handing devices to vfio-pci is src/early/bind.c's.
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
	VMR_DEV_REFUSED,  /* never taken: bridge, storage by id, no group */
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
	uint32_t sel_found[VMR_MAX_SEL]; /* see vmr_plan_match() */
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

/* Bus order of "DDDD:BB:SS.F"; UINT64_MAX (last) when it is not one. */
uint64_t vmr_bdf_key(const char *addr);

/* A function's address and ids, as selector matching needs them. */
struct vmr_pci_id {
	uint32_t domain;
	unsigned bus, slot, func;
	uint32_t vendor, device, class;
};

/*
 * Every selector of plan against one function: the one rule both programs
 * select by. hits[i] counts the functions selector i takes. A pinned
 * address selector takes only when the ids at its address (function 0's
 * for a slot) equal its pin; when they differ it takes nothing there and
 * found[i] gets them (vendor << 16 | device; 0: no such mismatch).
 * Returns the first selector that takes the function, or -1; *by_address
 * is set when an address selector takes it.
 */
int vmr_plan_match(const struct vmr_root *root, const struct vmr_plan *plan,
		   const struct vmr_pci_id *id, unsigned hits[VMR_MAX_SEL],
		   uint32_t found[VMR_MAX_SEL], bool *by_address);

/* The address a pin names: the function, or function 0 of the slot. */
void vmr_sel_pin_addr(const struct vmr_pci_sel *sel, char addr[VMR_BDF_LEN]);

/*
 * A bridge or port, never taken and left to its port driver: a 0x06 class,
 * or a header type (config byte 0x0e, low 7 bits) other than 0 (endpoint).
 */
bool vmr_pci_is_bridge(const struct vmr_root *root, const char *addr,
		       uint32_t class);

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
 * Is drv (a driver name as sysfs shows it) a PCI driver with
 * driver_managed_dma, i.e. one VFIO can share an IOMMU group with?
 */
bool vmr_driver_manages_dma(const char *drv);

/*
 * Group viability, the kernel's rule (since 5.19): VFIO can claim an IOMMU
 * group only when every member that has a driver is on a driver with
 * driver_managed_dma. Does this member (driver "" when none) keep its group
 * from being claimed? before_udev: judged in the initramfs before udev,
 * where a driver-less endpoint still gets its host driver once udev starts
 * and so blocks too (a driver-less bridge is left to pcieport).
 */
bool vmr_member_blocks(const char *drv, bool bridge, bool before_udev);

/*
 * The IOMMU is on when this is > 0: the kernel made IOMMU groups (without
 * them vfio-pci cannot bind). How many, or -errno when they cannot be
 * listed (-ENOENT: no iommu_groups directory, a kernel without IOMMU
 * support).
 */
int vmr_iommu_groups(const struct vmr_root *root);

/*
 * Why a device without an IOMMU group is never taken although the IOMMU is
 * on (the igfx quirk): vfio_group_find_or_alloc() refuses it, and an
 * override would take it from the host for nothing. Both programs say it.
 */
#define VMR_NO_GROUP_WHY "has no IOMMU group (intel_iommu=igfx_off?): " \
	VMR_VFIO_DRIVER " cannot use it"

/*
 * Why a selected device is never taken: the one rule the early binary
 * (at the scan), status, suggest and check-domain judge a device by.
 * Pure: the caller gathers the facts. The first that applies, in this order:
 */
enum vmr_refusal {
	VMR_REFUSE_NONE,       /* may be taken */
	VMR_REFUSE_BRIDGE,     /* a bridge or port: left to its port driver */
	VMR_REFUSE_STORAGE_ID, /* a storage controller (class 0x01) matched
				  only by an id selector: the boot disk's
				  twin may share its ids */
	VMR_REFUSE_NO_GROUP,   /* no IOMMU group although the IOMMU is on
				  (VMR_NO_GROUP_WHY) */
};

struct vmr_dev_facts {
	uint32_t class;   /* 0x030000 */
	bool bridge;      /* vmr_pci_is_bridge(): class 0x06 or a bridge
			     header type, from sysfs or the record */
	bool by_address;  /* an address selector takes it (vmr_plan_match's
			     *by_address); true for a device the user names
			     by its address (suggest, check-domain) */
	int group;        /* IOMMU group, -1 when none */
	bool iommu;       /* the IOMMU is on: vmr_iommu_groups() > 0 */
};

/*
 * How the tool calls it: status, for each function a selector takes:
 *   { f->class, f->bridge, f->sel_by_address, f->group, r->iommu.enabled };
 * suggest and check-domain, for a device named by address:
 *   { f->class, f->bridge, true, f->group, iommu on };
 * then vmr_refusal_why() for the problem text ("ADDR " + it), or a text of
 * its own per reason code. With the IOMMU off only BRIDGE and STORAGE_ID
 * apply: the IOMMU being off is said once, for all devices.
 */
enum vmr_refusal vmr_refusal(const struct vmr_dev_facts *f);

/*
 * The fixed message of a reason, as the early binary logs it after the
 * device ("is a PCI bridge or port: bridges are never taken"); "" for
 * VMR_REFUSE_NONE.
 */
const char *vmr_refusal_why(enum vmr_refusal r);

/* How to turn the IOMMU on, from the ACPI tables this machine has. */
const char *vmr_iommu_hint(const struct vmr_root *root);

#endif
