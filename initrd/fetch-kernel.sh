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
# VMR_KERNEL_SUITE=SUITE (e.g. bookworm-backports, for Debian's 6.12 kernel)
# takes the kernel from SUITE of the mirror the machine's apt sources already
# use for its release, through a private apt configuration under
# $VMR_KERNEL_CACHE/apt/SUITE (its own sources.list, lists, cache and an
# empty dpkg status): the machine's /etc/apt and its package lists are never
# touched. "backports" is short for CODENAME-backports.
#
# Each source remembers the KVER it resolved last ($VMR_KERNEL_CACHE/
# current-SOURCE): offline, that tree is used again.
#
# Env: VMR_BUILDDIR, VMR_KERNEL_CACHE (see lib.sh), VMR_KVER,
#      VMR_KERNEL_META (default linux-image-amd64), VMR_KERNEL_SUITE.
# shellcheck disable=SC2012 # ls | sort -V on names we control
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

meta=${VMR_KERNEL_META:-linux-image-amd64}
suite=${VMR_KERNEL_SUITE:-}
mkdir -p "$VMR_KERNEL_CACHE"
# One fetch per source at a time (parallel boot-matrix lanes, worktrees
# sharing the cache): its apt lists and the unpacked tree are shared.
exec 7>"$VMR_KERNEL_CACHE/.lock-fetch-${suite:-default}"
flock 7

# --- which apt ---------------------------------------------------------------------
# apt_opts: empty for the machine's own apt; for a suite, the options that
# point apt at the private configuration.
apt_opts=()
source_name=default
if [[ -n $suite ]]; then
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[[ $suite == backports ]] && suite=$codename-backports
	[[ $suite =~ ^[a-z][a-z0-9.+-]*$ ]] || vmr_die "VMR_KERNEL_SUITE=$suite: not a suite name"
	source_name=$suite
	apt_dir=$VMR_KERNEL_CACHE/apt/$suite
	mkdir -p "$apt_dir"/{lists/partial,cache/archives/partial,parts,prefs}
	: >>"$apt_dir/status"
	apt_opts=(
		-o "Dir::Etc::SourceList=$apt_dir/sources.list"
		-o "Dir::Etc::SourceParts=$apt_dir/parts"
		-o "Dir::Etc::Preferences=$apt_dir/preferences"
		-o "Dir::Etc::PreferencesParts=$apt_dir/prefs"
		-o "Dir::State::Lists=$apt_dir/lists"
		-o "Dir::State::status=$apt_dir/status"
		-o "Dir::Cache=$apt_dir/cache"
		-o Debug::NoLocking=1
		-o APT::Architectures=amd64
		-o Acquire::Languages=none
		# Run as root in directories _apt cannot write to: keep apt from
		# trying (and warning about) its sandbox user.
		-o APT::Sandbox::User=root
	)
	# The mirror the machine uses for its release (deb822 or one-line
	# sources alike: apt itself lists them).
	# shellcheck disable=SC2016 # $(SITE): apt's format, not the shell's
	site=$(apt-get indextargets --format '$(SITE) $(RELEASE)' 2>/dev/null |
		awk -v r="$codename" '$2 == r { print $1; exit }' || true)
	if [[ -n $site ]]; then
		key=/usr/share/keyrings/debian-archive-keyring.gpg
		opt=
		[[ -f $key ]] && opt="[signed-by=$key] "
		printf 'deb %s%s %s main\n' "$opt" "$site" "$suite" >"$apt_dir/sources.list.new"
		mv -f "$apt_dir/sources.list.new" "$apt_dir/sources.list"
		: >"$apt_dir/preferences"
		vmr_log "apt-get update of $suite from $site (private lists in $apt_dir)"
		apt-get -q "${apt_opts[@]}" update >&2 ||
			vmr_log "warning: apt-get update of $suite failed; using what $apt_dir has"
	else
		vmr_log "warning: no apt source for $codename on this machine (run apt-get update); using what $apt_dir has"
	fi
fi
current=$VMR_KERNEL_CACHE/current-$source_name

# --- which kernel ------------------------------------------------------------------
if [[ -n ${VMR_KVER:-} ]]; then
	kver=$VMR_KVER
	pkg=linux-image-$kver
else
	# "  Depends: linux-image-6.1.0-NN-amd64" (ignore Recommends, Suggests)
	pkg=
	[[ -z $suite || -f $apt_dir/sources.list ]] &&
		pkg=$(apt-cache "${apt_opts[@]}" depends "$meta" 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
	if [[ -z $pkg ]]; then
		# No apt lists (offline, fresh container): the tree this source
		# resolved last time.
		kver=$(cat "$current" 2>/dev/null || true)
		[[ -n $kver && -e $VMR_KERNEL_CACHE/$kver/.complete ]] ||
			vmr_die "cannot resolve $meta${suite:+ in $suite} with apt-cache (run apt-get update) and no cached kernel"
		vmr_log "apt-cache knows no $meta${suite:+ in $suite}; using cached kernel $kver"
		printf '%s\n' "$kver"
		exit 0
	fi
	kver=${pkg#linux-image-}
fi
[[ $kver =~ ^[0-9][A-Za-z0-9.+~_-]*$ ]] || vmr_die "kernel version '$kver' is not a version"

root=$(vmr_kernel_root "$kver")
stamp=$VMR_KERNEL_CACHE/$kver/.complete
if [[ -e $stamp ]]; then
	printf '%s\n' "$kver" >"$current"
	printf '%s\n' "$kver"
	exit 0
fi

debs=$VMR_KERNEL_CACHE/debs
mkdir -p "$debs"
deb=$(ls -1 "$debs/${pkg}"_*_amd64.deb 2>/dev/null | sort -V | tail -n1 || true)
if [[ -z $deb ]]; then
	vmr_log "downloading $pkg${suite:+ from $suite}"
	# Run as root in a directory _apt cannot write to: keep apt from trying
	# (and warning about) its sandbox user.
	(cd "$debs" && apt-get -q -o APT::Sandbox::User=root "${apt_opts[@]}" download "$pkg" >&2)
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
printf '%s\n' "$kver" >"$current"
printf '%s\n' "$kver"
