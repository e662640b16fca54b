#!/bin/bash
# SPDX-License-Identifier: MIT
#
# chroot.sh GENERATOR
#
# A Debian chroot that holds the real initramfs generator GENERATOR, made
# with `debootstrap --variant=minbase` and cached; prints its path. The
# machine's own packages are never touched (Debian's dracut and
# initramfs-tools conflict: one host has one of them):
#   initramfs-tools  bookworm (or VMR_ITOOLS_SUITE): initramfs-tools,
#                    busybox and zstd (what Debian installs with it: busybox
#                    and zstd are its Recommends; klibc-utils, kmod and udev
#                    its Depends)
#   dracut-ng        trixie: Debian 13's dracut (dracut-ng 106) and systemd,
#                    so dracut builds its systemd flavour, the one a default
#                    trixie install gets
#
# The chroot is a cache: one directory per suite and package list, under
# VMR_CHROOT_CACHE (default $VMR_BUILDDIR/chroot; point several worktrees at
# one place to share). Nothing writes into it after it is made: the image
# builder works in a hard-linked copy (chroot_work in build-initramfs.sh).
# Made in a temporary directory and renamed when complete, under a lock, so
# a crash or a parallel run never leaves a half-made chroot in use.
#
# The mirror is the one the machine's apt sources use for its release
# (as fetch-kernel.sh does); VMR_CHROOT_MIRROR overrides it.
#
# Env: VMR_BUILDDIR (see lib.sh), VMR_CHROOT_CACHE, VMR_CHROOT_MIRROR,
#      VMR_ITOOLS_SUITE
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"
: "${VMR_CHROOT_CACHE:=$VMR_BUILDDIR/chroot}"

case ${1:-} in
# VMR_ITOOLS_SUITE=trixie: Debian 13's initramfs-tools (Proxmox VE 9's base)
initramfs-tools) suite=${VMR_ITOOLS_SUITE:-bookworm} pkgs="initramfs-tools busybox zstd" ;;
dracut-ng) suite=trixie pkgs="dracut systemd" ;;
*) echo "usage: ${0##*/} initramfs-tools|dracut-ng" >&2; exit 2 ;;
esac
[[ $suite =~ ^[a-z]+$ ]] || vmr_die "suite '$suite' is not a Debian codename"
[[ $(id -u) == 0 ]] || vmr_die "run as root: debootstrap needs it"
command -v debootstrap >/dev/null || vmr_die "debootstrap missing (initrd/install-deps.sh all installs it)"

key=$(printf '%s %s\n' "$suite" "$pkgs" | sha256sum | cut -c1-12)
dir=$VMR_CHROOT_CACHE/$suite-$key
if [[ -e $dir/.complete ]]; then
	printf '%s\n' "$dir"
	exit 0
fi

mkdir -p "$VMR_CHROOT_CACHE"
exec 8>"$VMR_CHROOT_CACHE/.lock-$suite-$key"
flock 8
if [[ -e $dir/.complete ]]; then # made while we waited
	printf '%s\n' "$dir"
	exit 0
fi

mirror=${VMR_CHROOT_MIRROR:-}
if [[ -z $mirror ]]; then
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	# shellcheck disable=SC2016 # $(SITE): apt's format, not the shell's
	mirror=$(apt-get indextargets --format '$(SITE) $(RELEASE)' 2>/dev/null |
		awk -v r="$codename" '$2 == r { print $1; exit }' || true)
	[[ -n $mirror ]] || vmr_die "no apt source for $codename on this machine (run apt-get update, or set VMR_CHROOT_MIRROR)"
fi

tmp=$dir.tmp.$$
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s.%N)
vmr_log "debootstrap --variant=minbase $suite from $mirror with: $pkgs (into $dir)"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || keyring= # debootstrap's own default then
debootstrap --variant=minbase --include="${pkgs// /,}" \
	${keyring:+--keyring="$keyring"} "$suite" "$tmp" "$mirror" >"$tmp.log" 2>&1 ||
	{ tail -n 20 "$tmp.log" >&2; rm -f "$tmp.log"; vmr_die "debootstrap $suite failed"; }
rm -f "$tmp.log"
# Downloaded packages are not needed again (a smaller cache to copy).
rm -rf "$tmp"/var/cache/apt/archives/*.deb
touch "$tmp/.complete"
mv "$tmp" "$dir"
trap - EXIT
vmr_log "made $dir in $(vmr_elapsed "$start") s ($(du -sh "$dir" | cut -f1))"
printf '%s\n' "$dir"
