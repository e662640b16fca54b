#!/bin/bash
# SPDX-License-Identifier: MIT
#
# build-initramfs.sh DESTDIR [OUT.img]
#
# Build a test initramfs with the host's dracut for the kernel fetch-kernel.sh
# unpacked (not the running one), from a staged install:
#   make install DESTDIR=DESTDIR PREFIX=/usr
# which must hold
#   usr/lib/vmreserve/{vmreserve-early,image.sh}
#   usr/lib/dracut/modules.d/50vmreserve/{module-setup.sh,vmreserve-hook.sh}
#   usr/lib/dracut/dracut.conf.d/50-vmreserve.conf   (add_dracutmodules)
#
# The shipped files are used as shipped: dracut runs from a copy of the
# host's /usr/lib/dracut (dracutbasedir) with the staged module added to its
# modules.d and the staged snippet to its dracut.conf.d, which dracut 059
# reads after --confdir. No --add vmreserve: if the snippet does not pull the
# module in, the content check below fails.
#
# systemd flavour (what Fedora/RHEL build): needs systemd on the host, as on
# Debian 12 with dracut. --no-hostonly, so the initramfs carries generic
# drivers, plus the drivers that compete for the test devices (e1000e,
# snd_hda_intel): udev autoloads them from modalias, as on a real machine.
#
# Rebuilt only when an input changes (OUT.inputs holds the inputs' hash).
# Prints OUT on stdout.
#
# Env: VMR_GENERATOR       dracut (default: the host's dracut, 059 on
#                          Debian 12, as described above), dracut-ng
#                          (Debian trixie's dracut) or initramfs-tools
#                          (Debian 12's): those two run inside a debootstrap
#                          chroot (initrd/chroot-initramfs.sh, which this
#                          script runs for them), or mkinitcpio (v41,
#                          vendored: initrd/build-initcpio.sh)
#      VMR_CONF=FILE       FILE goes into the image as /etc/vmreserve.conf
#                          through the shipped module (VMRESERVE_CONF)
#      VMR_BUILDDIR, VMR_KERNEL_CACHE, VMR_KVER (see lib.sh)
#      VMR_DRACUT_FLAVOUR  systemd (default) or nosystemd (dracut's shell
#                          init, as on distributions without systemd)
#      VMR_DRACUT_MODULES  dracut modules (-m), overrides the flavour's list
#      VMR_DRACUT_ARGS     extra dracut arguments (word-split)
#      VMR_DRACUT_EXTRA    test-only dracut module directories (NNname,
#                          space-separated), added to the modules.d copy and
#                          included with --add name; the staged install is
#                          not touched
#      VMR_FORCE=1         rebuild even if up to date
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: ${0##*/} DESTDIR [OUT.img]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
case ${VMR_GENERATOR:-dracut} in
dracut) ;;
dracut-ng | initramfs-tools) exec "$(dirname "$0")/chroot-initramfs.sh" "$@" ;;
mkinitcpio) exec "$(dirname "$0")/build-initcpio.sh" "$@" ;;
*) vmr_die "VMR_GENERATOR=$VMR_GENERATOR: want dracut, dracut-ng, initramfs-tools or mkinitcpio" ;;
esac
conf=
if [[ -n ${VMR_CONF:-} ]]; then
	[[ -f $VMR_CONF ]] || vmr_die "VMR_CONF=$VMR_CONF: no such file"
	conf=$(vmr_abspath "$VMR_CONF")
fi
destdir=$(vmr_abspath "$1")
kver=$(vmr_kver)
flavour=${VMR_DRACUT_FLAVOUR:-systemd}
out=$(vmr_abspath "${2:-$VMR_BUILDDIR/initramfs-$kver-$flavour.img}")
kroot=$(vmr_kernel_root "$kver")
[[ -d $kroot/lib/modules/$kver ]] || vmr_die "no unpacked kernel $kver in $kroot (run fetch-kernel.sh)"

# --- the staged install -----------------------------------------------------
early=$destdir/usr/lib/vmreserve/vmreserve-early
image_sh=$destdir/usr/lib/vmreserve/image.sh
staged_mods=$destdir/usr/lib/dracut/modules.d
staged_conf=$destdir/usr/lib/dracut/dracut.conf.d
[[ -x $early ]] || vmr_die "$early missing: run make install DESTDIR=$1 PREFIX=/usr"
[[ -f $image_sh ]] || vmr_die "$image_sh missing (make install must install modules.d/image.sh)"
[[ -f $staged_mods/50vmreserve/module-setup.sh ]] ||
	vmr_die "$staged_mods/50vmreserve/module-setup.sh missing (make install must install modules.d/50vmreserve)"
grep -qs 'vmreserve' "$staged_conf"/*.conf ||
	vmr_die "no dracut.conf.d snippet naming vmreserve in $staged_conf (make install must install modules.d/dracut.conf.d/50-vmreserve.conf)"

modules=$(vmr_dracut_modules "$flavour")
drivers=$VMR_TEST_DRIVERS
vmr_dracut_extra

# --- up to date? --------------------------------------------------------------
dracut_ver=$(dpkg-query -W -f='${Version}' dracut-core 2>/dev/null || dracut --version 2>/dev/null || echo unknown)
inputs=$(
	{
		echo "kver=$kver dracut=$dracut_ver modules=$modules drivers=$drivers args=${VMR_DRACUT_ARGS:-}"
		cat "$kroot/../.complete"
		vmr_hash_inputs "$destdir" "$0" "$(dirname "$0")/lib.sh" "${extra[@]}" ${conf:+"$conf"}
		echo "conf=${conf:+yes}"
		echo "extra=$extra_names"
	} | sha256sum | cut -d' ' -f1
)
vmr_up_to_date "$out" "$inputs" && exit 0

# --- a dracutbasedir with the staged module and snippet ----------------------
work=$VMR_BUILDDIR/dracut.$$
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/confdir" "$work/tmp"
cp -a /usr/lib/dracut "$work/base"
cp -a "$staged_mods"/. "$work/base/modules.d/"
for d in "${extra[@]}"; do
	cp -a "$d" "$work/base/modules.d/"
done
mkdir -p "$work/base/dracut.conf.d"
cp -a "$staged_conf"/. "$work/base/dracut.conf.d/"

command -v systemctl >/dev/null || vmr_log "warning: no systemd on this host: dracut will build a non-systemd initramfs"

start=$(date +%s.%N)
mkdir -p "$(dirname "$out")"
# --conf /dev/null --confdir EMPTY: the host's /etc/dracut.conf* stay out;
# so does the host's /etc/vmreserve.conf (VMRESERVE_CONF names VMR_CONF or
# no file). VMRESERVE_EARLY and VMRESERVE_IMAGE_SH: the staged binary and
# image.sh, not the host's.
# The snippet in $work/base/dracut.conf.d is still read (dracut reads
# "$dracutbasedir/dracut.conf.d" next to --confdir).
# shellcheck disable=SC2086 # VMR_DRACUT_ARGS is word-split on purpose
VMRESERVE_EARLY=$early VMRESERVE_IMAGE_SH=$image_sh VMRESERVE_CONF=${conf:-/nonexistent/vmreserve.conf} dracutbasedir=$work/base \
	dracut --force --quiet \
	--conf /dev/null --confdir "$work/confdir" --tmpdir "$work/tmp" \
	--kver "$kver" --kmoddir "$kroot/lib/modules/$kver" \
	--no-hostonly --no-hostonly-cmdline --no-early-microcode \
	-m "$modules" \
	--add-drivers "$drivers" \
	--filesystems "ext4" \
	--no-compress \
	${extra_names:+--add "$extra_names"} \
	${VMR_DRACUT_ARGS:-} \
	"$out.tmp" >&2

# --- did what we ship get in? ------------------------------------------------
# lsinitrd lines are `ls -l` style: the path is the last field, or the one
# before "->" for a symlink. Modules may be compressed (Debian's 6.12:
# .ko.xz), and dracut keeps them as the kernel ships them.
listing=$(lsinitrd "$out.tmp" 2>/dev/null |
	awk 'NF >= 3 && $(NF-1) == "->" { print $(NF-2); next } { print $NF }' || true)
missing=
for want in \
	usr/lib/vmreserve/vmreserve-early \
	usr/lib/dracut/hooks/pre-udev/30-vmreserve-hook.sh \
	"kernel/drivers/vfio/pci/vfio-pci.ko" \
	"kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko" \
	"kernel/sound/pci/hda/snd-hda-intel.ko" \
	"kernel/drivers/block/virtio_blk.ko"; do
	grep -Eq -- "${want//./\\.}(\\.(xz|zst|gz))?\$" <<<"$listing" || missing+=" $want"
done
missing+=$(vmr_vfio_missing "$kver" "$kroot" "$listing")
case " $modules " in
*systemd*) grep -q 'usr/lib/systemd/systemd$' <<<"$listing" || missing+=" usr/lib/systemd/systemd" ;;
esac
# the config file, when asked for
[[ -z $conf ]] || grep -qx 'etc/vmreserve.conf' <<<"$listing" || missing+=" etc/vmreserve.conf"
# the modprobe the binary runs
grep -Eq '^(usr/)?s?bin/modprobe$' <<<"$listing" || missing+=" modprobe"
if [[ -n $missing ]]; then
	rm -f "$out.tmp"
	vmr_die "initramfs lacks:$missing"
fi

mv -f "$out.tmp" "$out"
printf '%s\n' "$inputs" >"$out.inputs"
vmr_log "built $out ($(du -h "$out" | cut -f1), $(vmr_elapsed "$start") s, kernel $kver)"
printf '%s\n' "$out"
