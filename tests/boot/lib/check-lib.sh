# shellcheck shell=sh
# SPDX-License-Identifier: MIT
#
# Helpers for tests/boot/TEST-*/check.sh. Sourced inside the test VM (busybox
# ash, after switch_root) before check.sh; installed in the root image as
# /usr/lib/vmr-test/check-lib.sh. POSIX sh + busybox applets only.
#
# Output protocol (read by tests/boot/run.sh): one line per check,
#   ok - DESCRIPTION
#   not ok - DESCRIPTION
# and "# ..." for comments. Anything else is ignored.
#
# Guest devices (see initrd/run-qemu.sh): "GPU" = e1000e 8086:10d3 at
# 0000:01:00.0 with its "audio" ich9-intel-hda 8086:293e at 0000:01:00.1;
# control e1000e 8086:10d3 at 0000:02:00.0. Find them by id with gpu_bdf,
# gpu_audio_bdf and control_bdf rather than trusting the numbers.

VMR_STATE=/run/vmreserve/state

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
diag() { echo "# $*"; }

# check DESCRIPTION COMMAND [ARGS...]: ok when COMMAND succeeds.
check() {
	_d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$_d"; else not_ok "$_d"; fi
}

# is DESCRIPTION GOT WANT: ok when the strings are equal; shows both if not.
is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1 (got '$2', want '$3')"
	fi
}

# isnt DESCRIPTION GOT UNWANTED
isnt() {
	if [ "$2" != "$3" ]; then
		ok "$1"
	else
		not_ok "$1 (got '$2')"
	fi
}

# --- PCI ------------------------------------------------------------------------

# pci_find VVVV:DDDD: BDFs with that vendor:device id, one a line, sorted.
pci_find() {
	for _p in /sys/bus/pci/devices/*; do
		[ "$(cat "$_p/vendor")" = "0x${1%%:*}" ] &&
			[ "$(cat "$_p/device")" = "0x${1##*:}" ] &&
			echo "${_p##*/}"
	done | sort
}

# pci_id BDF: "vvvv:dddd"
pci_id() {
	echo "$(cut -c3- "/sys/bus/pci/devices/$1/vendor"):$(cut -c3- "/sys/bus/pci/devices/$1/device")"
}

# pci_driver BDF: bound driver name, or "none"
pci_driver() {
	if [ -L "/sys/bus/pci/devices/$1/driver" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/driver")"
	else
		echo none
	fi
}

# pci_group BDF: IOMMU group number, or "none"
pci_group() {
	if [ -L "/sys/bus/pci/devices/$1/iommu_group" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/iommu_group")"
	else
		echo none
	fi
}

# pci_override BDF: driver_override, "" when unset (older kernels: "(null)")
pci_override() {
	_o=$(cat "/sys/bus/pci/devices/$1/driver_override" 2>/dev/null)
	[ "$_o" = "(null)" ] && _o=
	echo "$_o"
}

# The test machine's devices, found by id.
gpu_audio_bdf() { pci_find 8086:293e | head -n1; }
gpu_bdf() {
	_a=$(gpu_audio_bdf)
	[ -n "$_a" ] && echo "${_a%.*}.0"
}
control_bdf() { pci_find 8086:10d3 | grep -v "^$(gpu_bdf)\$" | head -n1; }

# --- NUMA and hugepages ----------------------------------------------------------

# hp_nr NODE KB / hp_free NODE KB: per-node hugepage counters (KB: 2048, 1048576)
hp_nr() { cat "/sys/devices/system/node/node$1/hugepages/hugepages-${2}kB/nr_hugepages" 2>/dev/null || echo none; }
hp_free() { cat "/sys/devices/system/node/node$1/hugepages/hugepages-${2}kB/free_hugepages" 2>/dev/null || echo none; }

# --- what vmreserve-early left ---------------------------------------------------

# state_get KEY: value of KEY in /run/vmreserve/state (first match); status 1
# when absent.
state_get() {
	[ -f "$VMR_STATE" ] || return 1
	_l=$(grep -m1 "^$1=" "$VMR_STATE") || return 1
	echo "${_l#*=}"
}

# kmsg: the "vmreserve:" lines of the kernel log, without the kernel's own
# "Command line:" line (which quotes every rd.vmreserve key).
kmsg() { dmesg | grep 'vmreserve:' | grep -vi 'command line:'; }

# kmsg_has EREGEX: some vmreserve: line matches
kmsg_has() { kmsg | grep -Eq -- "$1"; }

# cmdline_has WORD: the kernel command line has this exact word
cmdline_has() {
	# shellcheck disable=SC2013 # words, not lines
	for _w in $(cat /proc/cmdline); do
		[ "$_w" = "$1" ] && return 0
	done
	return 1
}
