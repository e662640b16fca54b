#!/bin/bash
# SPDX-License-Identifier: MIT
#
# build-initcpio.sh DESTDIR [OUT.img]   (run by build-initramfs.sh for
#                                        VMR_GENERATOR=mkinitcpio)
#
# Build a test initramfs with mkinitcpio v41 (Arch Linux's generator) for a
# Debian kernel fetch-kernel.sh unpacked, from a staged install
# (make install DESTDIR=... PREFIX=/usr) holding the shipped mkinitcpio
# hooks (usr/lib/initcpio/{install,hooks}/vmreserve, install/sd-vmreserve),
# run as shipped:
#   mkinitcpio -c CONFIG -k KVER -r KERNEL_ROOT -g OUT
# with MKINITCPIO_INSTALL/MKINITCPIO_HOOKS naming the staged hooks, the
# test-only hook tests/boot/mkinitcpio (vmrtest: the test devices' drivers,
# the sysfs snapshot before vmreserve's hook), and mkinitcpio's own.
#
# mkinitcpio is not packaged in Debian: it comes from
# VMR_VENDOR_DIR/mkinitcpio-41.tar.gz (default ../shared/vendor beside the
# repository; see its README). Set up once under
# $VMR_BUILDDIR/mkinitcpio-41 (cached by the tarball's and this script's
# hash): unpacked, its @VAR@ placeholders filled with sed for Debian 12
# (BINDIR /usr/bin:/usr/sbin, udevd /usr/lib/systemd/systemd-udevd), the
# busybox of Debian's dynamic `busybox` package (apt-get download, unpacked
# with dpkg -x, never installed: busybox-static's shell would run its own
# modprobe applet instead of kmod's) and private copies of install/base
# (that busybox's path instead of /usr/lib/initcpio/busybox) and
# install/udev (without the Arch-only /usr/lib/libkmod.so.2 and
# /etc/udev/hwdb.bin), placed first in MKINITCPIO_INSTALL. The host's
# /usr/lib/initcpio and /etc are never written.
#
# Flavours (VMR_INITCPIO_FLAVOUR):
#   udev      HOOKS=(base vmrtest vmreserve udev): vmreserve's early hook
#             before udev's (the test hook's just before it)
#   systemd   HOOKS=(base systemd vmrtest-sd sd-vmreserve): the unit
#             variant, with Debian 12's systemd 252 (v41's install/systemd
#             names a few 255+ files: a private wrapper skips those,
#             saying which, and takes /usr/sbin for Arch's /usr/bin)
#
# Without the tarball: exits 77 with one line saying what was missing
# (tests/boot/matrix.sh then skips the mkinitcpio combinations).
#
# Rebuilt only when an input changes (OUT.inputs holds the inputs' hash).
# Prints OUT on stdout. Root is not needed.
#
# Env: VMR_CONF=FILE       copied into the image as /etc/vmreserve.conf by
#                          the shipped hook's rule (VMRESERVE_CONF)
#      VMR_INITCPIO_FLAVOUR udev (default) or systemd
#      VMR_INITCPIO_EXTRA  test-only hook directory (install/, hooks/);
#                          default none (tests/boot/run.sh passes
#                          tests/boot/mkinitcpio)
#      VMR_VENDOR_DIR      where mkinitcpio-41.tar.gz is
#      VMR_BUILDDIR, VMR_KERNEL_CACHE, VMR_KVER, VMR_FORCE (see lib.sh)
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: ${0##*/} DESTDIR [OUT.img]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
tarball=$(vmr_abspath "$(vmr_initcpio_tarball)")
if [[ ! -f $tarball ]]; then
	vmr_log "skip: $tarball is missing (mkinitcpio v41 is vendored beside the repository, not in it)"
	exit 77
fi
destdir=$(vmr_abspath "$1")
kver=$(vmr_kver)
kroot=$(vmr_kernel_root "$kver")
[[ -d $kroot/lib/modules/$kver ]] || vmr_die "no unpacked kernel $kver in $kroot (run fetch-kernel.sh)"
flavour=${VMR_INITCPIO_FLAVOUR:-udev}
out=$(vmr_abspath "${2:-$VMR_BUILDDIR/initramfs-$kver-mkinitcpio-$flavour.img}")
for f in usr/lib/vmreserve/vmreserve-early usr/lib/vmreserve/image.sh \
	usr/lib/initcpio/install/vmreserve usr/lib/initcpio/hooks/vmreserve \
	usr/lib/initcpio/install/sd-vmreserve usr/lib/vmreserve/vmreserve-early.service; do
	[[ -e $destdir/$f ]] || vmr_die "$destdir/$f missing (make install DESTDIR=$1 PREFIX=/usr must install it)"
done
conf=
if [[ -n ${VMR_CONF:-} ]]; then
	[[ -f $VMR_CONF ]] || vmr_die "VMR_CONF=$VMR_CONF: no such file"
	conf=$(vmr_abspath "$VMR_CONF")
fi
tdir=
if [[ -n ${VMR_INITCPIO_EXTRA:-} ]]; then
	tdir=$(vmr_abspath "$VMR_INITCPIO_EXTRA")
	[[ -d $tdir/install && -d $tdir/hooks ]] || vmr_die "VMR_INITCPIO_EXTRA: $tdir has no install/ and hooks/"
fi
for t in bsdtar udevadm kmod; do
	command -v "$t" >/dev/null || vmr_die "$t missing (initrd/install-deps.sh all installs it)"
done

# --- mkinitcpio itself, set up once ---------------------------------------------
tree=$VMR_BUILDDIR/mkinitcpio-41
setup_hash=$(vmr_hash_inputs "$tarball" "$0")
if [[ ! -x $tree/mkinitcpio || $(cat "$tree/.setup" 2>/dev/null) != "$setup_hash" ]]; then
	t=$(date +%s.%N)
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp/debs"
	tar -xzf "$tarball" -C "$tree.tmp" --strip-components=1
	# The placeholders meson would fill (../shared/vendor/README.md).
	# INITCPIO_SYSCONFDIR: a directory that does not exist, so no host
	# /etc/initcpio file is ever read.
	find "$tree.tmp" -type f ! -path '*/man/*' -print0 | xargs -0 grep -lZ '@[A-Z_]*@' |
		xargs -0r sed -i \
			-e "s|@VERSION@|41|g" \
			-e "s|@SYSCONFDIR@|$tree/etc|g" \
			-e "s|@INITCPIO_LIBDIR@|$tree|g" \
			-e "s|@INITCPIO_SYSCONFDIR@|$tree/etc/initcpio|g" \
			-e "s|@BINDIR@|/usr/bin:/usr/sbin|g" \
			-e "s|@UDEVD_PATH@|/usr/lib/systemd/systemd-udevd|g" \
			-e "s|@TMPFILES_PATH@|/usr/bin/systemd-tmpfiles|g" \
			-e "s|@VCONSOLE_CONF@|/etc/vconsole.conf|g" \
			-e "s|@MKINITCPIO_HOOKS@|base udev|g"
	left=$(grep -rlE '@(VERSION|SYSCONFDIR|INITCPIO_[A-Z]+|BINDIR|UDEVD_PATH|TMPFILES_PATH)@' \
		"$tree.tmp/mkinitcpio" "$tree.tmp/functions" "$tree.tmp/install" "$tree.tmp/hooks" || true)
	[[ -z $left ]] || vmr_die "placeholders left in: $left"
	# Debian's dynamic busybox, unpacked, not installed (apt-get download
	# writes into the current directory).
	(cd "$tree.tmp/debs" && apt-get download -qq busybox >&2) ||
		vmr_die "cannot download Debian's busybox package (apt-get update?)"
	dpkg -x "$tree.tmp"/debs/busybox_*.deb "$tree.tmp/busybox"
	bb=$tree.tmp/busybox/bin/busybox
	[[ -x $bb ]] || bb=$tree.tmp/busybox/usr/bin/busybox
	[[ -x $bb ]] || vmr_die "Debian's busybox package has no bin/busybox"
	ldd "$bb" >/dev/null 2>&1 || vmr_die "$bb is static: the dynamic busybox is needed"
	rm -rf "$tree.tmp/debs"
	# Private install/base and install/udev (first in MKINITCPIO_INSTALL).
	mkdir -p "$tree.tmp/debian-install"
	sed "s|/usr/lib/initcpio/busybox|${bb/#$tree.tmp/$tree}|g" "$tree.tmp/install/base" \
		>"$tree.tmp/debian-install/base"
	sed -e "\\|'/usr/lib/libkmod.so.2'|d" -e 's|^\( *\)/usr/lib/udev/hwdb.bin \\$|\1/usr/lib/udev/hwdb.bin|' \
		-e '\|^ *\/etc/udev/hwdb.bin$|d' -e "s|'/usr/lib/udev/scsi_id' \\\\|'/usr/lib/udev/scsi_id'|" \
		"$tree.tmp/install/udev" >"$tree.tmp/debian-install/udev"
	grep -q '/usr/lib/initcpio/busybox' "$tree.tmp/debian-install/base" &&
		vmr_die "the private install/base still names /usr/lib/initcpio/busybox"
	grep -Eq 'libkmod|/etc/udev/hwdb.bin' "$tree.tmp/debian-install/udev" &&
		vmr_die "the private install/udev still names an Arch-only path"
	bash -n "$tree.tmp/debian-install/udev"
	# install/systemd names what systemd 255+ has and Debian 12's 252 does
	# not (systemd-executor, systemd-validatefs, a few units and rules) and
	# Arch's /usr/bin for what Debian keeps in /usr/sbin (sulogin, swapon):
	# a wrapper runs its build with add_binary, add_file and
	# add_systemd_unit taking /usr/sbin for /usr/bin and skipping, with a
	# note, what this system does not have.
	cat >"$tree.tmp/debian-install/systemd" <<-EOF
		#!/bin/bash
		# Debian 12 wrapper of mkinitcpio 41's install/systemd (build-initcpio.sh)
		. '$tree/install/systemd'
		eval "_vmr_orig_systemd_build() \$(declare -f build | sed 1d)"
		_vmr_debian_missing() { printf '   skipped, not on Debian 12: %s\\n' "\$1" >&2; }
		build() {
		    local f r=0
		    for f in add_binary add_file add_systemd_unit add_udev_rule; do
		        eval "_vmr_orig_\$f() \$(declare -f "\$f" | sed 1d)"
		    done
		    add_binary() {
		        if [[ \$1 == /* && ! -e \$1 ]]; then
		            if [[ -e /usr/sbin/\${1##*/} ]]; then
		                set -- "/usr/sbin/\${1##*/}" "\${2:-\$1}" "\${@:3}"
		            else
		                _vmr_debian_missing "\$1"; return 0
		            fi
		        fi
		        _vmr_orig_add_binary "\$@"
		    }
		    add_file() {
		        if [[ \$1 == /* && ! -e \$1 ]]; then _vmr_debian_missing "\$1"; return 0; fi
		        _vmr_orig_add_file "\$@"
		    }
		    add_systemd_unit() {
		        if [[ -z \$(PATH=/usr/lib/systemd/system:/lib/systemd/system type -P "\$1") ]]; then
		            _vmr_debian_missing "unit \$1"; return 0
		        fi
		        _vmr_orig_add_systemd_unit "\$@"
		    }
		    add_udev_rule() {
		        if [[ \$1 != /* && -z \$(PATH=/usr/lib/udev/rules.d:/lib/udev/rules.d type -P "\$1") ]]; then
		            _vmr_debian_missing "rule \$1"; return 0
		        fi
		        _vmr_orig_add_udev_rule "\$@"
		    }
		    _vmr_orig_systemd_build || r=\$?
		    for f in add_binary add_file add_systemd_unit add_udev_rule; do
		        eval "\$f() \$(declare -f "_vmr_orig_\$f" | sed 1d)"
		    done
		    return "\$r"
		}
	EOF
	bash -n "$tree.tmp/debian-install/systemd"
	printf '%s\n' "$setup_hash" >"$tree.tmp/.setup"
	mv "$tree.tmp" "$tree"
	vmr_log "mkinitcpio 41 set up in $tree ($(vmr_elapsed "$t") s)"
fi

# --- the config -------------------------------------------------------------------
case $flavour in
udev)
	hooks="base${tdir:+ vmrtest} vmreserve udev"
	;;
systemd)
	# base first: busybox for the test unit's script (systemd's build
	# then makes /init systemd)
	hooks="base systemd${tdir:+ vmrtest-sd} sd-vmreserve"
	;;
*) vmr_die "VMR_INITCPIO_FLAVOUR=$flavour: want udev or systemd" ;;
esac
config_text="MODULES=()
BINARIES=()
FILES=()
HOOKS=($hooks)
COMPRESSION=cat"

inputs=$(
	{
		echo "kver=$kver flavour=$flavour conf=${conf:+yes} drivers=$VMR_TEST_DRIVERS"
		printf '%s\n' "$config_text"
		cat "$kroot/../.complete"
		echo "setup=$setup_hash"
		vmr_hash_inputs "$destdir" "$0" "$VMR_REPO/initrd/lib.sh" "$VMR_REPO/tests/boot/dracut/49vmrtest/vmrtest-before.sh" \
			${tdir:+"$tdir"} ${conf:+"$conf"} /usr/bin/kmod /usr/bin/udevadm
	} | sha256sum | cut -d' ' -f1
)
vmr_up_to_date "$out" "$inputs" && exit 0

# --- build --------------------------------------------------------------------------
start=$(date +%s.%N)
work=$VMR_BUILDDIR/mkinitcpio-work.$$
trap 'rm -rf "$work"' EXIT
rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
printf '%s\n' "$config_text" >"$work/mkinitcpio.conf"
staged=$destdir/usr/lib/initcpio
# VMRESERVE_*: the staged binary, image.sh and unit (the shipped hooks'
# overrides, as for the dracut module); VMRESERVE_CONF the case's file or
# none (never the host's /etc/vmreserve.conf). TMPDIR: mkinitcpio's build
# root goes under our build directory.
if ! env MKINITCPIO_INSTALL="$tree/debian-install:$staged/install${tdir:+:$tdir/install}:$tree/install" \
	MKINITCPIO_HOOKS="$staged/hooks${tdir:+:$tdir/hooks}:$tree/hooks" \
	VMRESERVE_EARLY="$destdir/usr/lib/vmreserve/vmreserve-early" \
	VMRESERVE_IMAGE_SH="$destdir/usr/lib/vmreserve/image.sh" \
	VMRESERVE_UNIT="$destdir/usr/lib/vmreserve/vmreserve-early.service" \
	VMRESERVE_CONF="${conf:-/nonexistent/vmreserve.conf}" \
	VMR_TEST_DRIVERS="$VMR_TEST_DRIVERS" \
	VMR_TEST_BEFORE_SH="$VMR_REPO/tests/boot/dracut/49vmrtest/vmrtest-before.sh" \
	TMPDIR="$work" \
	"$tree/mkinitcpio" -c "$work/mkinitcpio.conf" -k "$kver" -r "$kroot" \
	-g "$out.tmp" >"$work/gen.log" 2>&1; then
	tail -n 40 "$work/gen.log" >&2
	rm -f "$out.tmp"
	vmr_die "mkinitcpio failed"
fi
t_gen=$(vmr_elapsed "$start")
# The shipped hook's own lines (a config image.sh warns about, a missing
# file), as mkinitcpio shows them to a user; any ERROR fails the build
# (mkinitcpio writes the image anyway and says "with errors").
grep -F 'vmreserve: ' "$work/gen.log" >&2 || true
if grep -q 'ERROR' "$work/gen.log"; then
	grep 'ERROR' "$work/gen.log" >&2
	rm -f "$out.tmp"
	vmr_die "mkinitcpio reported errors"
fi

# --- did what we ship get in? ------------------------------------------------
# lsinitcpio: the image is an early cpio followed by the main one, which
# bsdtar alone does not read past
list=$("$tree/lsinitcpio" "$out.tmp")
missing=
want=(usr/lib/vmreserve/vmreserve-early usr/lib/vmr-test/before.sh
	"kernel/drivers/vfio/pci/vfio-pci.ko" "kernel/drivers/block/virtio_blk.ko"
	"kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko" "kernel/sound/pci/hda/snd-hda-intel.ko")
[[ -n $tdir ]] || want=("${want[@]/usr\/lib\/vmr-test\/before.sh}")
[[ -n $conf ]] && want+=(etc/vmreserve.conf)
case $flavour in
udev) want+=(hooks/vmreserve) ;;
systemd) want+=(usr/lib/systemd/system/vmreserve-early.service
	usr/lib/systemd/system/sysinit.target.wants/vmreserve-early.service usr/lib/systemd/systemd) ;;
esac
for w in "${want[@]}"; do
	[[ -n $w ]] || continue
	grep -Eq -- "(^|/)${w//./\\.}(\\.(xz|zst|gz))?\$" <<<"$list" || missing+=" $w"
done
missing+=$(vmr_vfio_missing "$kver" "$kroot" "$list")
grep -Eq '^usr/bin/modprobe$' <<<"$list" || missing+=" modprobe"
# the order that makes the hook early, as lsinitcpio -a reports it:
# vmreserve's early hook before udev's
eh=$("$tree/lsinitcpio" -a "$out.tmp" | sed -n '/^==> Early hook run order:/{n;p;}' | tr -s ' ')
[[ $flavour == systemd || -n $(awk '{ for (i = 1; i <= NF; i++) p[$i] = i } p["vmreserve"] && p["vmreserve"] < p["udev"] { print "y" }' <<<"$eh") ]] ||
	missing+=" an early hook order with vmreserve before udev (lsinitcpio -a: '$eh')"
if [[ -n $missing ]]; then
	printf '%s\n' "$list" >"$out.listing"
	rm -f "$out.tmp"
	vmr_die "the mkinitcpio initramfs lacks:$missing (its files: $out.listing)"
fi
mv -f "$out.tmp" "$out"
printf '%s\n' "$inputs" >"$out.inputs"
vmr_log "built $out with mkinitcpio 41 ($flavour; $(du -h "$out" | cut -f1), $t_gen s, kernel $kver)"
printf '%s\n' "$out"
