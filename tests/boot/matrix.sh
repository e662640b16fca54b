#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/boot/matrix.sh [-q] [-n N] [-j LANES] [-t] [COMBO...]
#
# The boot matrix: the boot tests (tests/boot/run.sh) on every initramfs
# generator and kernel our users run. A combination is
#   GENERATOR[/FLAVOUR]@KERNEL
# GENERATOR dracut (the machine's dracut 059), dracut-ng (Debian trixie's
# dracut, see initrd/build-initramfs.sh), initramfs-tools or mkinitcpio
# (v41, vendored in ../shared/vendor, initrd/build-initcpio.sh); FLAVOUR
# systemd or nosystemd (dracut only), udev (mkinitcpio: HOOKS=(base
# vmreserve udev), the default); KERNEL 6.1 (Debian 12's linux-image-amd64) or
# 6.12 (bookworm-backports). Default: every combination below.
#
#   dracut/systemd@6.1       the full suite (every TEST-* case, each as often
#                            as its qemu.env says, cases pinned to another
#                            kernel on that kernel)
#   dracut/nosystemd@6.1     the matrix set (VMR_MATRIX_CASES)
#   dracut/nosystemd@6.12    "
#   dracut/systemd@6.12      "
#   initramfs-tools@6.1      "
#   initramfs-tools@6.12     "
#   dracut-ng/systemd@6.1    "
#   dracut-ng/systemd@6.12   "
#   mkinitcpio@6.1           "  (skipped, one line each, without
#   mkinitcpio@6.12          "   ../shared/vendor/mkinitcpio-41.tar.gz)
#   mkinitcpio/systemd@6.1   "  (HOOKS=(base systemd sd-vmreserve))
#
# The matrix set covers, in three boots per combination (several points per
# boot, each asserted on its own):
#   TEST-20-conf-slot-hp-malformed  the config file (/etc/vmreserve.conf in
#       the image: its entries add to the command line's, the command line's
#       scalar wins, a malformed line is named file:line and skipped), the
#       whole slot, 2M pages on node 0 with node 1 emptied (the kernel put
#       pages there at boot), malformed command-line keys
#   TEST-21-loaded-id  vendor:device selection with the host drivers bound
#       before the hook (rd.modules_load=, vmr.test.modules_first)
#   TEST-22-pin-refused  ADDR@VVVV:DDDD pinned to a card that is not there:
#       nothing taken, both ids named
#   deb/initramfs-tools@6.1  the Debian packages (make deb), installed with
#   deb/dracut-ng@6.1        dpkg in a copy of that generator's chroot, their
#                            trigger's image booted, purged, booted again
#                            (tests/boot/deb-cycle.sh: cases TEST-P1, TEST-P2
#                            in tests/boot/deb/); the .debs: VMR_DEB_DIR, else
#                            build/deb when no file of the tree is newer, else
#                            make deb, once before the lanes start
# initramfs-tools and mkinitcpio combinations also boot TEST-16-itools-order
# (VMR_MATRIX_ITOOLS_CASES): our hook ran before udevd started, which
# initramfs-tools decides by script names and mkinitcpio by the HOOKS
# order, not by design as dracut's pre-udev hook.
# A matrix case whose qemu.env pins another kernel than the combination's is
# skipped there (a "skip" result line), never booted on the wrong kernel.
#
# Each boot appends a line to build/boot-matrix/results.tsv (generator,
# flavour, kernel, case, boot, pass|fail|skip, seconds; emptied at the start
# of a run); each combination one line to build/boot-matrix/combos.tsv
# (combination, kernel, wall seconds including image builds, exit status).
# At the end the table (generator x kernel: cases, pass/fail, boot time) is
# printed and written to build/boot-matrix/table.md. Logs:
# build/initrd/logs/CASE.COMBO[.N].log (lane N > 0: build/initrd/lane-N/logs/).
#
# -q: run.sh -q (failing checks only). -n N: every case N times (run.sh -n).
# -j LANES: boot LANES combinations at a time (default VMR_MATRIX_JOBS or 1;
# make boot uses 2: QEMU runs TCG in one thread, so a 2-core machine can
# boot two VMs side by side). Each lane has its own build directory
# (build/initrd, build/initrd/lane-N) and log (build/boot-matrix/lane-N.log);
# the staged install, the kernels and the generators' chroots are made once
# before the lanes start. Each VM has 4 GiB of guest RAM (less is touched).
# -t: print the table of the last run again, boot nothing.
# Exit status 0 when every boot of every combination passed.
#
# Env: VMR_MATRIX_CASES (default "TEST-20 TEST-21 TEST-22": names or
#      prefixes as run.sh takes them), VMR_MATRIX_ITOOLS_CASES (default
#      TEST-16, added for initramfs-tools), VMR_MATRIX_DIR (default
#      build/boot-matrix), and everything run.sh reads (VMR_KERNEL_CACHE,
#      VMR_DESTDIR, VMR_TIMEOUT, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=initrd/lib.sh
. "$here/../../initrd/lib.sh"

all_combos=(dracut/systemd@6.1 dracut/nosystemd@6.1 dracut/nosystemd@6.12 dracut/systemd@6.12
	initramfs-tools@6.1 initramfs-tools@6.12 dracut-ng/systemd@6.1 dracut-ng/systemd@6.12
	mkinitcpio@6.1 mkinitcpio@6.12 mkinitcpio/systemd@6.1)
all_combos+=(deb/initramfs-tools@6.1 deb/dracut-ng@6.1)
full_combo=dracut/systemd@6.1
read -r -a matrix_cases <<<"${VMR_MATRIX_CASES:-TEST-20 TEST-21 TEST-22}"
read -r -a itools_cases <<<"${VMR_MATRIX_ITOOLS_CASES-TEST-16}"
out=${VMR_MATRIX_DIR:-$VMR_REPO/build/boot-matrix}

runargs=()
table_only=0
jobs=${VMR_MATRIX_JOBS:-1}
while [[ $# -gt 0 ]]; do
	case $1 in
	-q) runargs+=(-q); shift ;;
	-n) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || vmr_die "-n wants a boot count"; runargs+=(-n "$2"); shift 2 ;;
	-t) table_only=1; shift ;;
	-j) [[ ${2:-} =~ ^[1-9]$ ]] || vmr_die "-j wants a lane count (1-9)"; jobs=$2; shift 2 ;;
	-j[1-9]) jobs=${1#-j}; shift ;;
	-h|--help) sed -n '4,/^set -e/p' "$0" | grep -v '^# shellcheck' | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	-*) echo "usage: ${0##*/} [-q] [-n N] [-j LANES] [-t] [COMBO...]" >&2; exit 2 ;;
	*) break ;;
	esac
done
combos=("$@")
[[ ${#combos[@]} -gt 0 ]] || combos=("${all_combos[@]}")

# suite_of KERNEL: the fetch-kernel.sh suite ("" = the default kernel)
suite_of() {
	case $1 in
	6.1) echo "" ;;
	6.12) echo bookworm-backports ;;
	*) vmr_die "kernel '$1': want 6.1 or 6.12" ;;
	esac
}

# pinned_suite CASE: the VMR_KERNEL_SUITE its qemu.env sets ("" if none)
pinned_suite() {
	local d
	for d in "$here"/"$1"*/ "$here"/TEST-"$1"*/; do
		[[ -f $d/qemu.env ]] || continue
		(
			unset VMR_KERNEL_SUITE
			# shellcheck disable=SC1090,SC1091
			. "$d/qemu.env"
			printf '%s\n' "${VMR_KERNEL_SUITE:-}"
		)
		return 0
	done
	echo ""
}

# table: the results of the last run as a Markdown table, one row per
# combination (in the order run), from results.tsv and combos.tsv.
table() {
	[[ -f $out/combos.tsv ]] || vmr_die "no $out/combos.tsv: run the matrix first"
	echo "| generator | kernel | cases (boots) | result | seconds per boot: mean (min-max) | wall time, images included |"
	echo "| --- | --- | --- | --- | --- | --- |"
	local combo kernel wall rc
	while IFS=$'\t' read -r combo kernel wall rc; do
		awk -F'\t' -v combo="$combo" -v kernel="$kernel" -v wall="$wall" -v rc="$rc" '
			$8 != combo { next }
			{
				c = $4; sub(/^TEST-/, "", c); sub(/-.*/, "", c)
				if (!(c in n)) order[++nc] = c
				n[c]++
				# a case pinned to another kernel (the full suite: 6.12 cases)
				if ($6 != "skip" && match($3, /^[0-9]+\.[0-9]+/)) {
					if (substr($3, 1, RLENGTH) != kernel)
						other[c] = substr($3, 1, RLENGTH)
					else
						kver = $3
				}
				if ($6 == "pass") { pass++; t += $7; nt++; if (min == "" || $7 < min) min = $7; if ($7 > max) max = $7 }
				else if ($6 == "fail") { fail++; failed[c] = 1; t += $7; nt++ }
				else skip[c] = 1
			}
			END {
				list = ""
				for (i = 1; i <= nc; i++) {
					c = order[i]; s = c
					if (c in skip) s = s " skipped"
					else if (n[c] > 1) s = s " (" n[c] ")"
					if (c in other) s = s " on " other[c]
					if (c in failed) s = s " FAIL"
					list = list (i > 1 ? ", " : "") s
				}
				res = (fail ? pass "/" pass + fail " pass, " fail " FAIL" : pass "/" pass " pass")
				if (pass + fail == 0) res = (rc == 0 ? "skipped" : "nothing booted (exit " rc ")")
				else if (rc != 0 && !fail) res = res " (exit " rc ")"
				times = nt ? sprintf("%.0f (%.0f-%.0f)", t / nt, min, max) : "-"
				gen = combo; sub(/@.*/, "", gen)
				sub(/^dracut\//, "dracut 059, ", gen); sub(/^dracut-ng\//, "dracut-ng, ", gen)
				sub(/^mkinitcpio$/, "mkinitcpio 41, udev hook", gen); sub(/^mkinitcpio\//, "mkinitcpio 41, ", gen)
				sub(/^deb\//, "Debian packages, ", gen)
				printf "| %s | %s | %s | %s | %s | %d min %02d s |\n", gen, kver ? kver : kernel, list, res, times,
					int(wall / 60), int(wall) % 60
			}' "$out/results.tsv"
	done <"$out/combos.tsv"
}

# --- lanes ---------------------------------------------------------------------
# combo_cost COMBO: the combination's estimated seconds on a lane, from the
# tables below: boots x cost_boot + images x its generator's image time.
# A generator not in cost_image (a new one) gets cost_image_default; a
# combination whose boots or images the rule below does not see (package
# cycles, ...) can name its own seconds in cost_combo. Estimates only order
# the work (see run_lanes): a wrong one costs balance, never a boot.
declare -A cost_image=([dracut]=45 [dracut-ng]=30 [initramfs-tools]=105 [mkinitcpio]=45)
declare -A cost_combo=([deb/initramfs-tools@6.1]=180 [deb/dracut-ng@6.1]=170)
cost_boot=45 cost_image_default=60
combo_cost() {
	local combo=$1 g=${1%%[/@]*} boots=0 images=1 c b d
	if [[ -n ${cost_combo[$combo]:-} ]]; then
		echo "${cost_combo[$combo]}"
		return 0
	fi
	if [[ $combo == "$full_combo" ]]; then
		# every case as often as its qemu.env says; an image per kernel
		# and per config file, a root image per kernel
		images=4
		for d in "$here"/TEST-*/; do
			[[ -f $d/check.sh ]] || continue
			b=1
			[[ ! -f $d/qemu.env ]] || b=$(. "$d/qemu.env"; echo "${VMR_BOOTS:-1}")
			boots=$((boots + b))
			[[ ! -f $d/vmreserve.conf ]] || images=$((images + 1))
		done
	else
		boots=${#matrix_cases[@]}
		[[ $g != initramfs-tools && $g != mkinitcpio ]] || boots=$((boots + ${#itools_cases[@]}))
		for c in "${matrix_cases[@]}"; do
			for d in "$here"/"$c"*/ "$here"/TEST-"$c"*/; do
				[[ -f $d/vmreserve.conf ]] && images=$((images + 1)) && break
			done
		done
	fi
	echo $((boots * cost_boot + images * ${cost_image[$g]:-$cost_image_default}))
}

# run_lanes: the combinations on $jobs lanes, each lane its own build
# directory (build/initrd, build/initrd/lane-N: run.sh allows one run per
# build directory and caches its images there) and log. The combinations
# wait in one queue, longest estimate first (combo_cost); a lane that is
# free takes the next, so a lane that finishes early takes more work and a
# wrong estimate costs little. Sets pids (the lanes).
run_lanes() {
	# (part.*: removed with the other parts)
	local k l order=() queue=$out/part.queue
	mapfile -t order < <(for k in "${!combos[@]}"; do
		printf '%s %s\n' "$(combo_cost "${combos[k]}")" "$k"
	done | sort -k1,1nr -k2,2n | cut -d' ' -f2)
	echo "# lanes: $jobs; longest first (estimated seconds):$(for k in "${order[@]}"; do
		printf ' %s (%s)' "${combos[k]}" "$(combo_cost "${combos[k]}")"; done)"
	printf '%s\n' "${order[@]}" >"$queue"
	pids=()
	for ((l = 0; l < jobs; l++)); do
		(
			child=
			trap '[[ -z $child ]] || kill -TERM "$child" 2>/dev/null || :; wait || :; exit 130' INT TERM HUP
			[[ $l == 0 ]] || export VMR_BUILDDIR=$VMR_BUILDDIR/lane-$l
			while :; do
				# take the queue's first line (under a lock of its own:
				# sed -i replaces the queue file)
				k=$(flock "$queue.lock" sh -c 'k=$(head -n1 "$1") && [ -n "$k" ] && sed -i 1d "$1" && echo "$k"' sh "$queue") ||
					break
				echo "# lane $l takes ${combos[k]}"
				run_combo "$k"
			done
		) >"$out/lane-$l.log" 2>&1 &
		pids+=($!)
		echo "# lane $l: log $out/lane-$l.log"
	done
}

if [[ $table_only == 1 ]]; then
	table
	exit 0
fi

# parse COMBO: sets gen, flav, kernel, suite, tag
parse_combo() {
	# the Debian packages' cycle (deb-cycle.sh): flav is the generator
	if [[ $1 =~ ^deb/(initramfs-tools|dracut-ng)@(6\.1|6\.12)$ ]]; then
		gen=deb flav=${BASH_REMATCH[1]} kernel=${BASH_REMATCH[2]}
		suite=$(suite_of "$kernel")
		tag=deb-$flav-$kernel
		return 0
	fi
	[[ $1 =~ ^(dracut|dracut-ng|initramfs-tools|mkinitcpio)(/(systemd|nosystemd|udev))?@(6\.1|6\.12)$ ]] ||
		vmr_die "combination '$1': want GENERATOR[/FLAVOUR]@KERNEL (e.g. dracut/nosystemd@6.12)"
	gen=${BASH_REMATCH[1]}
	flav=${BASH_REMATCH[3]:-}
	kernel=${BASH_REMATCH[4]}
	[[ $gen == initramfs-tools && -n $flav ]] && vmr_die "$1: initramfs-tools has no flavour"
	[[ $gen == mkinitcpio && -z $flav ]] && flav=udev
	[[ $gen == mkinitcpio || $flav != udev ]] || vmr_die "$1: udev is mkinitcpio's flavour"
	[[ $gen != mkinitcpio || $flav != nosystemd ]] || vmr_die "$1: mkinitcpio's flavours are udev and systemd"
	[[ $gen != initramfs-tools && -z $flav ]] && flav=systemd
	suite=$(suite_of "$kernel")
	tag=${1//\//-}
	tag=${tag/@/-}
}

# run_combo K: boot combination K (its run.sh output on stdout); its result
# lines go to $out/part.K.tsv, its combos.tsv line to $out/part.K.combo.
run_combo() {
	local combo=${combos[$1]} res=$out/part.$1.tsv cases=() set_cases label c p t rc=0 wall
	parse_combo "$combo"
	: >"$res"
	if [[ $gen == deb ]]; then
		label="packages: install, boot, purge, boot"
	elif [[ $combo == "$full_combo" ]]; then
		label="full suite"
	else
		label="matrix set"
		set_cases=("${matrix_cases[@]}")
		[[ $gen != initramfs-tools && $gen != mkinitcpio ]] || set_cases+=("${itools_cases[@]}")
		for c in "${set_cases[@]}"; do
			p=$(pinned_suite "$c")
			if [[ -n $p && $p != "$suite" ]]; then
				echo "# $combo: $c skipped (its qemu.env pins VMR_KERNEL_SUITE=$p)"
				printf '%s\t%s\t%s\t%s\t1\tskip\t0\n' "$gen" "${flav:--}" "$kernel" "$c" >>"$res"
				continue
			fi
			cases+=("$c")
		done
	fi
	echo "# === $combo: $label ==="
	# mkinitcpio is vendored beside the repository: without it, skipped
	if [[ $gen == mkinitcpio && ! -f $(vmr_initcpio_tarball) ]]; then
		echo "# $combo: skipped: $(vmr_initcpio_tarball) is missing (mkinitcpio v41 is not in the repository)"
		for c in "${cases[@]}"; do
			printf '%s\t%s\t%s\t%s\t1\tskip\t0\n' "$gen" "$flav" "$kernel" "$c" >>"$res"
		done
		printf '%s\t%s\t0\t0\n' "$combo" "$kernel" >"$out/part.$1.combo"
		return 0
	fi
	t=$(date +%s.%N)
	if [[ $gen == deb ]]; then
		VMR_RESULTS=$res VMR_KERNEL_SUITE=$suite VMR_LOG_TAG=$tag "$here/deb-cycle.sh" "$flav" &
		child=$!
		wait "$child" || rc=$?
		child=
	elif [[ $label == "full suite" || ${#cases[@]} -gt 0 ]]; then
		# in the background, so a TERM to this lane reaches run.sh (it stops
		# its QEMU) at once
		VMR_RESULTS=$res VMR_GENERATOR=$gen VMR_DRACUT_FLAVOUR=$flav VMR_INITCPIO_FLAVOUR=$flav VMR_KERNEL_SUITE=$suite \
			VMR_LOG_TAG=$tag "$here/run.sh" "${runargs[@]}" "${cases[@]}" &
		child=$!
		wait "$child" || rc=$?
		child=
	fi
	wall=$(vmr_elapsed "$t")
	printf '%s\t%s\t%s\t%s\n' "$combo" "$kernel" "$wall" "$rc" >"$out/part.$1.combo"
	echo "# === $combo: exit $rc, ${wall} s ==="
}

for combo in "${combos[@]}"; do
	parse_combo "$combo"
done
mkdir -p "$out"
rm -f "$out"/part.*
start=$(date +%s.%N)

# --- what every lane shares, made once: the staged install, the kernels, the
# generators' chroots (no two lanes fetch or make the same thing at once)
if [[ -z ${VMR_DESTDIR:-} ]]; then
	VMR_DESTDIR=$VMR_BUILDDIR/destdir
	rm -rf "$VMR_DESTDIR"
	vmr_log "make install DESTDIR=$VMR_DESTDIR PREFIX=/usr"
	make -C "$VMR_REPO" --no-print-directory B="$VMR_BUILDDIR/obj" \
		install DESTDIR="$VMR_DESTDIR" PREFIX=/usr >&2
fi
export VMR_DESTDIR
VMR_CHROOT_CACHE=$(vmr_abspath "${VMR_CHROOT_CACHE:-$VMR_BUILDDIR/chroot}")
VMR_KERNEL_CACHE=$(vmr_abspath "$VMR_KERNEL_CACHE")
export VMR_CHROOT_CACHE VMR_KERNEL_CACHE
declare -A seen
for combo in "${combos[@]}"; do
	parse_combo "$combo"
	if [[ -z ${seen[k$suite]:-} ]]; then
		seen[k$suite]=1
		t=$(date +%s.%N)
		kv=$(env -u VMR_KVER VMR_KERNEL_SUITE="$suite" "$VMR_REPO/initrd/fetch-kernel.sh")
		echo "# kernel $kv${suite:+ ($suite)}: $(vmr_elapsed "$t") s"
	fi
	cgen=$gen
	[[ $gen != deb ]] || cgen=$flav
	if [[ $cgen != dracut && $cgen != mkinitcpio && -z ${seen[g$cgen]:-} ]]; then
		seen[g$cgen]=1
		t=$(date +%s.%N)
		"$VMR_REPO/initrd/chroot.sh" "$cgen" >/dev/null
		echo "# $cgen chroot: $(vmr_elapsed "$t") s"
	fi
	if [[ $gen == deb && -z ${VMR_DEB_DIR:-} ]]; then
		t=$(date +%s.%N)
		VMR_DEB_DIR=$("$here/deb-cycle.sh" --debs)
		export VMR_DEB_DIR
		echo "# packages in $VMR_DEB_DIR: $(vmr_elapsed "$t") s"
	fi
done
# the full suite boots 6.12 cases too
if [[ " ${combos[*]} " == *" $full_combo "* && -z ${seen[kbookworm-backports]:-} ]]; then
	env -u VMR_KVER VMR_KERNEL_SUITE=bookworm-backports "$VMR_REPO/initrd/fetch-kernel.sh" >/dev/null
fi

# --- the combinations, on JOBS lanes --------------------------------------------
# One lane: in order, output as it comes. More: run_lanes.
child=
if [[ $jobs -le 1 ]]; then
	trap '[[ -z $child ]] || kill -TERM "$child" 2>/dev/null || :; wait || :; exit 130' INT TERM HUP
	for k in "${!combos[@]}"; do
		run_combo "$k"
	done
else
	run_lanes
	trap 'kill -TERM "${pids[@]}" 2>/dev/null || :; wait || :; exit 130' INT TERM HUP
	for p in "${pids[@]}"; do
		wait "$p" || :
	done
	trap - INT TERM HUP
	for ((l = 0; l < jobs; l++)); do
		grep -E '^(# ===|not ok|ok [0-9]|    not ok|[0-9]+ passed)' "$out/lane-$l.log" | sed "s/^/lane $l: /" || :
	done
fi

# --- results --------------------------------------------------------------------
rc_all=0
: >"$out/results.tsv"
: >"$out/combos.tsv"
for k in "${!combos[@]}"; do
	if [[ ! -f $out/part.$k.combo ]]; then
		printf '%s\t%s\t0\tnot run\n' "${combos[k]}" "${combos[k]#*@}" >>"$out/combos.tsv"
		rc_all=1
		continue
	fi
	# the combination in column 8, for the table
	awk -v c="${combos[k]}" '{ print $0 "\t" c }' "$out/part.$k.tsv" >>"$out/results.tsv"
	cat "$out/part.$k.combo" >>"$out/combos.tsv"
	[[ $(cut -f4 "$out/part.$k.combo") == 0 ]] || rc_all=1
done
rm -f "$out"/part.*
total=$(vmr_elapsed "$start")
{
	table
	echo
	echo "Whole matrix: $(awk -v t="$total" 'BEGIN { printf "%d min %02d s", t / 60, t % 60 }') wall time, $jobs lane(s), on $(nproc) CPUs, $(date -u +%Y-%m-%d)."
} | tee "$out/table.md"
exit "$rc_all"
