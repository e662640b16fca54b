#!/bin/bash
# SPDX-License-Identifier: MIT
#
# fetch-kernel.sh: fetch and unpack the Debian kernel the boot tests run.
#
# Resolves the kernel package from the linux-image-amd64 metapackage (or takes
# VMR_KVER, e.g. 6.1.0-56-amd64), downloads it with `apt-get download` into
# $VMR_KERNEL_CACHE/debs, unpacks it with `dpkg -x` into
# $VMR_KERNEL_CACHE/KVER/root and runs depmod there. Prints KVER on stdout;
# everything else goes to stderr. A complete unpacked tree is reused.
#
# Env: VMR_BUILDDIR, VMR_KERNEL_CACHE (see lib.sh), VMR_KVER,
#      VMR_KERNEL_META (default linux-image-amd64).
# shellcheck disable=SC2012 # ls | sort -V on names we control
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

meta=${VMR_KERNEL_META:-linux-image-amd64}

if [[ -n ${VMR_KVER:-} ]]; then
	kver=$VMR_KVER
	pkg=linux-image-$kver
else
	# "  Depends: linux-image-6.1.0-NN-amd64" (ignore Recommends, Suggests)
	pkg=$(apt-cache depends "$meta" 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
	if [[ -z $pkg ]]; then
		# No apt lists (offline, fresh container): fall back to a cached tree.
		cached=$(ls -1d "$VMR_KERNEL_CACHE"/*/.complete 2>/dev/null | sort -V | tail -n1 || true)
		[[ -n $cached ]] || vmr_die "cannot resolve $meta with apt-cache (run apt-get update) and no cached kernel"
		kver=$(basename "$(dirname "$cached")")
		vmr_log "apt-cache knows no $meta; using cached kernel $kver"
		printf '%s\n' "$kver"
		exit 0
	fi
	kver=${pkg#linux-image-}
fi

root=$(vmr_kernel_root "$kver")
stamp=$VMR_KERNEL_CACHE/$kver/.complete
if [[ -e $stamp ]]; then
	printf '%s\n' "$kver"
	exit 0
fi

debs=$VMR_KERNEL_CACHE/debs
mkdir -p "$debs"
deb=$(ls -1 "$debs/${pkg}"_*_amd64.deb 2>/dev/null | sort -V | tail -n1 || true)
if [[ -z $deb ]]; then
	vmr_log "downloading $pkg"
	# Run as root in a directory _apt cannot write to: keep apt from trying
	# (and warning about) its sandbox user.
	(cd "$debs" && apt-get -q -o APT::Sandbox::User=root download "$pkg" >&2)
	deb=$(ls -1 "$debs/${pkg}"_*_amd64.deb 2>/dev/null | sort -V | tail -n1 || true)
	[[ -n $deb ]] || vmr_die "apt-get download $pkg left no .deb in $debs"
fi

vmr_log "unpacking $(basename "$deb")"
tmp=$VMR_KERNEL_CACHE/$kver.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp/root"
trap 'rm -rf "$tmp"' EXIT
dpkg -x "$deb" "$tmp/root"
# merged /usr: the package may put modules under usr/lib/modules
if [[ ! -d $tmp/root/lib/modules/$kver && -d $tmp/root/usr/lib/modules/$kver ]]; then
	mkdir -p "$tmp/root/lib"
	ln -s ../usr/lib/modules "$tmp/root/lib/modules"
fi
[[ -f $tmp/root/boot/vmlinuz-$kver ]] || vmr_die "$deb has no boot/vmlinuz-$kver"
[[ -d $tmp/root/lib/modules/$kver ]] || vmr_die "$deb has no lib/modules/$kver"
depmod -b "$tmp/root" "$kver"
touch "$tmp/.complete"

rm -rf "${root%/root}"
mv "$tmp" "${root%/root}"
trap - EXIT
printf '%s\n' "$kver"
