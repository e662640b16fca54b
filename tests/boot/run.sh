#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/boot/run.sh [-q] [-n N] [CASE...]
#
# Boot tests: every case boots a Debian kernel (Debian 12's by default) with
# a systemd initramfs holding the vmreserve dracut module and the test-only
# module dracut/49vmrtest (it saves sysfs right before vmreserve's hook to
# /run/vmr-test/before), switch_roots into a busybox root and runs the
# case's check.sh there (after the initramfs did its work).
#
# A case is a directory tests/boot/TEST-NN-name/ with
#   cmdline    kernel arguments (# comments and blank lines dropped, lines
#              joined); the runner adds vmr.test=TEST-NN-name
#   check.sh   runs in the VM (busybox sh, helpers from lib/check-lib.sh),
#              prints "ok - ..." / "not ok - ..." lines
#   vmreserve.conf  optional: this case's initramfs is built with it as
#              /etc/vmreserve.conf (build-initramfs.sh VMR_CONF=; one more
#              image per distinct file, cached by its content)
#   qemu.env   optional, sourced (exported) before run-qemu.sh: VMR_NO_IOMMU=1,
#              VMR_MEM0=4G, VMR_TIMEOUT=..., see initrd/run-qemu.sh. Two
#              settings there are the runner's:
#                VMR_KERNEL_SUITE=bookworm-backports  boot the kernel of that
#                  suite (Debian's 6.12, see initrd/fetch-kernel.sh) instead
#                  of the default one (the machine's linux-image-amd64)
#                VMR_BOOTS=N  boot the case N times (a race that shows in
#                  some boots only); each boot is one result line, and every
#                  boot must pass
#                VMR_MUST_SEE="TAG..."  each TAG must be seen (a check.sh
#                  line "seen - TAG", check-lib.sh's seen) in at least one
#                  of the case's boots: one more result line per TAG after
#                  the case's boots (a race case that never hit its window
#                  proved nothing)
# A boot passes when its result block is complete, has at least one "ok" and
# no "not ok". No block (timeout, panic, hang) fails it. A VMR_MUST_SEE line
# passes when some boot's complete block had its "seen - TAG" line.
#
# CASE: a directory name (TEST-01-slot), a path to it, or a prefix (01).
# Default: all cases. -q: print only failing checks. -n N: boot every chosen
# case N times instead of its VMR_BOOTS (a quick look: -n 1).
#
# The initramfs and the root image are built once per run and kernel (and
# reused across runs while their inputs are unchanged); one root image holds
# every case's check.sh and /sbin/init picks the one vmr.test= names.
#
# Env:
#   VMR_DESTDIR   staged install to test (make install DESTDIR=... PREFIX=/usr);
#                 default: this runner runs that into $VMR_BUILDDIR/destdir
#                 (with B=$VMR_BUILDDIR/obj). It must hold usr/bin/vmreserve:
#                 every case checks `vmreserve status` (the run fails without)
#   VMR_BUILDDIR  default build/initrd (see initrd/lib.sh); logs in its logs/
#   VMR_GENERATOR  dracut (default: the host's), dracut-ng or initramfs-tools
#                 (initrd/build-initramfs.sh); images and logs of another
#                 generator than dracut carry its name, the test-only
#                 initramfs-tools files come from initramfs-tools/, and the
#                 VM sees vmr.test.gen=GENERATOR on its command line;
#                 VMR_ITOOLS_SUITE=trixie: Debian 13's initramfs-tools;
#                 mkinitcpio (v41 from ../shared/vendor, initrd/build-initcpio.sh,
#                 test hook mkinitcpio/; VMR_INITCPIO_FLAVOUR): without the
#                 tarball the run prints one SKIP line and exits 0
#   VMR_DRACUT_FLAVOUR  systemd (default) or nosystemd initramfs
#   VMR_KERNEL_SUITE  the kernel for cases whose qemu.env names none
#   VMR_LOG_TAG   logs/CASE.TAG.log instead of logs/CASE.log (matrix.sh: the
#                 combination, so one combination's logs do not replace
#                 another's)
#   VMR_RESULTS   append one tab-separated line per boot to this file:
#                 generator, flavour, kernel, case, boot, pass|fail, seconds
#                 (tests/boot/matrix.sh collects them)
#   and everything initrd/run-qemu.sh reads (VMR_ACCEL, VMR_TIMEOUT, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"
initrd=$VMR_REPO/initrd
gen=${VMR_GENERATOR:-dracut}
# image and log name tag: none for the host's dracut (the names as before)
tag=
case $gen in
dracut) ;;
initramfs-tools) tag=-$gen${VMR_ITOOLS_SUITE:+-$VMR_ITOOLS_SUITE} ;;
dracut-ng) tag=-$gen-${VMR_DRACUT_FLAVOUR:-systemd} ;;
mkinitcpio)
	tag=-$gen-${VMR_INITCPIO_FLAVOUR:-udev}
	if [[ ! -f $(vmr_initcpio_tarball) ]]; then
		echo "1..0 # SKIP mkinitcpio: $(vmr_initcpio_tarball) is missing (vendored beside the repository, see tests/README.md)"
		exit 0
	fi
	;;
*) vmr_die "VMR_GENERATOR=$gen: want dracut, dracut-ng, initramfs-tools or mkinitcpio" ;;
esac
export VMR_GENERATOR=$gen

quiet=0
boots=
while [[ $# -gt 0 ]]; do
	case $1 in
	-q) quiet=1; shift ;;
	-n) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || vmr_die "-n wants a boot count"; boots=$2; shift 2 ;;
	-h|--help) sed -n '4,/^set -e/p' "$0" | grep -v '^# shellcheck' | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	-*) echo "usage: ${0##*/} [-q] [-n N] [CASE...]" >&2; exit 2 ;;
	*) break ;;
	esac
done

# --- which cases ---------------------------------------------------------------
cases=()
if [[ $# -eq 0 ]]; then
	for d in "$here"/TEST-*/; do
		[[ -f $d/check.sh ]] && cases+=("$(basename "$d")")
	done
else
	for a in "$@"; do
		a=$(basename "${a%/}")
		if [[ -f $here/$a/check.sh ]]; then
			cases+=("$a")
			continue
		fi
		m=()
		for d in "$here"/TEST-"$a"*/ "$here"/"$a"*/; do
			[[ -f $d/check.sh ]] && m+=("$(basename "$d")")
		done
		mapfile -t m < <(printf '%s\n' "${m[@]}" | sort -u | sed '/^$/d')
		[[ ${#m[@]} -eq 1 ]] || vmr_die "'$a' names ${#m[@]} cases (${m[*]:-none})"
		cases+=("${m[0]}")
	done
fi
[[ ${#cases[@]} -gt 0 ]] || vmr_die "no cases in $here"

# One run at a time per build directory (shared images and logs).
mkdir -p "$VMR_BUILDDIR/logs"
exec 9>"$VMR_BUILDDIR/.boot-test.lock"
if ! flock -n 9; then
	vmr_log "another boot test run holds $VMR_BUILDDIR; waiting"
	flock 9
fi

# --- build once ------------------------------------------------------------------
if [[ -z ${VMR_DESTDIR:-} ]]; then
	[[ -f $VMR_REPO/Makefile ]] || vmr_die "no Makefile: set VMR_DESTDIR to a staged install"
	VMR_DESTDIR=$VMR_BUILDDIR/destdir
	rm -rf "$VMR_DESTDIR"
	# B=: objects go under our build dir, not the developer's build/.
	vmr_log "make install DESTDIR=$VMR_DESTDIR PREFIX=/usr"
	make -C "$VMR_REPO" --no-print-directory B="$VMR_BUILDDIR/obj" \
		install DESTDIR="$VMR_DESTDIR" PREFIX=/usr >&2
fi
VMR_DESTDIR=$(vmr_abspath "$VMR_DESTDIR")
export VMR_DESTDIR
# Every case checks `vmreserve status` against the kernel: without the tool
# the run is broken, not skipped.
[[ -x $VMR_DESTDIR/usr/bin/vmreserve ]] ||
	vmr_die "$VMR_DESTDIR/usr/bin/vmreserve missing: make install must install the status tool (the boot tests run it in every case)"
export VMR_REQUIRE_TOOL=1

# What a case's qemu.env says of KEY (VMR_KERNEL_SUITE, VMR_BOOTS), else the
# environment's value.
case_setting() {
	(
		if [[ -f $here/$1/qemu.env ]]; then
			# shellcheck disable=SC1090,SC1091
			. "$here/$1/qemu.env"
		fi
		printf '%s\n' "${!2:-}"
	)
}

# Kernel and root image per kernel source ("" = the default), initramfs per
# kernel source and config file ("" = none), each built once.
declare -A kver_of initrd_of rootfs_of
# conf_key CASE: "" or the content hash of the case's vmreserve.conf
conf_key() {
	[[ -f $here/$1/vmreserve.conf ]] || return 0
	sha256sum <"$here/$1/vmreserve.conf" | cut -c1-12
}
build_for() {
	local suite=$1 conf=$2 ckey=${3:-} t t_kernel t_initramfs t_rootfs kver img
	if [[ -n ${kver_of[x$suite]:-} ]]; then
		[[ -n ${initrd_of[x$suite|$ckey]:-} ]] && return 0
		# another config file on a kernel already set up: its image only
		t=$(date +%s.%N)
		kver=${kver_of[x$suite]}
		img=$VMR_BUILDDIR/initramfs-$kver$image_tag-test-conf-$ckey.img
		initrd_of[x$suite|$ckey]=$(VMR_KVER=$kver VMR_CONF=$conf VMR_DRACUT_EXTRA=$here/dracut/49vmrtest \
			VMR_ITOOLS_EXTRA=$here/initramfs-tools VMR_INITCPIO_EXTRA=$here/mkinitcpio "$initrd/build-initramfs.sh" "$VMR_DESTDIR" "$img")
		echo "# initramfs with ${conf#"$VMR_REPO"/} as /etc/vmreserve.conf: $(vmr_elapsed "$t") s"
		return 0
	fi
	t=$(date +%s.%N)
	# A suite names its own kernel: a VMR_KVER from the environment is for
	# the default one.
	if [[ -n $suite ]]; then
		kver=$(env -u VMR_KVER VMR_KERNEL_SUITE="$suite" "$initrd/fetch-kernel.sh")
	else
		kver=$("$initrd/fetch-kernel.sh")
	fi
	t_kernel=$(vmr_elapsed "$t")
	t=$(date +%s.%N)
	# 49vmrtest: the kernel's state right before vmreserve's hook, for the
	# checks (/run/vmr-test/before).
	# initramfs-tools: the same, as init-top scripts (initramfs-tools/).
	initrd_of[x$suite|]=$(VMR_KVER=$kver VMR_CONF='' VMR_DRACUT_EXTRA=$here/dracut/49vmrtest \
		VMR_ITOOLS_EXTRA=$here/initramfs-tools VMR_INITCPIO_EXTRA=$here/mkinitcpio "$initrd/build-initramfs.sh" "$VMR_DESTDIR" \
		"$VMR_BUILDDIR/initramfs-$kver$image_tag-test.img")
	t_initramfs=$(vmr_elapsed "$t")
	t=$(date +%s.%N)
	rootfs_of[x$suite]=$(VMR_KVER=$kver "$initrd/build-rootfs.sh" "$VMR_BUILDDIR/rootfs-$kver.img" "$here")
	t_rootfs=$(vmr_elapsed "$t")
	kver_of[x$suite]=$kver
	echo "# kernel $kver${suite:+ ($suite)} (${t_kernel} s), initramfs ($gen) ${t_initramfs} s, rootfs ${t_rootfs} s"
	[[ -z $ckey ]] || build_for "$suite" "$conf" "$ckey"
}

# The image name's tag after the kernel version (the host's dracut: its
# flavour, as before), and the flavour in result lines.
flavour=${VMR_DRACUT_FLAVOUR:-systemd}
image_tag=${tag:--$flavour}
[[ $gen != initramfs-tools ]] || flavour=-
[[ $gen != mkinitcpio ]] || flavour=${VMR_INITCPIO_FLAVOUR:-udev}

# Every case's kernel and boot count, and the images, before the first boot.
suite_of=()
ckey_of=()
boots_of=()
must_see_of=()
total=0
for c in "${cases[@]}"; do
	s=$(case_setting "$c" VMR_KERNEL_SUITE)
	b=${boots:-$(case_setting "$c" VMR_BOOTS)}
	b=${b:-1}
	[[ $b =~ ^[1-9][0-9]*$ ]] || vmr_die "$c: VMR_BOOTS=$b is not a boot count"
	ms=$(case_setting "$c" VMR_MUST_SEE)
	[[ $ms =~ ^[a-z0-9\ -]*$ ]] || vmr_die "$c: VMR_MUST_SEE=$ms: want tags of a-z, 0-9 and -"
	k=$(conf_key "$c")
	suite_of+=("$s")
	ckey_of+=("$k")
	boots_of+=("$b")
	must_see_of+=("$ms")
	# shellcheck disable=SC2086 # one result line per tag
	total=$((total + b + $(set -- $ms; echo $#)))
	build_for "$s" "${k:+$here/$c/vmreserve.conf}" "$k"
done

# --- run -------------------------------------------------------------------------
passed=0
failed=0
n=0
echo "1..$total"
# boot CASE SUITE I N CONFKEY: boot CASE once (boot I of N) and print its
# result line.
boot() {
	local c=$1 suite=$2 i=$3 nb=$4 ckey=$5 dir=$here/$1 log args rc=0 child secs block why n_ok name
	n=$((n + 1))
	name=$c
	log=$VMR_BUILDDIR/logs/$c${VMR_LOG_TAG:+.$VMR_LOG_TAG}
	[[ -n ${VMR_LOG_TAG:-} ]] || log+=$tag
	if [[ $nb -gt 1 ]]; then
		name="$c boot $i/$nb"
		log=$log.$i
	fi
	log=$log.log
	args=
	if [[ -f $dir/cmdline ]]; then
		args=$(sed -e 's/#.*//' "$dir/cmdline" | tr '\n' ' ' | tr -s ' ')
	fi
	args="${args# } vmr.test=$c${tag:+ vmr.test.gen=$gen}"
	rm -f "$log" "$log.time" "$log.stderr"
	(
		if [[ -f $dir/qemu.env ]]; then
			set -a
			# shellcheck disable=SC1091
			. "$dir/qemu.env"
			set +a
		fi
		export VMR_KVER=${kver_of[x$suite]} VMR_INITRD=${initrd_of[x$suite|$ckey]} VMR_ROOTFS=${rootfs_of[x$suite]}
		exec "$initrd/run-qemu.sh" --log "$log" --append "$args"
	) 2>"$log.stderr" &
	child=$!
	# run-qemu.sh stops its QEMU on TERM: pass ours on, then stop.
	trap 'kill -TERM "$child" 2>/dev/null || :; wait "$child" || :; echo "# interrupted"; exit 130' INT TERM HUP
	wait "$child" || rc=$?
	trap - INT TERM HUP
	secs=$(cat "$log.time" 2>/dev/null || echo '?')

	touch "$log"
	block=$(vmr_result_block "$log")
	why=$(vmr_boot_verdict "$log" "$rc" "$block")
	# what this boot saw (VMR_MUST_SEE), from a complete block only
	if grep -qx '=== VMRESERVE-RESULT END ===' <<<"$block"; then
		while read -r t; do
			[[ -n $t ]] && seen_in[$t]=$((${seen_in[$t]:-0} + 1))
		done < <(sed -n 's/^seen - \([a-z0-9-]*\)$/\1/p' <<<"$block" | sort -u)
	fi
	n_ok=$(grep -c '^ok - ' <<<"$block" || true)

	if [[ $quiet == 1 || $i -gt 1 ]]; then
		# the checks of a repeated boot once; after that only failures
		grep -E '^(not ok - )' <<<"$block" | sed 's/^/    /' || true
	else
		grep -E '^(ok - |not ok - |seen - |# )' <<<"$block" | sed 's/^/    /' || true
	fi
	if [[ -n ${VMR_RESULTS:-} ]]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$gen" "$flavour" "${kver_of[x$suite]}" \
			"$c" "$i" "$([[ -z $why ]] && echo pass || echo fail)" "$secs" >>"$VMR_RESULTS"
	fi
	if [[ -z $why ]]; then
		passed=$((passed + 1))
		echo "ok $n - $name ($n_ok checks, ${secs} s, kernel ${kver_of[x$suite]}${tag:+, $gen})"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name: $why (${secs} s, kernel ${kver_of[x$suite]}${tag:+, $gen}; log $log)"
		if [[ -z $block ]]; then
			echo "    # last lines of the console:"
			tr -d '\r' <"$log" | tail -n 15 | sed 's/^/    #   /' || true
			sed 's/^/    # qemu: /' "$log.stderr" 2>/dev/null | grep -v 'has no peer' || true
		fi
	fi
}
# must_see CASE NBOOTS TAG: the result line of one VMR_MUST_SEE tag.
must_see() {
	local c=$1 nb=$2 t=$3 k=${seen_in[$3]:-0}
	n=$((n + 1))
	if [[ $k -gt 0 ]]; then
		passed=$((passed + 1))
		echo "ok $n - $c: '$t' seen in $k of $nb boots"
	else
		failed=$((failed + 1))
		echo "not ok $n - $c: '$t' seen in none of $nb boots (VMR_MUST_SEE: the case's window was never hit)"
	fi
}
for k in "${!cases[@]}"; do
	declare -A seen_in=()
	for ((i = 1; i <= boots_of[k]; i++)); do
		boot "${cases[k]}" "${suite_of[k]}" "$i" "${boots_of[k]}" "${ckey_of[k]}"
	done
	# shellcheck disable=SC2086 # the tags, one word each
	for t in ${must_see_of[k]}; do
		must_see "${cases[k]}" "${boots_of[k]}" "$t"
	done
	unset seen_in
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
