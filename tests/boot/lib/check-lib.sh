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

# --- added for TEST-01..09 -------------------------------------------------------

# kmsg_lines: the "vmreserve: ..." lines as written (no timestamp), one a line.
kmsg_lines() { kmsg | sed 's/^\[[^]]*\] *//'; }

# kmsg_has_line TEXT: some vmreserve line is exactly TEXT (fixed string).
kmsg_has_line() { kmsg_lines | grep -Fxq -- "$1"; }

# state_is DESCRIPTION KEY WANT: the state record has KEY=WANT.
state_is() {
	if _v=$(state_get "$2"); then
		is "$1" "$_v" "$3"
	else
		not_ok "$1 (no $2 in $VMR_STATE)"
	fi
}

# state_hp_vs_sysfs: for every hp.N of the state record, obtained equals the
# kernel's nr_hugepages of that node and page size now. One check each.
state_hp_vs_sysfs() {
	_n=$(state_get hp.count) || { not_ok "state has hp.count"; return 0; }
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_node=$(state_get "hp.$_i.node")
		_kb=$(state_get "hp.$_i.page_kb")
		is "state hp.$_i.obtained = node$_node ${_kb}kB nr_hugepages" \
			"$(state_get "hp.$_i.obtained")" "$(hp_nr "$_node" "$_kb")"
		_i=$((_i + 1))
	done
}

# state_dev_vs_sysfs: for every dev.N, driver_after equals the driver the
# kernel has bound now ("" in the state is "none" here). One check each.
state_dev_vs_sysfs() {
	_n=$(state_get dev.count) || { not_ok "state has dev.count"; return 0; }
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_a=$(state_get "dev.$_i.addr")
		_d=$(state_get "dev.$_i.driver_after")
		is "state dev.$_i ($_a) driver_after = sysfs driver" \
			"${_d:-none}" "$(pci_driver "$_a")"
		_i=$((_i + 1))
	done
}

# check_in_root: the boot got past switch_root into the test root (PID 1 is
# its busybox init, / is the virtio disk, its os-release is there).
check_in_root() {
	is "reached the root: / is /dev/vda" \
		"$(awk '$2 == "/" && $1 != "rootfs" { print $1 }' /proc/mounts | tail -n1)" "/dev/vda"
	# /sbin/init is a script: PID 1's command line is "/bin/sh /sbin/init".
	is "reached the root: PID 1 runs the test root's /sbin/init" \
		"$(tr '\0' '\n' </proc/1/cmdline | grep -x /sbin/init)" "/sbin/init"
	check "reached the root: os-release is the test root's" \
		grep -qx 'ID=vmreserve-test' /etc/os-release
}
