#!/bin/bash
# SPDX-License-Identifier: MIT
#
# size.sh OUTDIR: what vmreserve-early costs in an initramfs, on disk
# (`make bench`, issue 5 item 1).
#
# Measures, in bytes of the stripped files:
#   klcc   build/vmreserve-early as the Makefile builds it (static klibc);
#   musl   the same sources (the Makefile's EARLY_SRC) with the same flags
#          (the Makefile's KLFLAGS, plus -D_DEFAULT_SOURCE, which klibc does
#          not need but musl and glibc do), static, with musl-gcc;
#   glibc  the same with gcc, static against glibc;
#   tool   a stripped copy of build/vmreserve, the status tool (dynamic,
#          libkmod), for reference: it never goes into the initramfs;
#   shell route  what a POSIX-sh hook doing the same work would put in the
#          initramfs: the shell (dash, Debian's /bin/sh; and bash, which
#          dracut's systemd flavour uses when present) and modprobe (kmod),
#          plus their shared libraries (from ldd, symlinks followed,
#          each real file counted once). libc.so and ld-linux are shared with
#          everything else in the initramfs, so each total is also given
#          without them. vmreserve-early runs modprobe too (the dracut module
#          installs it), so kmod and its libraries are a cost of both routes:
#          the total without libc and without kmod's share is what the shell
#          route adds over ours.
# Not shown by the figures: a dracut initramfs holds a shell anyway (its
# hooks, ours included, are shell scripts).
#
# The point is to know what the klibc build buys over musl or glibc, and
# how the static binary compares with the tools a shell hook would pull in.
# Writes OUTDIR/size.json:
#   {"klcc":{"bytes":N},"musl":{"bytes":N},"glibc":{"bytes":N},
#    "shell_route":{"bytes":N,"bytes_without_libc":N,
#                   "bytes_without_libc_kmod":N,
#                   "files":[{"path":P,"bytes":N,"role":R},...]},
#    "shell_route_bash":{...same...},"tool":{"bytes":N}}
# (shell_route is the dash route; role is shell, modprobe, libc, or
# lib:ROLE for another library, ROLE being the first file that needs it)
# and prints a summary. Needs musl-gcc (musl-tools), libc6-dev, jq,
# ldd: initrd/install-deps.sh bench installs them.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

die() { echo "$0: error: $*" >&2; exit 1; }

command -v jq >/dev/null 2>&1 ||
	die "jq not found: apt-get install jq (or initrd/install-deps.sh bench)"
command -v musl-gcc >/dev/null 2>&1 ||
	die "musl-gcc not found: install the Debian package musl-tools" \
	    "(apt-get install musl-tools, or initrd/install-deps.sh bench)"
command -v gcc >/dev/null 2>&1 || die "gcc not found: apt-get install gcc"
# gcc prints the bare name back when it has no such file.
[[ $(gcc -print-file-name=libc.a) == /* ]] ||
	die "no static glibc (libc.a): apt-get install libc6-dev"

mk() { make -s --no-print-directory -C "$top" "$@"; }

# ---------------------------------------------------------------- builds

mk early tool
read -r -a src <<<"$(mk print-EARLY_SRC)"
read -r -a klflags <<<"$(mk print-KLFLAGS) $(mk print-EARLY_INC)"
[[ ${#src[@]} -gt 0 && ${#klflags[@]} -gt 0 ]] ||
	die "could not read EARLY_SRC/KLFLAGS from the Makefile"

cp "$top/build/vmreserve-early" "$out/vmreserve-early.klcc"

# build NAME CC: the early binary from the same sources, relative paths as
# in the Makefile (they can end up in the binary through __FILE__).
build() {
	local name=$1 cc=$2
	if ! (cd "$top" && "$cc" -D_DEFAULT_SOURCE "${klflags[@]}" \
		-o "$out/vmreserve-early.$name" "${src[@]}"); then
		die "the early binary does not build with $cc (see above)"
	fi
}
build musl musl-gcc
build glibc gcc

# KLFLAGS has -s; strip again in case a toolchain left something.
strip "$out/vmreserve-early.musl" "$out/vmreserve-early.glibc"
strip -o "$out/vmreserve.stripped" "$top/build/vmreserve"

bytes() { stat -c %s -- "$1"; }
klcc=$(bytes "$out/vmreserve-early.klcc")
musl=$(bytes "$out/vmreserve-early.musl")
glibc=$(bytes "$out/vmreserve-early.glibc")
tool=$(bytes "$out/vmreserve.stripped")

# ---------------------------------------------------------------- shell route

# which NAME...: the first NAME found on PATH or in the sbin dirs, resolved.
which_real() {
	local n p
	for n in "$@"; do
		p=$(PATH=$PATH:/usr/sbin:/sbin command -v "$n" 2>/dev/null) || continue
		readlink -f -- "$p"
		return 0
	done
	die "none of: $* found (apt-get install dash bash kmod coreutils)"
}

# route SHELL: JSON of the files a hook run by SHELL needs, each real file
# once: SHELL, modprobe and their libraries (tests/bench/sh-hook.sh reads
# sysfs with the shell's own `read`; dracut's getargs does too).
route() {
	local -A seen=()
	local lines="" bin bin_role role lib real
	local bins=("$1:shell" "$(which_real modprobe):modprobe")
	for bin in "${bins[@]}"; do
		bin_role=${bin##*:}
		bin=${bin%:*}
		if [[ -z ${seen[$bin]:-} ]]; then
			seen[$bin]=1
			lines+="$bin	$(bytes "$bin")	$bin_role"$'\n'
		fi
		# "libx.so.1 => /lib/.../libx.so.1 (0x...)" and the bare
		# "/lib64/ld-linux-x86-64.so.2 (0x...)"; linux-vdso has no file.
		while read -r lib; do
			real=$(readlink -f -- "$lib")
			[[ -n ${seen[$real]:-} ]] && continue
			seen[$real]=1
			case ${real##*/} in
			libc.so* | libc-*.so | ld-linux*) role=libc ;;
			*) role=lib:${bin_role} ;;
			esac
			lines+="$real	$(bytes "$real")	$role"$'\n'
		done < <(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
		                           $1 ~ /^\// { print $1 }')
	done
	printf '%s' "$lines" | jq -R -s '
		[split("\n")[] | select(length > 0) | split("\t")
		 | {path: .[0], bytes: (.[1] | tonumber), role: .[2]}] as $f
		| {bytes: ($f | map(.bytes) | add),
		   bytes_without_libc: ($f | map(select(.role != "libc") | .bytes) | add),
		   bytes_without_libc_kmod: ($f | map(select(.role
		       | IN("libc", "modprobe", "lib:modprobe") | not) | .bytes) | add),
		   files: $f}'
}

dash_route=$(route "$(which_real dash)")
bash_route=$(route "$(which_real bash)")

jq -n --argjson klcc "$klcc" --argjson musl "$musl" --argjson glibc "$glibc" \
	--argjson tool "$tool" --argjson dash "$dash_route" --argjson bash "$bash_route" '
	{klcc: {bytes: $klcc}, musl: {bytes: $musl}, glibc: {bytes: $glibc},
	 shell_route: $dash, shell_route_bash: $bash, tool: {bytes: $tool}}' \
	>"$out/size.json.tmp"
mv "$out/size.json.tmp" "$out/size.json"

# ---------------------------------------------------------------- summary

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
# route_lines TITLE ALL WITHOUT_LIBC WITHOUT_LIBC_KMOD: one route's three sums.
route_lines() {
	printf '  %-46s %9d bytes  %s klcc\n' "$1" "$2" "$(ratio "$2" "$klcc")"
	printf '  %-46s %9d bytes  %s klcc\n' "  without libc/ld-linux" "$3" "$(ratio "$3" "$klcc")"
	printf '  %-46s %9d bytes  %s klcc\n' "  without libc and kmod + its libs" "$4" "$(ratio "$4" "$klcc")"
}

jq -r '(.shell_route, .shell_route_bash)
       | .bytes, .bytes_without_libc, .bytes_without_libc_kmod' \
	"$out/size.json" | {
	read -r dash_all; read -r dash_nolibc; read -r dash_own
	read -r bash_all; read -r bash_nolibc; read -r bash_own
	printf 'vmreserve-early, static and stripped, same sources and flags:\n'
	printf '  %-46s %9d bytes\n' "klcc (klibc)" "$klcc"
	printf '  %-46s %9d bytes  musl static is %s klcc\n' "musl-gcc (musl)" \
		"$musl" "$(ratio "$musl" "$klcc")"
	printf '  %-46s %9d bytes  glibc static is %s klcc\n' "gcc (glibc)" \
		"$glibc" "$(ratio "$glibc" "$klcc")"
	printf 'shell route (files below), against vmreserve-early (klcc) alone:\n'
	route_lines "sh route (dash + kmod modprobe + libs)" "$dash_all" "$dash_nolibc" "$dash_own"
	route_lines "bash route (bash + kmod modprobe + libs)" "$bash_all" "$bash_nolibc" "$bash_own"
}

jq -r '[.shell_route.files[], .shell_route_bash.files[]]
       | unique_by(.path) | sort_by(.role, .path)[]
       | "    \(.bytes | tostring | (" " * (9 - length)) + .)  \(.role
         | . + " " * (13 - length))\(.path)"' \
	"$out/size.json"
printf '  %-46s %9d bytes  (status tool, stripped; not in the initramfs)\n' \
	"build/vmreserve" "$tool"
printf 'note: vmreserve-early runs modprobe too (so kmod is needed either way),\n'
printf '      and a dracut initramfs holds a shell anyway\n'
printf 'written: %s\n' "$out/size.json"
