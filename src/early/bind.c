/* SPDX-License-Identifier: MIT */
/*
 * Handing the selected devices to vfio-pci: the early binary's writes to
 * driver_override, unbind and drivers_probe, and the modprobe run. What to
 * take and whether a group is viable is the core's (pci.c).
 */
#include "bind.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "clock.h"
#include "log.h"
#include "sysfs_write.h"

#define DEVICES "sys/bus/pci/devices"

static int dev_set_override(const struct vmr_root *root, struct vmr_dev *dev)
{
	char path[VMR_PATH_MAX];
	int r = vmr_path(path, DEVICES "/%s/driver_override", dev->addr);

	if (r == 0)
		r = vmr_set(root, path, VMR_VFIO_DRIVER "\n");
	if (r < 0) {
		dev->status = VMR_DEV_FAILED;
		snprintf(dev->why, sizeof(dev->why),
			 "cannot write driver_override: %s", vmr_strerror(-r));
		vmr_log(LOG_ERR, "%s: %s", dev->addr, dev->why);
		return r;
	}
	vmr_log(LOG_INFO, "%s (%04x:%04x): driver_override=" VMR_VFIO_DRIVER,
		dev->addr, dev->vendor, dev->device);
	return 0;
}

static int dev_unbind(const struct vmr_root *root, struct vmr_dev *dev)
{
	char path[VMR_PATH_MAX];
	int r = vmr_path(path, DEVICES "/%s/driver/unbind", dev->addr);

	if (r == 0)
		r = vmr_send_line(root, path, dev->addr);
	if (r < 0) {
		dev->status = VMR_DEV_FAILED;
		snprintf(dev->why, sizeof(dev->why), "cannot unbind from %s: %s",
			 dev->driver_before, vmr_strerror(-r));
		vmr_log(LOG_ERR, "%s: %s", dev->addr, dev->why);
		return r;
	}
	vmr_log(LOG_NOTICE, "%s: unbound from %s", dev->addr,
		dev->driver_before);
	return 0;
}

static bool has_driver(const struct vmr_root *root, const struct vmr_dev *dev)
{
	char drv[VMR_DRV_LEN];

	return vmr_pci_dev_link(root, dev->addr, "driver", drv,
				sizeof(drv)) > 0;
}

/* vfork + execve: no shell ever sees a user string. */
static int run_modprobe(const char *modprobe, uint64_t *elapsed)
{
	char *const argv[] = { (char *)"modprobe", (char *)"-b",
			       (char *)VMR_VFIO_DRIVER, NULL };
	uint64_t t0 = vmr_now_us();
	int status;
	pid_t pid = vfork();

	if (pid == 0) {
		execve(modprobe, argv, environ);
		_exit(127);
	}
	if (pid < 0)
		return -errno;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	*elapsed = vmr_now_us() - t0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void load_vfio(struct vmr_pci *pci, const char *modprobe)
{
	int r = run_modprobe(modprobe, &pci->modprobe_us);

	pci->modprobe_status = r;
	if (r == 0)
		vmr_log(LOG_INFO, "loaded " VMR_VFIO_DRIVER " (%s -b "
			VMR_VFIO_DRIVER ", %llu us)", modprobe,
			(unsigned long long)pci->modprobe_us);
	else if (r < 0)
		vmr_log(LOG_ERR, "cannot run %s: %s", modprobe, vmr_strerror(-r));
	else
		vmr_log(LOG_ERR, "%s -b " VMR_VFIO_DRIVER " exited %d%s",
			modprobe, r, r == 127 ? " (not found?)" : "");
}

/* Probe a device nothing holds; the override lets only vfio-pci take it. */
static void probe_if_unbound(const struct vmr_root *root, struct vmr_dev *dev)
{
	int r;

	if (has_driver(root, dev))
		return;
	r = vmr_send_line(root, "sys/bus/pci/drivers_probe", dev->addr);
	if (r < 0)
		vmr_log(LOG_ERR, "%s: drivers_probe: %s", dev->addr,
			vmr_strerror(-r));
}

/* Report the driver link, never what we asked for. */
static void verify(const struct vmr_root *root, struct vmr_dev *dev)
{
	vmr_pci_dev_link(root, dev->addr, "driver", dev->driver_after,
		 sizeof(dev->driver_after));
	if (strcmp(dev->driver_after, VMR_VFIO_DRIVER) == 0) {
		dev->status = VMR_DEV_BOUND;
		vmr_log(LOG_INFO, "%s: bound to " VMR_VFIO_DRIVER, dev->addr);
		return;
	}
	dev->status = VMR_DEV_FAILED;
	if (dev->driver_after[0])
		snprintf(dev->why, sizeof(dev->why), "held by %s",
			 dev->driver_after);
	else
		snprintf(dev->why, sizeof(dev->why), "no driver bound "
			 "(see the kernel log for " VMR_VFIO_DRIVER ")");
	vmr_log(LOG_ERR, "%s: not on " VMR_VFIO_DRIVER ": %s", dev->addr,
		dev->why);
}

static size_t count_status(const struct vmr_pci *pci, enum vmr_dev_status s)
{
	size_t n = 0;

	for (size_t i = 0; i < pci->n_dev; i++)
		n += pci->dev[i].status == s;
	return n;
}

static void plan_only(struct vmr_pci *pci)
{
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct vmr_dev *dev = &pci->dev[i];

		if (dev->status != VMR_DEV_PENDING)
			continue;
		dev->status = VMR_DEV_PLANNED;
		vmr_log(LOG_INFO, "%s (%04x:%04x class %06x, group %d): would "
			"set driver_override=" VMR_VFIO_DRIVER "%s%s",
			dev->addr, dev->vendor, dev->device, dev->class,
			dev->group, dev->driver_before[0] ? ", unbind " : "",
			dev->driver_before);
	}
}

void vmr_pci_bind(const struct vmr_root *root, struct vmr_pci *pci,
		  const struct vmr_pci_opts *opts)
{
	size_t pending = count_status(pci, VMR_DEV_PENDING);

	if (pending && !pci->iommu) {
		for (size_t i = 0; i < pci->n_dev; i++)
			if (pci->dev[i].status == VMR_DEV_PENDING)
				pci->dev[i].status = VMR_DEV_NO_IOMMU;
		vmr_log(LOG_ERR, "IOMMU is off (no IOMMU groups): not binding "
			"%zu device(s); %s", pending, vmr_iommu_hint(root));
		return;
	}
	if (opts->dry_run) {
		plan_only(pci);
		vmr_pci_check_groups(root, pci);
		return;
	}
	pci->vfio_registered_before =
		vmr_exists(root, "sys/bus/pci/drivers/" VMR_VFIO_DRIVER);
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct vmr_dev *dev = &pci->dev[i];

		if (dev->status != VMR_DEV_PENDING ||
		    dev_set_override(root, dev) < 0)
			continue;
		/* The driver may have changed since the scan: read it now. */
		vmr_pci_dev_link(root, dev->addr, "driver",
				 dev->driver_before, sizeof(dev->driver_before));
		if (dev->driver_before[0] &&
		    strcmp(dev->driver_before, VMR_VFIO_DRIVER) != 0)
			dev_unbind(root, dev);
	}
	if (!count_status(pci, VMR_DEV_PENDING))
		return;
	if (!pci->vfio_registered_before)
		load_vfio(pci, opts->modprobe);
	for (size_t i = 0; i < pci->n_dev; i++)
		if (pci->dev[i].status == VMR_DEV_PENDING)
			probe_if_unbound(root, &pci->dev[i]);
	for (size_t i = 0; i < pci->n_dev; i++)
		if (pci->dev[i].status == VMR_DEV_PENDING)
			verify(root, &pci->dev[i]);
	vmr_pci_check_groups(root, pci);
}
