/* SPDX-License-Identifier: MIT */
/*
 * Handing the selected devices to vfio-pci: the modprobe run, then per
 * device the writes to driver_override, unbind and drivers_probe, and the
 * rollback of a device that did not end on vfio-pci. What to take and
 * whether a group is viable is the core's (pci.c).
 */
#include "bind.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#include "clock.h"
#include "log.h"
#include "sysfs_write.h"
#include "text.h"

#define DEVICES  "sys/bus/pci/devices"
#define PROBE    "sys/bus/pci/drivers_probe"
#define VFIO_DIR "sys/bus/pci/drivers/" VMR_VFIO_DRIVER
#define UNBIND_POLLS 200 /* 10 ms each: wait up to 2 s for driver/unbind */
/*
 * ... and at most 5 s for all devices together: 64 devices in that window
 * must not hold the boot for two minutes.
 */
static unsigned wait_budget = 500;

/* Does this initramfs hold the module (where every kernel puts it)? */
static bool in_initramfs(const struct vmr_root *root)
{
	struct utsname u;

	return uname(&u) < 0 ||
	       vmr_existsf(root, "lib/modules/%s/kernel/drivers/vfio/pci",
			   u.release);
}

/*
 * modprobe -b vfio-pci with vfork + execve: no shell ever sees a user
 * string. -errno when it could not run (checked before the fork: a child's
 * exec error has no way back), else its exit status, or 128 + N when
 * signal N killed it (modprobe itself only exits 0 or 1).
 */
static int run_modprobe(const char *modprobe, uint64_t *elapsed)
{
	char *const argv[] = { (char *)"modprobe", (char *)"-b",
			       (char *)VMR_VFIO_DRIVER, NULL };
	uint64_t t0 = vmr_now_us();
	int status;
	pid_t pid;

	if (access(modprobe, X_OK) < 0)
		return -errno;
	pid = vfork();
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
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
	       WEXITSTATUS(status);
}

/*
 * Make sure vfio-pci is registered, loading it if need be; if it is not,
 * write why (the reason and its fix) and return false.
 */
static bool load_vfio(const struct vmr_root *root, struct vmr_pci *pci,
		      const struct vmr_pci_opts *opts, char *why, size_t size)
{
	char key[32]; /* the longest blacklist key is 19 bytes */
	int st;

	pci->vfio_registered_before = vmr_exists(root, VFIO_DIR);
	if (pci->vfio_registered_before)
		return true;
	/* modprobe -b would refuse it anyway: do not even ask. */
	if (vmr_module_blacklisted(opts->cmdline, "vfio_pci", key,
				   sizeof(key))) {
		snprintf(why, size, "%s= blacklists it: remove it", key);
		return false;
	}
	if (opts->dry_run)
		return true; /* modprobe is not run: assume it would load */
	st = run_modprobe(opts->modprobe, &pci->modprobe_us);
	pci->modprobe_status = st < 0 ? 127 : st;
	if (vmr_exists(root, VFIO_DIR)) {
		vmr_log(LOG_INFO, "loaded " VMR_VFIO_DRIVER " (%s, %llu us)",
			opts->modprobe, (unsigned long long)pci->modprobe_us);
		return true;
	}
	if (st < 0)
		snprintf(why, size, "cannot run %s: %s", opts->modprobe,
			 vmr_strerror(-st));
	else if (st && st < 128 && !in_initramfs(root))
		snprintf(why, size, "not in this initramfs: rebuild it "
			 "(dracut -f)");
	else
		snprintf(why, size, "%s -b " VMR_VFIO_DRIVER " %s %d%s",
			 opts->modprobe, st > 128 ? "killed by signal" :
			 "exited", st > 128 ? st - 128 : st, st ?
			 "; see the kernel log" :
			 ", not registered (modprobe.d blacklist?)");
	return false;
}

static int set_override(const struct vmr_root *root,
			const struct vmr_dev *dev, const char *value)
{
	char path[VMR_PATH_MAX];
	int r = vmr_path(path, DEVICES "/%s/%s", dev->addr, "driver_override");

	return r < 0 ? r : vmr_set(root, path, value);
}

/* What it returns does not matter: the driver link is read back. */
static void probe(const struct vmr_root *root, const struct vmr_dev *dev)
{
	vmr_send_line(root, PROBE, dev->addr);
}

/*
 * Unbind drv from the device. bus_add_driver() attaches devices before it
 * creates the driver's bind/unbind files: while a module is still loading
 * the device has its driver link but no driver/unbind yet. Wait for the
 * file, bounded; stop waiting when the driver lets go by itself (the
 * check refreshes dev->driver_after, which hand_over reads next).
 */
static int unbind(const struct vmr_root *root, struct vmr_dev *dev,
		  const char *drv)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	char path[VMR_PATH_MAX];
	int r = vmr_path(path, DEVICES "/%s/%s", dev->addr, "driver/unbind");

	for (int i = 0; r == 0 && !vmr_exists(root, path); i++) {
		if (vmr_pci_dev_link(root, dev->addr, "driver",
				     dev->driver_after, VMR_DRV_LEN) < 0)
			return 0;
		if (i == UNBIND_POLLS || !wait_budget)
			r = -ETIMEDOUT;
		else
			nanosleep(&tick, NULL), wait_budget--;
	}
	if (r == 0)
		r = vmr_send_line(root, path, dev->addr);
	if (r == 0)
		vmr_log(LOG_NOTICE, "%s: unbound from %s", dev->addr, drv);
	else
		snprintf(dev->why, sizeof(dev->why),
			 "cannot unbind from %s: %s", drv, r != -ETIMEDOUT ?
			 vmr_strerror(-r) : (wait_budget ? "no unbind file in 2 s" :
			 "no unbind file, 5 s wait for all devices used up"));
	return r;
}

/*
 * Unbind what holds the device, probe, read the driver link back. A host
 * driver still loading may have matched the device before the override was
 * written and bind it after the unbind: then one more round.
 */
static int hand_over(const struct vmr_root *root, struct vmr_dev *dev)
{
	char *drv = dev->driver_after;

	for (int round = 0;; round++) {
		vmr_pci_dev_link(root, dev->addr, "driver", drv, VMR_DRV_LEN);
		if (strcmp(drv, VMR_VFIO_DRIVER) == 0)
			return 0;
		if (round == 2 || (round && !drv[0]))
			break;
		if (drv[0] && unbind(root, dev, drv) < 0)
			return -1;
		probe(root, dev);
	}
	snprintf(dev->why, sizeof(dev->why), "%s%s", drv[0] ? "held by " :
		 VMR_VFIO_DRIVER " did not bind", drv);
	return -1;
}

/* Give the device back: no override, probed, so its host driver returns. */
static void roll_back(const struct vmr_root *root, struct vmr_dev *dev)
{
	int r = set_override(root, dev, "\n");

	if (r == 0)
		probe(root, dev);
	vmr_pci_dev_link(root, dev->addr, "driver", dev->driver_after,
			 sizeof(dev->driver_after));
	dev->status = r < 0 ? VMR_DEV_FAILED : VMR_DEV_ROLLED_BACK;
	vmr_log(LOG_ERR, "%s: not on " VMR_VFIO_DRIVER ": %s; %s, driver: %s",
		dev->addr, dev->why, r < 0 ? "cannot clear driver_override" :
		"rolled back",
		dev->driver_after[0] ? dev->driver_after : "none");
}

static void take(const struct vmr_root *root, struct vmr_dev *dev)
{
	int r = set_override(root, dev, VMR_VFIO_DRIVER "\n");

	if (r == 0) {
		vmr_log(LOG_INFO, "%s (%04x:%04x): driver_override="
			VMR_VFIO_DRIVER, dev->addr, dev->vendor, dev->device);
		/* The driver may have changed since the scan: read it now. */
		vmr_pci_dev_link(root, dev->addr, "driver", dev->driver_before,
				 sizeof(dev->driver_before));
		r = hand_over(root, dev);
	} else {
		snprintf(dev->why, sizeof(dev->why),
			 "cannot write driver_override: %s", vmr_strerror(-r));
	}
	if (r < 0) {
		roll_back(root, dev);
		return;
	}
	dev->status = VMR_DEV_BOUND;
	vmr_log(LOG_INFO, "%s: bound to " VMR_VFIO_DRIVER, dev->addr);
}

static size_t count_status(const struct vmr_pci *pci, enum vmr_dev_status s)
{
	size_t n = 0;

	for (size_t i = 0; i < pci->n_dev; i++)
		n += pci->dev[i].status == s;
	return n;
}

static void plan_only(struct vmr_dev *dev)
{
	dev->status = VMR_DEV_PLANNED;
	vmr_log(LOG_INFO, "%s (%04x:%04x class %06x, group %d): would set "
		"driver_override=" VMR_VFIO_DRIVER "%s%s", dev->addr,
		dev->vendor, dev->device, dev->class, dev->group,
		dev->driver_before[0] ? ", unbind " : "", dev->driver_before);
}

void vmr_pci_bind(const struct vmr_root *root, struct vmr_pci *pci,
		  const struct vmr_pci_opts *opts)
{
	size_t pending = count_status(pci, VMR_DEV_PENDING);
	char why[VMR_MSG_LEN];
	bool loaded;

	if (!pending)
		return;
	if (!pci->iommu) {
		for (size_t i = 0; i < pci->n_dev; i++)
			if (pci->dev[i].status == VMR_DEV_PENDING)
				pci->dev[i].status = VMR_DEV_NO_IOMMU;
		vmr_log(LOG_ERR, "IOMMU is off (no IOMMU groups): not binding "
			"%zu device(s); %s", pending, vmr_iommu_hint(root));
		return;
	}
	/* First: no device is touched for a driver that cannot come. */
	loaded = load_vfio(root, pci, opts, why, sizeof(why));
	if (!loaded)
		vmr_log(LOG_ERR, VMR_VFIO_DRIVER " not loaded, no device "
			"touched: %s", why);
	for (size_t i = 0; i < pci->n_dev; i++) {
		struct vmr_dev *dev = &pci->dev[i];

		if (dev->status != VMR_DEV_PENDING)
			continue;
		if (!loaded) {
			dev->status = VMR_DEV_FAILED;
			strcpy(dev->why, why); /* both VMR_MSG_LEN */
			/* untouched: the record says where it is */
			vmr_pci_dev_link(root, dev->addr, "driver",
					 dev->driver_after, VMR_DRV_LEN);
		} else if (opts->dry_run) {
			plan_only(dev);
		} else {
			take(root, dev);
		}
	}
	vmr_pci_check_groups(root, pci);
}
