#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/boot/deb-cycle.sh GENERATOR
# tests/boot/deb-cycle.sh --debs
#
# The Debian packages (make deb) proven on a real system: install, boot,
# purge, boot, in a copy of the boot tests' debootstrap chroot of GENERATOR
# (initrd/chroot.sh):
#   initramfs-tools  bookworm: vmreserve + vmreserve-initramfs-tools
#   dracut-ng        trixie (Debian's dracut handles the update-initramfs
#                    trigger): vmreserve + vmreserve-dracut
# In the copy, as on a machine that has a kernel and its image already:
#   - the fetched kernel is put where its package puts it (/boot/vmlinuz-KVER
#     and config, /lib/modules/KVER), the local settings a test machine needs
#     are added (the test devices' drivers: an /etc/initramfs-tools hook, or
#     an /etc/dracut.conf.d file with the boot tests' dracut modules), the
#     packages' dependencies are installed (apt-get satisfy; libxml2 is not
#     in the chroot) and the kernel's image is made as its postinst does
#     (/etc/kernel/postinst.d/dracut KVER; for initramfs-tools a placeholder
#     file at /boot/initrd.img-KVER, all `update-initramfs -u` needs);
#   - `dpkg -i` the two packages: dpkg must process the generator's
#     update-initramfs trigger, and that must have rebuilt the image (its
#     hash changed) with vmreserve in it; `dpkg -L` of each package must list
#     the files of its .deb (dpkg-deb);
#   - boot that image (initrd/run-qemu.sh, the boot tests' machine) with a
#     root image holding the status tool the package installed (the chroot's
#     /usr/bin/vmreserve): case deb/TEST-P1-deb-installed;
#   - `dpkg --purge` both: the trigger again, a rebuilt image without any
#     vmreserve path, none of the packages' files left and the file tree as
#     it was before `dpkg -i` (outside /boot and dpkg's, apt's and the logs'
#     own directories);
#   - boot that image with the same keys: case deb/TEST-P2-deb-purged
#     (nothing bound, no pages, no vmreserve line, no record).
# The cached chroot is never written: the copy is a full one (dpkg and the
# maintainer scripts write in place, dpkg.log for one), removed at the end.
#
# Two result lines (TAP, like run.sh), one per boot; the checks made in the
# chroot before a boot ("ok - ..." lines above its result) count for that
# boot. Logs: $VMR_BUILDDIR/logs/CASE.TAG.log and deb-cycle.TAG.STEP.log
# (TAG: VMR_LOG_TAG, default deb-GENERATOR).
#
# --debs: the packages' directory: build/deb when no file of the tree is
# newer than its packages (make deb-tests makes them first in make
# check-all), else make deb there; the boot matrix does this once before
# its lanes start.
#
# Env: VMR_DEB_DIR   the .debs to test (vmreserve_*_ARCH.deb and the
#                    generator's package); default: what --debs gives
#      VMR_KERNEL_SUITE, VMR_KVER, VMR_KERNEL_CACHE, VMR_CHROOT_CACHE,
#      VMR_BUILDDIR, VMR_RESULTS, VMR_LOG_TAG: as tests/boot/run.sh, and what
#      initrd/run-qemu.sh reads. apt-get downloads the dependencies once (the
#      chroot's own package lists; after a failed download it updates them
#      once) and keeps them in $VMR_BUILDDIR/deb-cycle-apt/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"
initrd=$VMR_REPO/initrd

usage() { echo "usage: ${0##*/} initramfs-tools|dracut-ng | --debs" >&2; exit 2; }
[[ $# == 1 ]] || usage

# build_debs: the packages of this tree, their directory on stdout: build/deb
# when it holds them and no file of the tree is newer (make deb-tests made
# them before `make boot` in make check-all), else made there (make deb)
build_debs() {
	local d=$VMR_REPO/build/deb newer arch
	arch=$(dpkg --print-architecture)
	[[ -f $VMR_REPO/Makefile ]] || vmr_die "no Makefile: set VMR_DEB_DIR to the .debs to test"
	if compgen -G "$d/vmreserve_*_$arch.deb" >/dev/null && compgen -G "$d/vmreserve-dracut_*_all.deb" >/dev/null &&
		compgen -G "$d/vmreserve-initramfs-tools_*_all.deb" >/dev/null; then
		newer=$(cd "$VMR_REPO" && find . -path ./build -prune -o -path ./.git -prune -o -type f \
			-newer "$(compgen -G "$d/vmreserve_*_$arch.deb" | head -n1)" -print | head -n1)
		if [[ -z $newer ]]; then
			vmr_log "packages in $d are newer than the tree: not built again"
			printf '%s\n' "$d"
			return 0
		fi
		vmr_log "$newer is newer than the packages in $d"
	fi
	vmr_log "make deb"
	make -C "$VMR_REPO" --no-print-directory deb >&2
	printf '%s\n' "$d"
}
if [[ $1 == --debs ]]; then
	build_debs
	exit 0
fi

gen=$1
case $gen in
initramfs-tools) pkg=vmreserve-initramfs-tools trigger=initramfs-tools ;;
dracut-ng) pkg=vmreserve-dracut trigger=dracut ;;
*) usage ;;
esac
[[ $(id -u) == 0 ]] || vmr_die "run as root: chroot(8), mount and dpkg in the chroot need it"
tag=${VMR_LOG_TAG:-deb-$gen}
mkdir -p "$VMR_BUILDDIR/logs"
# The same lock as run.sh: shared images and logs.
exec 9>"$VMR_BUILDDIR/.boot-test.lock"
if ! flock -n 9; then
	vmr_log "another boot test run holds $VMR_BUILDDIR; waiting"
	flock 9
fi

start=$(date +%s.%N)
t=$start
times=
# lap NAME: the seconds since the last lap, for the cost line at the end
lap() { times+=" $1 $(vmr_elapsed "$t") s,"; t=$(date +%s.%N); }

# --- the packages, the kernel, the chroot -----------------------------------------
debs=${VMR_DEB_DIR:-}
[[ -n $debs ]] || debs=$(build_debs)
debs=$(vmr_abspath "$debs")
arch=$(dpkg --print-architecture)
shopt -s nullglob
main=("$debs"/vmreserve_*_"$arch".deb)
genpkg=("$debs"/"$pkg"_*_all.deb)
shopt -u nullglob
[[ ${#main[@]} == 1 && ${#genpkg[@]} == 1 ]] ||
	vmr_die "want one vmreserve_*_$arch.deb and one ${pkg}_*_all.deb in $debs (make deb), found ${#main[@]} and ${#genpkg[@]}"
suite=${VMR_KERNEL_SUITE:-}
if [[ -n $suite ]]; then
	kver=$(env -u VMR_KVER VMR_KERNEL_SUITE="$suite" "$initrd/fetch-kernel.sh")
else
	kver=$("$initrd/fetch-kernel.sh")
fi
kroot=$(vmr_kernel_root "$kver")
base=$("$initrd/chroot.sh" "$gen")

work=$VMR_BUILDDIR/deb-cycle-$gen.$$
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
cp -a "$base" "$root"
# The kernel as its package installs it; the modules are only read (linked).
mkdir -p "$root/usr/lib/modules"
cp -al "$kroot/lib/modules/$kver" "$root/usr/lib/modules/" 2>/dev/null ||
	cp -a "$kroot/lib/modules/$kver" "$root/usr/lib/modules/"
for f in vmlinuz config System.map; do
	[[ -f $kroot/boot/$f-$kver ]] && cp "$kroot/boot/$f-$kver" "$root/boot/"
done
[[ -f $root/boot/vmlinuz-$kver ]] || vmr_die "no $kroot/boot/vmlinuz-$kver"
# The test machine's settings, where an admin puts them.
case $gen in
initramfs-tools)
	# shellcheck disable=SC2086 # one word per driver
	vmr_itools_drivers_hook "$root" $VMR_TEST_DRIVERS
	;;
dracut-ng)
	# the boot tests' image (chroot-initramfs.sh's dracut arguments) as
	# dracut.conf settings: the trigger runs plain `dracut --force`
	mkdir -p "$root/etc/dracut.conf.d"
	{
		echo 'hostonly="no"'
		echo 'hostonly_cmdline="no"'
		echo 'early_microcode="no"'
		echo "dracutmodules=\" $(vmr_dracut_modules systemd) \""
		echo "add_drivers+=\" $VMR_TEST_DRIVERS \""
		echo 'filesystems+=" ext4 "'
		echo 'compress="cat"'
	} >"$root/etc/dracut.conf.d/90-vmr-test.conf"
	;;
esac
mkdir -p "$root/var/tmp/vmr-debs"
cp "${main[0]}" "${genpkg[0]}" "$root/var/tmp/vmr-debs/"
main_in=/var/tmp/vmr-debs/${main[0]##*/}
gen_in=/var/tmp/vmr-debs/${genpkg[0]##*/}
mount -t proc proc "$root/proc"
in_chroot() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LANG=C.UTF-8 TMPDIR=/var/tmp DEBIAN_FRONTEND=noninteractive "$@"
}
lap copy

# step NAME CMD...: run CMD in the chroot, output to its log; status as CMD's
step() {
	local name=$1 log=$VMR_BUILDDIR/logs/deb-cycle.$tag.$1.log
	shift
	in_chroot "$@" >"$log" 2>&1
}
step_log() { printf '%s\n' "$VMR_BUILDDIR/logs/deb-cycle.$tag.$1.log"; }
step_failed() {
	tail -n 30 "$(step_log "$1")" >&2
	vmr_die "$2 failed in the $gen chroot (log $(step_log "$1"))"
}

# The dependencies (apt-get satisfy: the packages' Depends as a user's apt
# resolves them), from our archive cache when there.
apt_cache=$VMR_BUILDDIR/deb-cycle-apt/${base##*/}
mkdir -p "$apt_cache"
shopt -s nullglob
cached=("$apt_cache"/*.deb)
[[ ${#cached[@]} == 0 ]] || cp "${cached[@]}" "$root/var/cache/apt/archives/"
deps=$(dpkg-deb -f "${main[0]}" Depends)
if ! step deps apt-get satisfy -y --no-install-recommends "$deps"; then
	vmr_log "apt-get satisfy failed: updating the chroot copy's package lists once"
	step deps-update apt-get update || step_failed deps-update "apt-get update"
	step deps apt-get satisfy -y --no-install-recommends "$deps" || step_failed deps "apt-get satisfy '$deps'"
fi
fetched=("$root"/var/cache/apt/archives/*.deb)
shopt -u nullglob
[[ ${#fetched[@]} == 0 ]] || cp -u "${fetched[@]}" "$apt_cache/"
lap deps

# The kernel's image, made as the kernel package's postinst makes it.
img=$root/boot/initrd.img-$kver
case $gen in
# initramfs-tools: update-initramfs -u (the trigger) regenerates the image of
# every kernel that has one (get_sorted_versions: /boot/initrd.img-KVER
# exists), whatever it holds. A placeholder there is all the trigger needs
# and saves the ~100 s of a first mkinitramfs run (MODULES=most); the image
# the trigger makes is checked below, and the purge's is a full one too.
initramfs-tools) printf 'placeholder for the kernel postinst image: not an initramfs\n' >"$img" ;;
dracut-ng) step image /etc/kernel/postinst.d/dracut "$kver" || step_failed image "/etc/kernel/postinst.d/dracut" ;;
esac
[[ -f $img ]] || vmr_die "no $img after the kernel's image was made (log $(step_log image))"
lap image

# image_list: the paths in the chroot's image, one a line
image_list() {
	case $gen in
	initramfs-tools) in_chroot lsinitramfs "/boot/initrd.img-$kver" ;;
	dracut-ng)
		in_chroot lsinitrd "/boot/initrd.img-$kver" |
			awk 'NF >= 3 && $(NF-1) == "->" { print $(NF-2); next } { print $NF }'
		;;
	esac
}
# tree: the chroot's paths outside what a package operation always changes
# (the image, dpkg's and apt's databases and caches, logs, temporary files)
tree() {
	(cd "$root" && find . -path ./proc -prune -o -path ./dev -prune -o -path ./boot -prune \
		-o -path ./tmp -prune -o -path ./var/tmp -prune -o -path ./var/log -prune \
		-o -path ./var/cache -prune -o -path ./var/lib/dpkg -prune -o -path ./var/lib/apt -prune \
		-o -path ./var/backups -prune -o -print) | LC_ALL=C sort
}
hash_img() { sha256sum <"$img" | cut -d' ' -f1; }

# Checks in the chroot: "ok - ..."/"not ok - ..." lines into the phase's
# list, shown before its boot's result; a "not ok" fails that boot.
declare -A notes=() bad=()
note() { notes[$phase]+="$1 - $2"$'\n'; [[ $1 == ok ]] || bad[$phase]=1; }
hcheck() {
	local d=$1
	shift
	if "$@"; then note ok "$d"; else note "not ok" "$d"; fi
}

before_tree=$(tree)
before_list=
[[ $gen == initramfs-tools ]] || before_list=$(image_list)
h_before=$(hash_img)

# --- install ---------------------------------------------------------------------
phase=installed
if [[ $gen != initramfs-tools ]]; then
	hcheck "the kernel's own image holds no vmreserve path" \
		test -z "$(grep -i vmreserve <<<"$before_list")"
fi
rc=0
step install dpkg -i "$main_in" "$gen_in" || rc=$?
is_0() { [[ $1 == 0 ]]; }
same_nonempty() { [[ -n $1 && $1 == "$2" ]]; }
hcheck "dpkg -i ${main[0]##*/} ${genpkg[0]##*/}: exit 0 (got $rc; log $(step_log install))" is_0 "$rc"
hcheck "dpkg processed the update-initramfs trigger (\"Processing triggers for $trigger\")" \
	grep -q "^Processing triggers for $trigger " "$(step_log install)"
h_inst=$(hash_img)
hcheck "the trigger rebuilt /boot/initrd.img-$kver (its hash changed)" test "$h_inst" != "$h_before"
inst_list=$(image_list)
want=(usr/lib/vmreserve/vmreserve-early etc/vmreserve.conf kernel/drivers/vfio/pci/vfio-pci.ko)
case $gen in
initramfs-tools) want+=(scripts/init-top/pre_udev_vmreserve) ;;
dracut-ng) want+=(dracut/hooks/pre-udev/30-vmreserve-hook.sh) ;;
esac
missing=
for w in "${want[@]}"; do
	grep -Eq -- "(^|/)${w//./\\.}(\\.(xz|zst|gz))?\$" <<<"$inst_list" || missing+=" $w"
done
missing+=$(vmr_vfio_missing "$kver" "$kroot" "$inst_list")
hcheck "the rebuilt image holds vmreserve (${want[*]}, the vfio modules)${missing:+; lacks:$missing}" \
	test -z "$missing"
# Each package's files: dpkg -L (the installed system) against the .deb's
# own list (dpkg-deb), directories left out.
files_of_deb() { dpkg-deb --fsys-tarfile "$1" | tar -t | sed -n 's|^\./|/|; /\/$/d; /^\/$/d; p' | LC_ALL=C sort; }
files_installed() {
	local p
	in_chroot dpkg -L "$1" | while IFS= read -r p; do
		if [[ -L $root$p || ! -d $root$p ]]; then printf '%s\n' "$p"; fi
	done | LC_ALL=C sort
}
pkg_files=
for d in "${main[0]}" "${genpkg[0]}"; do
	p=$(dpkg-deb -f "$d" Package)
	from_deb=$(files_of_deb "$d")
	inst=$(files_installed "$p")
	pkg_files+=$inst$'\n'
	hcheck "dpkg -L $p lists the files of its .deb ($(wc -l <<<"$from_deb") files)" \
		same_nonempty "$inst" "$from_deb"
	absent=$(while IFS= read -r f; do [[ -e $root$f || -L $root$f ]] || printf ' %s' "$f"; done <<<"$inst")
	hcheck "every file dpkg -L $p lists is there${absent:+; absent:$absent}" test -z "$absent"
done
hcheck "/usr/bin/vmreserve is vmreserve's (dpkg -S)" \
	test "$(in_chroot dpkg-query -S /usr/bin/vmreserve 2>/dev/null | cut -d: -f1)" == vmreserve
lap install

# What the boots use: the images and the installed tool, out of the chroot.
out=$VMR_BUILDDIR/deb-cycle-$tag
rm -rf "$out"
mkdir -p "$out/tool/usr/bin"
cp "$img" "$out/installed.img"
if [[ -x $root/usr/bin/vmreserve ]]; then
	cp -a "$root/usr/bin/vmreserve" "$out/tool/usr/bin/vmreserve"
fi
# The root image: the two cases and the helpers of tests/boot/lib.
rm -rf "$out/tests"
mkdir -p "$out/tests/lib"
cp -a "$here/lib/." "$out/tests/lib/"
cp -a "$here/deb/." "$out/tests/"
rootfs=$(VMR_KVER=$kver VMR_DESTDIR=$out/tool VMR_REQUIRE_TOOL=1 \
	"$initrd/build-rootfs.sh" "$VMR_BUILDDIR/rootfs-$kver-deb.img" "$out/tests")
lap rootfs

# --- boots -----------------------------------------------------------------------
n=0 failed=0
echo "1..2"
# boot CASE IMAGE: boot once, print the phase's chroot checks and the result
boot() {
	local c=$1 image=$2 dir=$here/deb/$1 log=$VMR_BUILDDIR/logs/$1.$tag.log rc=0 args block why n_ok secs
	n=$((n + 1))
	args=$(sed -e 's/#.*//' "$dir/cmdline" | tr '\n' ' ' | tr -s ' ')
	args="${args# } vmr.test=$c vmr.test.gen=$gen"
	rm -f "$log" "$log.time"
	VMR_KVER=$kver VMR_INITRD=$image VMR_ROOTFS=$rootfs \
		"$initrd/run-qemu.sh" --log "$log" --append "$args" 2>"$log.stderr" || rc=$?
	secs=$(cat "$log.time" 2>/dev/null || echo '?')
	touch "$log"
	block=$(vmr_result_block "$log")
	why=$(vmr_boot_verdict "$log" "$rc" "$block")
	why=${why:+in the VM: $why}
	n_ok=$(grep -c '^ok - ' <<<"$block" || true)
	[[ -z ${bad[$phase]:-} ]] || why="${why:+$why; }checks in the chroot failed"
	printf '%s' "${notes[$phase]:-}" | sed 's/^/    chroot: /'
	grep -E '^(ok - |not ok - |# )' <<<"$block" | sed 's/^/    /' || true
	if [[ -n ${VMR_RESULTS:-} ]]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "deb-$gen" - "$kver" "$c" 1 \
			"$([[ -z $why ]] && echo pass || echo fail)" "$secs" >>"$VMR_RESULTS"
	fi
	if [[ -z $why ]]; then
		echo "ok $n - $c (${notes[$phase]:+$(grep -c '^ok' <<<"${notes[$phase]}") chroot checks, }$n_ok checks, ${secs} s, kernel $kver, $gen)"
		return 0
	fi
	failed=$((failed + 1))
	echo "not ok $n - $c: $why (${secs} s, kernel $kver, $gen; log $log)"
	[[ -n $block ]] || tr -d '\r' <"$log" | tail -n 15 | sed 's/^/    #   /'
}
boot TEST-P1-deb-installed "$out/installed.img"
lap boot-installed

# --- purge -----------------------------------------------------------------------
phase=purged
rc=0
step purge dpkg --purge "$pkg" vmreserve || rc=$?
hcheck "dpkg --purge $pkg vmreserve: exit 0 (got $rc; log $(step_log purge))" is_0 "$rc"
hcheck "dpkg processed the update-initramfs trigger (\"Processing triggers for $trigger\")" \
	grep -q "^Processing triggers for $trigger " "$(step_log purge)"
hcheck "the trigger rebuilt /boot/initrd.img-$kver (its hash changed)" test "$(hash_img)" != "$h_inst"
left=$(image_list | grep -i vmreserve || true)
hcheck "the rebuilt image holds no vmreserve path${left:+: $(tr '\n' ' ' <<<"$left")}" test -z "$left"
for p in "$pkg" vmreserve; do
	# shellcheck disable=SC2016 # dpkg-query's format
	s=$(in_chroot dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	hcheck "dpkg knows $p as not installed (got '${s:-unknown}')" test "${s:-not-installed}" == not-installed
done
left=$(while IFS= read -r f; do
	if [[ -n $f ]] && [[ -e $root$f || -L $root$f ]]; then printf ' %s' "$f"; fi
done <<<"$pkg_files")
hcheck "no file of the packages is left ($(grep -c . <<<"$pkg_files") files, conffiles too)${left:+; left:$left}" \
	test -z "$left"
diff=$(diff <(printf '%s\n' "$before_tree") <(tree) || true)
hcheck "the file tree is as before dpkg -i${diff:+: $(head -n 10 <<<"$diff" | tr '\n' ' ')}" test -z "$diff"
cp "$img" "$out/purged.img"
lap purge
boot TEST-P2-deb-purged "$out/purged.img"
lap boot-purged
umount "$root/proc"

echo "# $gen cycle, kernel $kver: ${times%,}; total $(vmr_elapsed "$start") s"
echo "$((n - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
