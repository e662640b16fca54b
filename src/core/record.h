/* SPDX-License-Identifier: MIT */
/*
 * The state record: /run/vmreserve/state, written by vmreserve-early in
 * the initramfs and read after switch_root (/run survives it). Line-based
 * "key=value", one fact per line, values on one line; format documented in
 * vmreserve-early(8). VMR_STATE_VERSION changes when a key changes meaning.
 */
#ifndef VMR_RECORD_H
#define VMR_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "sysroot.h"

#define VMR_STATE_VERSION 1
#define VMR_STATE_DIR     "run/vmreserve"
#define VMR_STATE_PATH    "run/vmreserve/state"
#define VMR_STATE_SIZE    24576

struct vmr_state {
	size_t len;
	bool overflow; /* a line did not fit: the record says so */
	char buf[VMR_STATE_SIZE];
};

void vmr_state_init(struct vmr_state *st);

/*
 * Add one line; fmt holds the key too ("hp.%zu.node=%u"). Newlines in the
 * formatted line become spaces, so a value can never forge another key.
 */
void vmr_state_add(struct vmr_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int vmr_state_write(const struct vmr_root *root, struct vmr_state *st);

/*
 * Reader, for the status tool: load the record (-ENOENT when the early
 * binary never wrote one), then look keys up. vmr_state_get copies the
 * value of the last line "key=..." into val and returns val, or NULL when
 * the key is absent (a later line wins, as the writer never repeats one).
 */
int vmr_state_load(const struct vmr_root *root, struct vmr_state *st);
const char *vmr_state_get(const struct vmr_state *st, const char *key,
			  char *val, size_t size);

#endif
