#!/bin/bash
# SPDX-License-Identifier: MIT
#
# chroot-initramfs.sh DESTDIR [OUT.img]   (run by build-initramfs.sh for
#                                          VMR_GENERATOR=dracut-ng|initramfs-tools)
#
# Build a test initramfs with a real generator that is not the host's, inside
# the cached debootstrap chroot initrd/chroot.sh makes, as a user's machine
# would: the staged install (make install DESTDIR=... PREFIX=/usr) is copied
# to the chroot's / (the initramfs-tools hook and boot script under
# /usr/share/initramfs-tools, the dracut module under /usr/lib/dracut), the
# fetched kernel's modules to /lib/modules/KVER and its config to /boot
# (initramfs-tools: plus a hook adding the test devices' drivers, as
# build-initramfs.sh's --add-drivers), and
#   initramfs-tools  mkinitramfs -o OUT KVER      (Debian 12's; its own
#                    /etc/initramfs-tools/initramfs.conf: MODULES=most,
#                    COMPRESS=zstd)
#   dracut-ng        dracut --no-hostonly ... --kver KVER OUT   (Debian 13's,
#                    systemd flavour by default, as build-initramfs.sh's)
# runs in it with chroot(8). The cached chroot is never written: each build
# works in a hard-linked copy (cp -al; a plain copy across filesystems),
# which it removes afterwards. /proc is mounted in that copy while the
# generator runs and unmounted on every exit path.
#
# Rebuilt only when an input changes (OUT.inputs holds the inputs' hash).
# Prints OUT on stdout.
#
# Env: VMR_GENERATOR       dracut-ng or initramfs-tools
#      VMR_CONF=FILE       copied to the chroot's /etc/vmreserve.conf, where
#                          a user has it: the shipped hook or module puts it
#                          into the image
#      VMR_DRACUT_FLAVOUR, VMR_DRACUT_MODULES, VMR_DRACUT_ARGS,
#      VMR_DRACUT_EXTRA    dracut-ng: as in build-initramfs.sh
#      VMR_ITOOLS_EXTRA    initramfs-tools: test-only directories holding
#                          hooks/ and scripts/ (space-separated), whose
#                          contents are copied to the chroot's
#                          /etc/initramfs-tools (its CONFDIR, where local
#                          additions go)
#      VMR_ITOOLS_SUITE    initramfs-tools of another Debian suite than
#                          bookworm (trixie), see chroot.sh
#      VMR_CHROOT_CACHE, VMR_BUILDDIR, VMR_KERNEL_CACHE, VMR_KVER, VMR_FORCE
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: ${0##*/} DESTDIR [OUT.img]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
gen=${VMR_GENERATOR:-}
destdir=$(vmr_abspath "$1")
kver=$(vmr_kver)
kroot=$(vmr_kernel_root "$kver")
[[ -d $kroot/lib/modules/$kver ]] || vmr_die "no unpacked kernel $kver in $kroot (run fetch-kernel.sh)"
[[ -x $destdir/usr/lib/vmreserve/vmreserve-early ]] ||
	vmr_die "$destdir/usr/lib/vmreserve/vmreserve-early missing: run make install DESTDIR=$1 PREFIX=/usr"
[[ -f $destdir/usr/lib/vmreserve/image.sh ]] ||
	vmr_die "$destdir/usr/lib/vmreserve/image.sh missing (make install must install modules.d/image.sh)"
conf=
if [[ -n ${VMR_CONF:-} ]]; then
	[[ -f $VMR_CONF ]] || vmr_die "VMR_CONF=$VMR_CONF: no such file"
	conf=$(vmr_abspath "$VMR_CONF")
fi

extra=()
drivers=$VMR_TEST_DRIVERS
case $gen in
initramfs-tools)
	flavour=
	suite_tag=${VMR_ITOOLS_SUITE:+-$VMR_ITOOLS_SUITE}
	[[ -f $destdir/usr/share/initramfs-tools/hooks/vmreserve ]] ||
		vmr_die "$destdir/usr/share/initramfs-tools/hooks/vmreserve missing (make install must install modules.d/initramfs-tools)"
	for d in ${VMR_ITOOLS_EXTRA:-}; do
		[[ -d $d/hooks || -d $d/scripts ]] || vmr_die "VMR_ITOOLS_EXTRA: $d has no hooks/ or scripts/"
		extra+=("$(vmr_abspath "$d")")
	done
	what="mkinitramfs"
	;;
dracut-ng)
	flavour=${VMR_DRACUT_FLAVOUR:-systemd}
	suite_tag=
	[[ -f $destdir/usr/lib/dracut/modules.d/50vmreserve/module-setup.sh ]] ||
		vmr_die "$destdir/usr/lib/dracut/modules.d/50vmreserve/module-setup.sh missing"
	modules=$(vmr_dracut_modules "$flavour")
	vmr_dracut_extra
	what="dracut ($flavour)"
	;;
*) vmr_die "VMR_GENERATOR=$gen: this script builds dracut-ng and initramfs-tools images" ;;
esac
out=$(vmr_abspath "${2:-$VMR_BUILDDIR/initramfs-$kver-$gen$suite_tag${flavour:+-$flavour}.img}")

[[ $(id -u) == 0 ]] || vmr_die "run as root: chroot(8) and mount need it"
base=$("$VMR_REPO/initrd/chroot.sh" "$gen")

# --- up to date? --------------------------------------------------------------
inputs=$(
	{
		echo "gen=$gen kver=$kver chroot=${base##*/} flavour=$flavour modules=${modules:-} drivers=$drivers"
		echo "args=${VMR_DRACUT_ARGS:-} extra=${extra_names:-} conf=${conf:+yes}"
		cat "$kroot/../.complete"
		sha256sum <"$base/var/lib/dpkg/status"
		vmr_hash_inputs "$destdir" "$0" "$VMR_REPO/initrd/build-initramfs.sh" \
			"$VMR_REPO/initrd/chroot.sh" "$VMR_REPO/initrd/lib.sh" "${extra[@]}" ${conf:+"$conf"}
	} | sha256sum | cut -d' ' -f1
)
vmr_up_to_date "$out" "$inputs" && exit 0

# --- a private copy of the chroot with our files in it -------------------------
start=$(date +%s.%N)
work=$VMR_BUILDDIR/chroot-work.$$
root=$work/root
cleanup() {
	# never remove a tree with something still mounted in it
	if mountpoint -q "$root/proc" 2>/dev/null; then
		umount "$root/proc" || umount -l "$root/proc" || return 0
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
rm -rf "$work"
mkdir -p "$work"
cp -al "$base" "$root" 2>/dev/null || { rm -rf "$root"; cp -a "$base" "$root"; }
# New files only from here on (the copy's files are the cache's, linked):
# rm before cp, so a write never goes through a hard link into the cache.
kdir=$root/usr/lib/modules/$kver
mkdir -p "${kdir%/*}"
cp -al "$kroot/lib/modules/$kver" "$kdir" 2>/dev/null || cp -a "$kroot/lib/modules/$kver" "$kdir"
[[ -f $kroot/boot/config-$kver ]] && cp "$kroot/boot/config-$kver" "$root/boot/"
(cd "$destdir" && find . ! -type d -print0) | (cd "$root" && xargs -0r rm -f --)
cp -a "$destdir"/. "$root"/
if [[ -n $conf ]]; then
	rm -f "$root/etc/vmreserve.conf"
	cp "$conf" "$root/etc/vmreserve.conf"
fi
# initramfs-tools: the drivers of the test devices, as build-initramfs.sh's
# --add-drivers (udev autoloads them from their modaliases; MODULES=most
# takes no sound drivers), through a hook of the copy's own.
# shellcheck disable=SC2086 # one word per driver
[[ $gen != initramfs-tools ]] || vmr_itools_drivers_hook "$root" $drivers
for d in "${extra[@]}"; do
	case $gen in
	initramfs-tools)
		# -L: a test file may be a link to a shared one
		cp -aL "$d"/. "$root/etc/initramfs-tools/"
		;;
	dracut-ng) cp -a "$d" "$root/usr/lib/dracut/modules.d/" ;;
	esac
done
t_copy=$(vmr_elapsed "$start")

mount -t proc proc "$root/proc"
in_chroot() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LANG=C.UTF-8 TMPDIR=/var/tmp "$@"
}
# The generator's output (systemd-sysusers under dracut-ng prints a line
# per user) only when it fails.
gen_failed() { tail -n 40 "$work/gen.log" >&2; vmr_die "$what failed in $root"; }
t=$(date +%s.%N)
img=/var/tmp/vmr-initramfs.img
case $gen in
initramfs-tools)
	in_chroot mkinitramfs -o "$img" "$kver" >"$work/gen.log" 2>&1 || gen_failed
	list=$(in_chroot lsinitramfs "$img")
	;;
dracut-ng)
	# shellcheck disable=SC2086 # VMR_DRACUT_ARGS is word-split on purpose
	in_chroot dracut --force --quiet \
		--no-hostonly --no-hostonly-cmdline --no-early-microcode \
		-m "$modules" --add-drivers "$drivers" --filesystems ext4 --no-compress \
		${extra_names:+--add "$extra_names"} ${VMR_DRACUT_ARGS:-} \
		--kver "$kver" "$img" >"$work/gen.log" 2>&1 || gen_failed
	list=$(in_chroot lsinitrd "$img" |
		awk 'NF >= 3 && $(NF-1) == "->" { print $(NF-2); next } { print $NF }')
	;;
esac
t_gen=$(vmr_elapsed "$t")
# The shipped hook's or module's own lines (a config image.sh warns about,
# a missing file), shown as update-initramfs or dracut shows them to a user.
grep -F 'vmreserve: ' "$work/gen.log" >&2 || true
umount "$root/proc"

# --- did what we ship get in? ------------------------------------------------
missing=
want=(usr/lib/vmreserve/vmreserve-early "kernel/drivers/vfio/pci/vfio-pci.ko"
	"kernel/drivers/block/virtio_blk.ko" "kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko"
	"kernel/sound/pci/hda/snd-hda-intel.ko")
case $gen in
initramfs-tools) want+=(scripts/init-top/pre_udev_vmreserve) ;;
# dracut-ng keeps its hooks under var/lib/dracut (dracut 059: usr/lib/dracut)
dracut-ng) want+=(dracut/hooks/pre-udev/30-vmreserve-hook.sh) ;;
esac
[[ -n $conf ]] && want+=(etc/vmreserve.conf)
for w in "${want[@]}"; do
	grep -Eq -- "(^|/)${w//./\\.}(\\.(xz|zst|gz))?\$" <<<"$list" || missing+=" $w"
done
missing+=$(vmr_vfio_missing "$kver" "$kroot" "$list")
grep -Eq '^(usr/)?s?bin/modprobe$' <<<"$list" || missing+=" modprobe"
if [[ -n $missing ]]; then
	printf '%s\n' "$list" >"$out.listing"
	vmr_die "the $gen initramfs lacks:$missing (its files: $out.listing)"
fi

mkdir -p "$(dirname "$out")"
mv -f "$root$img" "$out.tmp"
mv -f "$out.tmp" "$out"
printf '%s\n' "$inputs" >"$out.inputs"
vmr_log "built $out with $what ($(du -h "$out" | cut -f1); copy ${t_copy} s, generator ${t_gen} s, total $(vmr_elapsed "$start") s; kernel $kver)"
printf '%s\n' "$out"
