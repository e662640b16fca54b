/* SPDX-License-Identifier: MIT */
/*
 * mkinitcpio (Arch Linux): does this host's HOOKS run vmreserve's hook at
 * boot? Read the way mkinitcpio v41 reads its configuration, without
 * running any shell: /etc/mkinitcpio.conf, then the drop-ins
 * /etc/mkinitcpio.conf.d/ *.conf in version order (mkinitcpio appends them
 * to the main file and sources the whole: the last HOOKS= wins). A HOOKS
 * that is not a plain array or word list (a variable, +=, a command
 * substitution, a sourced file) is unknown, said so, never guessed.
 *
 * The rules (mkinitcpio's init and init_functions): every hook's
 * run_earlyhook runs first, in HOOKS order, then MODULES are loaded, then
 * every run_hook; udev's early hook starts udevd. So `vmreserve` (an early
 * hook) must stand before `udev`. The `systemd` hook replaces base and udev
 * and runs no early hooks: there `sd-vmreserve` (a unit ordered before
 * systemd-udevd.service) does the work, and a plain `vmreserve` never runs.
 * One judgement for status and suggest.
 */
#ifndef VMR_INITCPIO_H
#define VMR_INITCPIO_H

#include <stdbool.h>
#include <stddef.h>

#include "advice.h"
#include "sysroot.h"

#define VMR_IC_MAX_HOOKS 48
#define VMR_IC_HOOK_LEN  48
#define VMR_IC_FILE_MAX  (64u << 10) /* one configuration file, bytes */
#define VMR_IC_MAX_DROPINS 32

enum vmr_ic_state {
	VMR_IC_PLAIN,   /* hook[] holds the HOOKS mkinitcpio will use */
	VMR_IC_UNKNOWN, /* why[] says why */
};

struct vmr_initcpio {
	enum vmr_ic_state state;
	char from[VMR_PATH_MAX + 1]; /* "/etc/mkinitcpio.conf": the last HOOKS= */
	char why[160];
	size_t n;
	char hook[VMR_IC_MAX_HOOKS][VMR_IC_HOOK_LEN];
};

/*
 * One file's text (from: its path, for the messages) applied after what
 * came before: each HOOKS= replaces ic's hooks, a line that sets HOOKS in
 * another way makes them unknown. Pure: the fuzz target can feed it.
 */
void vmr_initcpio_parse(const char *text, const char *from,
			struct vmr_initcpio *ic);

/* GNU sort -V's order of two file names (mkinitcpio sorts its drop-ins
 * with sort -zVu): digit runs by value, then bytes. */
int vmr_initcpio_vercmp(const char *a, const char *b);

/* The configuration under root: the main file, then the drop-ins. */
void vmr_initcpio_read(const struct vmr_root *root, struct vmr_initcpio *ic);

/* The image to look into and how: the early binary is in the image with
 * either hook (`lsinitcpio -a` shows the early hook order of the udev one
 * only: a systemd image has no hooks in its config). */
#define VMR_IC_LIST "lsinitcpio /boot/initramfs-linux.img | grep vmreserve"

/*
 * The advice for a mkinitcpio host: the hook for this HOOKS (vmreserve, or
 * sd-vmreserve with systemd) missing, misplaced or not installed, each with
 * the exact HOOKS line to use; level for a problem (a warning when
 * vmreserve is wanted on this host, else a note); unknown HOOKS is a note.
 */
void vmr_initcpio_judge(const struct vmr_root *root, enum vmr_level level,
			struct vmr_advice_list *l);

#endif
