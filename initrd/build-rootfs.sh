#!/bin/bash
# SPDX-License-Identifier: MIT
#
# build-rootfs.sh OUT.img [TESTS_DIR | CHECK_SCRIPT]
#
# A tiny ext4 root for the boot tests: busybox-static, /etc/os-release
# (systemd's switch-root refuses a root without it) and an /sbin/init that
# runs one check script, prints its output between
#   === VMRESERVE-RESULT BEGIN ===
#   === VMRESERVE-RESULT END ===
# on the console and powers off. Made with `mke2fs -d`: no mount, no loop
# device. Boot it with snapshot=on (run-qemu.sh does) and one image serves
# every run.
#
# TESTS_DIR holds one directory per case with a check.sh (TEST-NN-name/),
# and optionally lib/*.sh; the image gets /tests/TEST-NN-name/ and
# /usr/lib/vmr-test/*.sh, and the init runs /tests/$NAME/check.sh for
# vmr.test=NAME on the kernel command line. A single CHECK_SCRIPT becomes
# /tests/default/check.sh, run when vmr.test= is absent, with the helpers
# of tests/boot/lib. Without vmr.test= and without a default check (a demo
# boot), the block is empty and the diagnostics block follows as always.
#
# check.sh runs in a child `sh` (busybox ash) after switch_root, with the
# helpers of lib/*.sh sourced and its own directory as working directory; it
# prints "ok - ..." / "not ok - ..." lines. A non-zero exit adds a "not ok".
#
# The image also gets /usr/bin/jq (the checks read `vmreserve status --json`
# with it) and the fetched kernel's module index files (modules.alias.bin,
# modules.dep.bin, ..., no .ko) in /lib/modules/KVER/: the status tool looks
# up host drivers from modaliases with libkmod. The running kernel's modules
# stay in the initramfs; nothing is loaded from this root.
#
# Env: VMR_BUILDDIR, VMR_KVER (see lib.sh; without VMR_KVER, fetch-kernel.sh
#                   resolves it)
#      VMR_DESTDIR  staged install: its usr/bin/vmreserve (the status tool)
#                   goes into the image with its libraries
#      VMR_REQUIRE_TOOL=1  fail when VMR_DESTDIR has no usr/bin/vmreserve
#                   (tests/boot/run.sh sets it: every case checks the tool)
#      VMR_JQ       jq to install (default /usr/bin/jq; apt-get install jq)
#      VMR_ROOTFS_EXTRA  host binaries (space-separated paths) to copy into
#                   /usr/bin with their libraries (the bench's tools)
#      VMR_ROOTFS_SIZE  image size for mke2fs (default 128M: the status tool
#                   links libxml2, which brings ICU's 31 MB data library)
#      VMR_FORCE=1  rebuild even if up to date
# Prints OUT on stdout.
set -euo pipefail
# shellcheck source=initrd/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: ${0##*/} OUT.img [TESTS_DIR | CHECK_SCRIPT]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
out=$(vmr_abspath "$1")
src=${2:-}
[[ -z $src || -e $src ]] || vmr_die "$src does not exist"
[[ -z $src ]] || src=$(vmr_abspath "$src")
busybox=${VMR_BUSYBOX:-/bin/busybox}
[[ -x $busybox ]] || vmr_die "$busybox missing (apt-get install busybox-static)"
ldd "$busybox" >/dev/null 2>&1 && vmr_die "$busybox is dynamic: install busybox-static"
tool=
[[ -n ${VMR_DESTDIR:-} && -x ${VMR_DESTDIR}/usr/bin/vmreserve ]] && tool=$VMR_DESTDIR/usr/bin/vmreserve
if [[ -z $tool && ${VMR_REQUIRE_TOOL:-0} == 1 ]]; then
	vmr_die "${VMR_DESTDIR:-VMR_DESTDIR (unset)}/usr/bin/vmreserve missing: the boot tests check" \
		"\`vmreserve status\` in every case (make install must install it)"
fi
jq=${VMR_JQ:-/usr/bin/jq}
[[ -x $jq ]] || vmr_die "$jq missing (apt-get install jq)"

# The kernel's module index files, for libkmod's modalias lookups.
kver=$(vmr_kver)
kmods=$(vmr_kernel_root "$kver")/lib/modules/$kver
[[ -f $kmods/modules.alias.bin && -f $kmods/modules.dep.bin ]] ||
	vmr_die "$kmods has no modules.alias.bin/modules.dep.bin (run fetch-kernel.sh; it runs depmod)"
kindex=()
for f in "$kmods"/modules.*; do
	[[ -f $f ]] && kindex+=("$f")
done

# Shared libraries (and the loader) ldd names for a binary, one a line.
libs_of() { ldd "$1" 2>/dev/null | grep -Eo '/[^ ]+' | sort -u || true; }

inputs=$(
	{
		echo "size=${VMR_ROOTFS_SIZE:-128M} kver=$kver"
		# shellcheck disable=SC2046 # one path a line, no spaces
		vmr_hash_inputs "$0" "$(dirname "$0")/lib.sh" "$busybox" "$VMR_REPO/tests/boot/lib" \
			${src:+"$src"} ${tool:+"$tool"} "$jq" ${VMR_ROOTFS_EXTRA:-} \
			$( { libs_of "$jq"; [[ -z $tool ]] || libs_of "$tool"; } | sort -u) \
			"${kindex[@]}"
		# names too: a file added to or gone from the index changes the image
		printf '%s\n' "${kindex[@]##*/}"
	} | sha256sum | cut -d' ' -f1
)
vmr_up_to_date "$out" "$inputs" && exit 0

stage=$VMR_BUILDDIR/rootfs.$$
rm -rf "$stage"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,usr/lib/vmr-test,etc,proc,sys,dev,run,tmp,root,tests,mnt}
chmod 1777 "$stage/tmp"

# --- busybox and its applets ---------------------------------------------------
cp "$busybox" "$stage/bin/busybox"
"$busybox" --list-full | while read -r applet; do
	[[ -e $stage/$applet || -L $stage/$applet ]] && continue
	mkdir -p "$stage/$(dirname "$applet")"
	ln -s /bin/busybox "$stage/$applet"
done
rm -f "$stage/sbin/init" "$stage/init" "$stage/linuxrc"

# --- the status tool, jq, the kernel's module index ----------------------------
# Copy a binary and, if dynamic, the libraries and loader ldd names.
inst_bin() {
	local lib
	mkdir -p "$stage/$(dirname "$2")"
	cp "$1" "$stage/$2"
	libs_of "$1" | while read -r lib; do
		[[ -e $lib ]] || continue
		mkdir -p "$stage/$(dirname "$lib")"
		cp -L "$lib" "$stage/$lib"
	done
}
[[ -n $tool ]] && inst_bin "$tool" /usr/bin/vmreserve
inst_bin "$jq" /usr/bin/jq
for x in ${VMR_ROOTFS_EXTRA:-}; do
	[[ -x $x ]] || vmr_die "VMR_ROOTFS_EXTRA: $x is not an executable"
	inst_bin "$x" "/usr/bin/${x##*/}"
done
mkdir -p "$stage/lib/modules/$kver"
cp -L "${kindex[@]}" "$stage/lib/modules/$kver/"

# --- identity ------------------------------------------------------------------
cat >"$stage/etc/os-release" <<'EOF'
NAME="vmreserve boot test"
ID=vmreserve-test
PRETTY_NAME="vmreserve boot-test root (busybox)"
VERSION_ID=1
EOF
echo 'root:x:0:0:root:/root:/bin/sh' >"$stage/etc/passwd"
echo 'root:x:0:' >"$stage/etc/group"
: >"$stage/etc/fstab"

# --- the checks ----------------------------------------------------------------
if [[ -d $src ]]; then
	for d in "$src"/*/; do
		d=${d%/}
		[[ -f $d/check.sh ]] || continue
		cp -a "$d" "$stage/tests/"
	done
	if [[ -d $src/lib ]]; then
		cp -a "$src"/lib/. "$stage/usr/lib/vmr-test/"
	fi
elif [[ -f $src ]]; then
	mkdir -p "$stage/tests/default"
	cp "$src" "$stage/tests/default/check.sh"
	# the same helpers the cases get
	cp -a "$VMR_REPO"/tests/boot/lib/. "$stage/usr/lib/vmr-test/"
fi

# --- PID 1 -----------------------------------------------------------------------
cat >"$stage/sbin/init" <<'EOF'
#!/bin/sh
# PID 1 of the vmreserve boot-test root (busybox ash). Runs after switch_root
# (systemd initramfs: switch-root execs /sbin/init when the new root has no
# systemd). Never exits: powers off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root

mounted() { grep -q "^[^ ]* $1 " /proc/mounts; }
# The initramfs moved /proc, /sys, /dev and /run here; mount only what is
# missing. /run carries /run/vmreserve/state from the initramfs: never mount
# over it.
[ -e /proc/self/stat ] || mount -t proc -o nosuid,nodev,noexec proc /proc
mounted /sys || mount -t sysfs -o nosuid,nodev,noexec sysfs /sys
mounted /dev || mount -t devtmpfs -o mode=0755,nosuid devtmpfs /dev
mounted /run || mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
mounted /tmp || mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
exec </dev/console >/dev/console 2>&1

name=
for w in $(cat /proc/cmdline); do
	case $w in
	vmr.test=*) name=${w#vmr.test=} ;;
	esac
done

# Keep kernel messages from cutting through the result lines.
dmesg -n 1

echo "=== VMRESERVE-RESULT BEGIN ==="
echo "# test ${name:-default}"
read -r t _ </proc/uptime
echo "# t=$t check.sh"
if [ -z "$name" ] && [ ! -f /tests/default/check.sh ]; then
	# A plain boot (demo): no test asked for, no default one: report only.
	echo "# no vmr.test= and no default check: diagnostics only"
elif [ -f "/tests/${name:=default}/check.sh" ]; then
	(
		cd "/tests/$name" || exit 1
		# sj_flush: the checks check-lib.sh still holds (it runs them in
		# batches)
		exec sh -c 'for l in /usr/lib/vmr-test/*.sh; do [ -f "$l" ] && . "$l"; done; . ./check.sh; rc=$?
			! command -v sj_flush >/dev/null || sj_flush; exit "$rc"'
	) </dev/null
	rc=$?
	[ "$rc" = 0 ] || echo "not ok - check.sh exited with status $rc"
else
	echo "not ok - no check script /tests/$name/check.sh"
fi
read -r t _ </proc/uptime
echo "# t=$t check.sh done"
echo "=== VMRESERVE-RESULT END ==="

# For whoever reads the log: what the early binary said and left behind.
echo "=== VMRESERVE-DIAG BEGIN ==="
echo "# cmdline: $(cat /proc/cmdline)"
echo "# kmsg vmreserve lines:"
dmesg | grep 'vmreserve:' | grep -vi 'command line:' | sed 's/^/#   /'
if [ -f /run/vmreserve/state ]; then
	echo "# /run/vmreserve/state:"
	sed 's/^/#   /' /run/vmreserve/state
else
	echo "# /run/vmreserve/state: absent"
fi
echo "# PCI functions (BDF vendor:device driver group override):"
for d in /sys/bus/pci/devices/*; do
	drv=-; grp=-; ovr=-
	[ -L "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	[ -L "$d/iommu_group" ] && grp=$(basename "$(readlink "$d/iommu_group")")
	[ -r "$d/driver_override" ] && ovr=$(cat "$d/driver_override")
	echo "#   ${d##*/} $(cut -c3- "$d/vendor"):$(cut -c3- "$d/device") $drv $grp ${ovr:-(empty)}"
done
echo "# hugepages per node (size nr free):"
for n in /sys/devices/system/node/node[0-9]*; do
	for h in "$n"/hugepages/hugepages-*; do
		[ -d "$h" ] && echo "#   ${n##*/} ${h##*/hugepages-} $(cat "$h/nr_hugepages") $(cat "$h/free_hugepages")"
	done
done
# What the boot tests' checks read (tests/boot/lib/check-lib.sh status_json).
if [ -f /tmp/status.json ]; then
	echo "# vmreserve status --json, as the checks saw it (exit $(cat /tmp/status.exit 2>/dev/null)):"
	sed 's/^/#   /' /tmp/status.json
fi
read -r t _ </proc/uptime
echo "# t=$t diagnostics done"
echo "=== VMRESERVE-DIAG END ==="

sync
poweroff -f
# poweroff -f does not return; if it did, do not let PID 1 exit (panic).
while :; do sleep 3600; done
EOF
chmod 755 "$stage/sbin/init"
ln -s sbin/init "$stage/init"

# --- the image -------------------------------------------------------------------
mkdir -p "$(dirname "$out")"
rm -f "$out.tmp"
truncate -s "${VMR_ROOTFS_SIZE:-128M}" "$out.tmp"
mke2fs -q -F -t ext4 -L vmrroot -E root_owner=0:0 -d "$stage" "$out.tmp" >&2
mv -f "$out.tmp" "$out"
printf '%s\n' "$inputs" >"$out.inputs"
vmr_log "built $out (${tool:+usr/bin/vmreserve, }jq, ${#kindex[@]} module index files of $kver)"
printf '%s\n' "$out"
