# shellcheck shell=bash
# SPDX-License-Identifier: MIT
#
# Shared helpers for the initrd/ scripts. Sourced, never run.
#
# Everything these scripts make lives under one build directory:
#   VMR_BUILDDIR      default <repo>/build/initrd
#   VMR_KERNEL_CACHE  default $VMR_BUILDDIR/kernel (unpacked kernels, keyed by
#                     version; point several worktrees at one place to share)

VMR_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${VMR_BUILDDIR:=$VMR_REPO/build/initrd}"
: "${VMR_KERNEL_CACHE:=$VMR_BUILDDIR/kernel}"
export VMR_BUILDDIR VMR_KERNEL_CACHE

vmr_log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
vmr_die() { vmr_log "error: $*"; exit 1; }

# Absolute path of $1 (which need not exist yet).
vmr_abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}

# Unpacked kernel tree for KVER: boot/vmlinuz-KVER, lib/modules/KVER.
vmr_kernel_root() { printf '%s/%s/root\n' "$VMR_KERNEL_CACHE" "$1"; }

# KVER to use: $VMR_KVER, else the one fetch-kernel.sh resolves (and fetches).
vmr_kver() {
	if [[ -n ${VMR_KVER:-} ]]; then
		printf '%s\n' "$VMR_KVER"
	else
		"$VMR_REPO/initrd/fetch-kernel.sh"
	fi
}

# Content hash of files and directories (for a directory: relative paths,
# types, modes, symlink targets and contents; for a file: its contents), for
# "rebuild only when an input changed". Independent of how a path is spelled.
vmr_hash_inputs() {
	local p
	for p in "$@"; do
		if [[ -d $p ]]; then
			(cd "$p" && find . -printf '%p %y %m %l\n' | LC_ALL=C sort &&
				find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
		elif [[ -e $p ]]; then
			sha256sum <"$p"
		else
			printf 'missing %s\n' "$p"
		fi
	done | sha256sum | cut -d' ' -f1
}

# vmr_up_to_date OUT HASH: true (and OUT printed) when OUT was built from
# inputs with this hash (OUT.inputs) and VMR_FORCE is not 1.
vmr_up_to_date() {
	[[ ${VMR_FORCE:-0} != 1 && -f $1 && "$(cat "$1.inputs" 2>/dev/null)" == "$2" ]] || return 1
	vmr_log "$1 is up to date"
	printf '%s\n' "$1"
}

# Wall-clock seconds since $1 (a `date +%s.%N` value), one decimal.
vmr_elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# vmr_vfio_missing KVER KROOT LISTING: the vfio modules an image listing
# (one path per line) lacks, by this kernel's modules.dep, printed
# space-separated: what modprobe loads for vfio-pci and the IOMMU backend
# vfio asks for at run time (the case's own expectation: these two must
# exist), and each name of the generators' shared list
# (modules.d/image.sh) with its dependencies. Built-in modules have no
# line, and a listed name the kernel does not have (iommufd on Debian's
# 6.12) is not asked for: the dracut module and the initramfs-tools hook
# skip both.
vmr_vfio_missing() {
	local kver=$1 kroot=$2 listing=$3 m n
	# shellcheck source=modules.d/image.sh
	. "$VMR_REPO/modules.d/image.sh"
	for m in $({
		for n in vfio_pci vfio_iommu_type1; do
			modprobe -S "$kver" -d "$kroot" --show-depends "$n" 2>/dev/null ||
				echo "insmod /missing-from-the-kernel/$n"
		done
		for n in $VMR_IMAGE_VFIO_MODULES; do
			modprobe -S "$kver" -d "$kroot" --show-depends "$n" 2>/dev/null || true
		done
	} | awk '$1 == "insmod" { sub(".*/lib/modules/[^/]*/", "", $2); print $2 }' | sort -u); do
		grep -Fq -- "lib/modules/$kver/$m" <<<"$listing" || printf ' %s' "$m"
	done
}

# The drivers of the test machine's devices, forced into every test image:
# they compete for the devices (udev autoloads them from modalias, as on a
# real machine) or reach the root disk.
VMR_TEST_DRIVERS="e1000e snd_hda_intel snd_hda_codec_generic snd_hda_codec_hdmi virtio_pci virtio_blk"

# vmr_dracut_modules FLAVOUR: the dracut modules (-m) of a test image, for
# the host's dracut and dracut-ng alike; VMR_DRACUT_MODULES overrides.
# systemd: dracut-systemd pulls systemd, systemd-initrd, udev, ...;
# kernel-modules: generic drivers; rootfs-block: root=/dev/vda.
vmr_dracut_modules() {
	local m
	case $1 in
	systemd) m="dracut-systemd systemd-initrd kernel-modules rootfs-block udev-rules base fs-lib" ;;
	nosystemd) m="kernel-modules rootfs-block udev-rules base fs-lib" ;;
	*) vmr_die "VMR_DRACUT_FLAVOUR=$1: want systemd or nosystemd" ;;
	esac
	printf '%s\n' "${VMR_DRACUT_MODULES:-$m}"
}

# vmr_dracut_extra: VMR_DRACUT_EXTRA's test-only module directories
# (NNname) into the arrays extra (absolute paths) and the string
# extra_names (" name name", for --add), checked; dies on a bad one.
vmr_dracut_extra() {
	local d name
	extra=()
	extra_names=
	for d in ${VMR_DRACUT_EXTRA:-}; do
		[[ -f $d/module-setup.sh ]] || vmr_die "VMR_DRACUT_EXTRA: $d has no module-setup.sh"
		d=$(vmr_abspath "$d")
		name=${d##*/}
		[[ $name =~ ^[0-9][0-9][a-z0-9_-]+$ ]] || vmr_die "VMR_DRACUT_EXTRA: $d is not named NNname"
		extra+=("$d")
		extra_names+=" ${name#[0-9][0-9]}"
	done
}

# vmr_initcpio_tarball: where mkinitcpio v41 is vendored for the boot tests
# (VMR_VENDOR_DIR, default ../shared/vendor beside the repository; never in
# the tree). Absent, the mkinitcpio boots are skipped.
vmr_initcpio_tarball() { printf '%s/mkinitcpio-41.tar.gz\n' "${VMR_VENDOR_DIR:-$VMR_REPO/../shared/vendor}"; }
# vmr_itools_drivers_hook ROOT DRIVER...: the hook ROOT/etc/initramfs-tools/
# hooks/vmr-test-drivers (a local addition, where an admin puts one) that
# adds DRIVER... to every initramfs-tools image built in ROOT, as
# build-initramfs.sh's --add-drivers (udev autoloads them from their
# modaliases; MODULES=most takes no sound drivers).
vmr_itools_drivers_hook() {
	local hook=$1/etc/initramfs-tools/hooks/vmr-test-drivers
	shift
	mkdir -p "${hook%/*}"
	rm -f "$hook"
	# shellcheck disable=SC2016 # the hook's $1
	{
		printf '#!/bin/sh\n[ "$1" = prereqs ] && exit 0\n'
		printf '. /usr/share/initramfs-tools/hook-functions\n'
		printf 'manual_add_modules %s\n' "$@"
	} >"$hook"
	chmod 0755 "$hook"
}

# vmr_result_block LOG: the check script's result block in a boot's serial
# log (=== VMRESERVE-RESULT BEGIN === to END), without the console's
# carriage returns and without what the initramfs wrote on the console just
# before with no newline (systemd 257 in dracut-ng's initramfs resets the
# terminal at switch-root: "ESC[!p ESC]104 ESC[?7h", then our BEGIN line).
vmr_result_block() {
	tr -d '\r' <"$1" | sed 's/^.*\(=== VMRESERVE-RESULT BEGIN ===\)$/\1/' |
		sed -n '/^=== VMRESERVE-RESULT BEGIN ===$/,/^=== VMRESERVE-RESULT END ===$/p'
}

# vmr_boot_verdict LOG RC BLOCK: why a boot failed (one line), or nothing
# when it passed: its block (vmr_result_block) is complete, holds checks,
# and none of them is "not ok". RC: run-qemu.sh's status (124: timeout).
vmr_boot_verdict() {
	local n_ok n_notok
	if ! grep -qx '=== VMRESERVE-RESULT END ===' <<<"$3"; then
		if [[ $2 == 124 ]]; then
			echo timeout
		elif tr -d '\r' <"$1" | grep -q 'Kernel panic'; then
			echo "kernel panic"
		else
			echo "no result block (QEMU status $2)"
		fi
		return 0
	fi
	n_ok=$(grep -c '^ok - ' <<<"$3" || true)
	n_notok=$(grep -c '^not ok - ' <<<"$3" || true)
	if [[ $((n_ok + n_notok)) == 0 ]]; then
		echo "no checks ran"
	elif [[ $n_notok -gt 0 ]]; then
		echo "$n_notok of $((n_ok + n_notok)) checks failed"
	fi
}
