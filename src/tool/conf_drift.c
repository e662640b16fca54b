/* SPDX-License-Identifier: MIT */
/*
 * /etc/vmreserve.conf in the status report: the fingerprint vmreserve-early
 * recorded for the copy the initramfs held (record key conf=) against the
 * same fingerprint of the host's file now (vmr_conf_read, the one reader
 * both programs use), the advice when they differ, naming the command that
 * rebuilds this host's initramfs (hostboot.h). A step of its own
 * (status.c calls it after the judging); the printers show r->conf.
 *
 * Level: a difference is a note. It changes nothing in effect now (the
 * exit status judges the running boot), and the tool cannot tell whether
 * the image was already rebuilt and waits for a reboot: a warning would
 * stay until then, after the fix was done. A file the early binary could
 * not read at boot is a warning: its keys were not applied in this boot.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_drift.h"
#include "hostboot.h"
#include "read_kmsg.h"

static enum vmr_conf_drift compare(const char *boot, const char *now)
{
	bool was = strcmp(boot, "absent") != 0, is = strcmp(now, "absent") != 0;

	if (strcmp(boot, now) == 0)
		return VMR_CONF_SAME;
	return was && is ? VMR_CONF_CHANGED : is ? VMR_CONF_ADDED :
	       VMR_CONF_REMOVED;
}

static void advise_drift(struct vmr_report *r, const struct vmr_conf_check *c)
{
	char fix[VMR_ADVICE_LEN];

	snprintf(fix, sizeof(fix), "rebuild the initramfs (%s) and reboot: "
		 "the early binary reads the copy in the initramfs",
		 c->rebuild);
	if (c->drift == VMR_CONF_CHANGED)
		vmr_advise(&r->advice, VMR_LVL_NOTE, fix, "/etc/vmreserve.conf "
			   "differs from the copy in the initramfs this host "
			   "booted (now %s, then %s; bytes:FNV-1a)", c->now,
			   c->boot);
	else if (c->drift == VMR_CONF_ADDED)
		vmr_advise(&r->advice, VMR_LVL_NOTE, fix, "/etc/vmreserve.conf "
			   "is not in the initramfs this host booted: its keys "
			   "were not applied");
	else if (c->drift == VMR_CONF_REMOVED)
		vmr_advise(&r->advice, VMR_LVL_NOTE, fix, "/etc/vmreserve.conf "
			   "is gone, but the initramfs this host booted has a "
			   "copy, applied at every boot until it is rebuilt");
}

/*
 * The file asks for something, but the early binary left no record (the
 * command line's keys have their own warning, in judge.c): the module is
 * not in the initramfs, and what the file asks is not judged.
 */
static void no_record(struct vmr_report *r, const struct vmr_conf_check *c)
{
	char fix[VMR_ADVICE_LEN];

	if (r->early.present || r->plan.any_key || strcmp(c->now, "absent") == 0)
		return;
	if (r->early.klog == VMR_KLOG_RAN) {
		vmr_advise(&r->advice, VMR_LVL_WARNING, vmr_klog_fix(&r->early), "no /"
			   VMR_STATE_PATH ": vmreserve-early ran, record not "
			   "written (%s): what /etc/vmreserve.conf asks is not "
			   "judged", vmr_klog_reason(&r->early));
		return;
	}
	snprintf(fix, sizeof(fix), "put vmreserve in the initramfs (%s) and "
		 "reboot", c->rebuild);
	vmr_advise(&r->advice, VMR_LVL_WARNING, fix, "no /" VMR_STATE_PATH ": "
		   "vmreserve-early did not run in this boot, and what "
		   "/etc/vmreserve.conf asks is not judged");
}

void vmr_conf_judge(const struct vmr_root *root, struct vmr_report *r)
{
	char *buf = malloc(VMR_CONF_MAX + 1);
	struct vmr_conf_check *c = &r->conf;
	struct vmr_hostboot hb;
	int n;

	vmr_hostboot_detect(root, &hb);
	c->generator = hb.generator_name;
	c->rebuild = hb.rebuild;
	/* the host's file may be a link (config management): its target */
	n = buf ? vmr_conf_read(root, true, buf, c->now) : -ENOMEM;
	free(buf);
	c->now_err = n < 0 && n != -ENOENT ? n : 0;
	snprintf(c->boot, sizeof(c->boot), "%s", r->early.conf);
	c->drift = VMR_CONF_UNKNOWN;
	/* no record, or one from a writer before conf=: nothing to compare */
	if (!c->boot[0]) {
		no_record(r, c);
		return;
	}
	if (strcmp(c->boot, "skipped") == 0)
		vmr_advise(&r->advice, VMR_LVL_WARNING, "make it a regular "
			   "file of at most 16384 bytes, then rebuild the "
			   "initramfs", "vmreserve-early could not read "
			   "/etc/vmreserve.conf in the initramfs (see dmesg | "
			   "grep vmreserve:): its keys were not applied in "
			   "this boot");
	/* not allowed to read it (the tool runs as any user), or no memory
	 * to read it into: cannot tell */
	if (c->now_err == -EACCES || c->now_err == -EPERM ||
	    c->now_err == -ENOMEM) {
		vmr_advise(&r->advice, VMR_LVL_NOTE, NULL, "cannot read "
			   "/etc/vmreserve.conf: %s: whether it matches the "
			   "initramfs' copy is unknown", strerror(-c->now_err));
		return;
	}
	c->drift = compare(c->boot, c->now);
	if (c->now_err && c->drift != VMR_CONF_SAME)
		vmr_advise(&r->advice, VMR_LVL_NOTE, "make it a regular file "
			   "of at most 16384 bytes", "vmreserve-early would "
			   "not read /etc/vmreserve.conf: %s",
			   strerror(-c->now_err));
	else
		advise_drift(r, c);
}

