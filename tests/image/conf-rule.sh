#!/bin/bash
# shellcheck disable=SC2016,SC2317 # checks are eval'd strings, helpers called through them
# SPDX-License-Identifier: MIT
#
# tests/image/conf-rule.sh [-g]
#
# The config-copy rule of modules.d/image.sh (vmr_image_conf), which every
# generator's hook runs at image-build time, against vmreserve.conf(5): the
# early binary reads a regular file of at most 16384 bytes in the image and
# never follows a symlink there, so the image must get the host file's
# bytes, and the build must warn about what the binary would refuse.
#
# Without -g (no root, no QEMU, about a second): the rule itself, under
# dash (initramfs-tools runs its hooks with /bin/sh) and bash (dracut),
# on a regular file, a symlink, a dangling symlink, a directory, a FIFO,
# 16384 and 16385 bytes, no file, a symlink left at the image path, and
# (as root) a file the builder cannot read.
# -g (root; minutes): real images through initrd/build-initramfs.sh from a
# staged make install, the host's dracut with a symlinked config and with
# one of 20000 bytes, initramfs-tools (Debian 12 chroot) with one of 20000
# bytes: the image holds a regular etc/vmreserve.conf with the bytes, and
# the build printed the warning.
#
# Prints TAP; exits 1 when a check failed.
#
# Env (-g): as initrd/build-initramfs.sh (VMR_BUILDDIR, VMR_KERNEL_CACHE,
# VMR_KVER, ...); VMR_DESTDIR: a staged install to use instead of making one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
image_sh=$repo/modules.d/image.sh

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
check() { # check DESCRIPTION COMMAND...
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rule SHELL SRC ROOT: run vmr_image_conf with VMRESERVE_CONF=SRC into ROOT
# under SHELL; its warnings (the WARN callback) and stderr go to ROOT.msg.
rule() {
	mkdir -p "$3"
	# a FIFO must not hang the build: timeout fails the check instead
	timeout 10 "$1" -c '
		. "$1"
		warn() { printf "W: %s\n" "$1"; }
		VMRESERVE_CONF=$2 vmr_image_conf "$3" warn
		echo "rc=$?"' sh "$image_sh" "$2" "$3" >"$3.msg" 2>&1
}
# is_copy SRC ROOT: ROOT/etc/vmreserve.conf is a regular file (not a link)
# with SRC's bytes
is_copy() { [[ -f $2/etc/vmreserve.conf && ! -L $2/etc/vmreserve.conf ]] && cmp -s "$1" "$2/etc/vmreserve.conf"; }
no_copy() { [[ ! -e $1/etc/vmreserve.conf && ! -L $1/etc/vmreserve.conf ]]; }
says() { grep -Fq -- "$2" "$1.msg"; }
silent() { [[ $(grep -v '^rc=0$' "$1.msg") == "" ]]; }
returned0() { grep -qx 'rc=0' "$1.msg"; }

# The limit the rule warns at is the one the binary reads up to: 16384
# bytes in vmreserve.conf(5), VMR_CONF_MAX in the core, VMR_IMAGE_CONF_MAX
# in image.sh; the three must never drift apart.
core_max=$(sed -n 's/^#define VMR_CONF_MAX *\([0-9]*\).*/\1/p' "$repo/src/core/cmdline_src.h")
image_max=$(sh -c '. "$1"; echo "$VMR_IMAGE_CONF_MAX"' sh "$repo/modules.d/image.sh")
check "image.sh's limit ($image_max) = the core's VMR_CONF_MAX ($core_max) = vmreserve.conf(5)'s 16384" \
	eval '[[ $image_max == 16384 && $core_max == 16384 ]]'

src=$tmp/src
mkdir -p "$src"
printf 'pci=06:00@10de:1c81\nhugepages=0:2G\n' >"$src/plain.conf"
ln -s plain.conf "$src/link.conf"
ln -s nowhere.conf "$src/dangling.conf"
mkdir "$src/dir.conf"
mkfifo "$src/fifo.conf"
head -c 16384 /dev/zero | tr '\0' '#' >"$src/max.conf"
head -c 16385 /dev/zero | tr '\0' '#' >"$src/over.conf"
printf 'keep=1G\n' >"$src/unreadable.conf"
chmod 0000 "$src/unreadable.conf"

for sh in dash bash; do
	command -v "$sh" >/dev/null || { not_ok "$sh is installed"; continue; }
	r=$tmp/$sh
	rule "$sh" "$src/plain.conf" "$r/plain" || true
	check "$sh: a regular file is copied, silently" \
		eval 'is_copy "$src/plain.conf" "$r/plain" && silent "$r/plain" && returned0 "$r/plain"'
	rule "$sh" "$src/link.conf" "$r/link" || true
	check "$sh: a symlink gives its target's bytes as a regular file, silently" \
		eval 'is_copy "$src/plain.conf" "$r/link" && silent "$r/link"'
	rule "$sh" "$src/dangling.conf" "$r/dangling" || true
	check "$sh: a dangling symlink is not copied, and named" \
		eval 'no_copy "$r/dangling" && says "$r/dangling" "W: vmreserve: $src/dangling.conf is a symbolic link to nothing: not copied" && returned0 "$r/dangling"'
	rule "$sh" "$src/dir.conf" "$r/dir" || true
	check "$sh: a directory is not copied, and named" \
		eval 'no_copy "$r/dir" && says "$r/dir" "W: vmreserve: $src/dir.conf is not a regular file: not copied" && returned0 "$r/dir"'
	rule "$sh" "$src/fifo.conf" "$r/fifo" || true
	check "$sh: a FIFO is not read (no hang), not copied, and named" \
		eval 'no_copy "$r/fifo" && says "$r/fifo" "is not a regular file: not copied" && returned0 "$r/fifo"'
	rule "$sh" "$src/max.conf" "$r/max" || true
	check "$sh: 16384 bytes are copied, silently" \
		eval 'is_copy "$src/max.conf" "$r/max" && silent "$r/max"'
	rule "$sh" "$src/over.conf" "$r/over" || true
	check "$sh: 16385 bytes are copied, with the warning that the binary will not read them" \
		eval 'is_copy "$src/over.conf" "$r/over" && says "$r/over" "W: vmreserve: $src/over.conf is 16385 bytes, over 16384: copied, but vmreserve-early will not read it" && returned0 "$r/over"'
	rule "$sh" "$src/absent.conf" "$r/absent" || true
	check "$sh: no file: nothing copied, nothing said" \
		eval 'no_copy "$r/absent" && silent "$r/absent"'
	# a link already at the image path (another module's) is replaced,
	# not written through
	mkdir -p "$r/relink/etc"
	printf 'outside\n' >"$r/outside"
	ln -s "$r/outside" "$r/relink/etc/vmreserve.conf"
	rule "$sh" "$src/plain.conf" "$r/relink" || true
	check "$sh: a symlink at the image path is replaced by the bytes, its target untouched" \
		eval 'is_copy "$src/plain.conf" "$r/relink" && [[ $(cat "$r/outside") == outside ]]'
	if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
		mkdir -p "$r/unreadable"
		chmod 0777 "$r" "$r/unreadable"
		chmod 0755 "$tmp" "$src"
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			bash -c "$(declare -f rule); image_sh=$image_sh; rule $sh $src/unreadable.conf $r/unreadable" || true
		check "$sh: a file that cannot be read is not copied (no partial copy), and named" \
			eval 'no_copy "$r/unreadable" && says "$r/unreadable" "W: vmreserve: cannot copy $src/unreadable.conf into the initramfs" && returned0 "$r/unreadable"'
	fi
done

if [[ ${1:-} == -g ]]; then
	# shellcheck source=initrd/lib.sh
	. "$repo/initrd/lib.sh"
	[[ $(id -u) == 0 ]] || vmr_die "-g: run as root (the chroot generators need it)"
	destdir=${VMR_DESTDIR:-}
	if [[ -z $destdir ]]; then
		destdir=$tmp/destdir
		make -s -C "$repo" --no-print-directory B="$tmp/obj" \
			install DESTDIR="$destdir" PREFIX=/usr >&2
	fi
	out=$VMR_BUILDDIR/conf-rule
	mkdir -p "$out"
	chmod 0644 "$src/unreadable.conf"
	head -c 20000 /dev/zero | tr '\0' '#' >"$tmp/big.conf"
	# image GEN NAME CONF: build; the build's output in $out/NAME.log, the
	# image's etc/vmreserve.conf in $out/NAME.conf and its listing line in
	# $out/NAME.ls
	image() {
		local img=$out/$2.img
		rm -f "$img" "$img.inputs" "$out/$2.conf" "$out/$2.ls"
		if ! VMR_GENERATOR=$1 VMR_CONF=$3 VMR_FORCE=1 \
			"$repo/initrd/build-initramfs.sh" "$destdir" "$img" >"$out/$2.log" 2>&1; then
			tail -n 20 "$out/$2.log" | sed 's/^/# /'
			return 1
		fi
		lsinitrd "$img" | grep -E ' etc/vmreserve\.conf$' >"$out/$2.ls" || true
		lsinitrd -f etc/vmreserve.conf "$img" >"$out/$2.conf" || true
	}
	regular() { grep -q '^-' "$out/$1.ls"; }
	for g in dracut initramfs-tools; do
		if image "$g" "$g-big" "$tmp/big.conf"; then
			check "$g: a 20000-byte config goes into the image as a regular file, byte for byte" \
				eval 'regular "$g-big" && cmp -s "$tmp/big.conf" "$out/$g-big.conf"'
			check "$g: its build warns that vmreserve-early will not read it" \
				grep -Fq "is 20000 bytes, over 16384: copied, but vmreserve-early will not read it" "$out/$g-big.log"
		else
			not_ok "$g: an image with a 20000-byte config builds"
		fi
	done
	# the host's dracut reads VMRESERVE_CONF as given: the symlink itself
	if image dracut dracut-link "$src/link.conf"; then
		check "dracut: a symlinked config goes into the image as its target's bytes, a regular file" \
			eval 'regular dracut-link && cmp -s "$src/plain.conf" "$out/dracut-link.conf"'
		check "dracut: and its build says nothing about the config" \
			eval '! grep -q "vmreserve: " "$out/dracut-link.log"'
	else
		not_ok "dracut: an image with a symlinked config builds"
	fi
fi

echo "1..$n"
exit "$failed"
