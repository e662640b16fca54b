#!/bin/sh
# Mutation check: tests/mutate.sh [LIST [NAME...]] (make mutate).
#
# Each entry of LIST (default tests/mutations; its header gives the format)
# is a small change to one file of src/ that breaks a rule: an exact line
# (or a few) replaced. The change is applied to a copy of the tree (src/,
# tests/, Makefile, modules.d/, initrd/ and the build's binaries, copied
# into a temporary directory; the worktree is never touched), the entry's
# suites run there, and the mutation is caught when one of them fails. A
# mutation that survives every suite is a gap in the tests.
#
# Prints a line per entry (caught NAME (by SUITE) / SURVIVED NAME / NOT
# FOUND NAME / BROKEN NAME) and a summary; exits 1 when any mutation
# survived, its original line is not in its file exactly once, or a suite
# could not run on the mutated copy (a compile error: a mutation must be a
# working program that is wrong; a case that does not exist). Caught means
# a test failed: a "not ok" case, a failed unit test. NAME... runs those
# entries only.
# Logs in the copy's mutate-logs/ (kept with KEEP=1; the path is printed).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
list=${1:-$top/tests/mutations}
[ $# -gt 0 ] && shift
case $list in /*) ;; *) list=$PWD/$list ;; esac
[ -f "$list" ] || { echo "mutate: no list $list" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmreserve-mutate.XXXXXX") || exit 2
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "# copy kept in $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM
copy=$tmp/tree
logs=$tmp/tree/mutate-logs
mkdir -p "$copy" "$logs"
(cd "$top" && cp -a Makefile src tests modules.d initrd "$copy/") || exit 2
# The build's binaries, mtimes kept: make rebuilds only what a mutation
# touches.
mkdir -p "$copy/build"
for _b in host model vmreserve-early vmreserve; do
	[ -e "$top/build/$_b" ] && cp -a "$top/build/$_b" "$copy/build/"
done
for _b in "$top"/build/test_*; do
	[ -e "$_b" ] && cp -a "$_b" "$copy/build/"
done

# build TARGET...: make in the copy; 1 when it fails.
build() {
	(cd "$copy" && nice make "$@") >>"$log" 2>&1
}

# suite SUITE [CASE...]: 0 when it passes on the copy, 1 when a test of it
# fails, 3 when it cannot run (a compile error, a case that is not there).
suite() {
	_s=$1
	shift
	case $_s in
	unit | fuzz-replay)
		build "$_s" && return 0
		# a failing test, or a compile error (gcc: "FILE:L:C: error:";
		# cmocka's failures have no column)?
		grep -qE '\.[ch]:[0-9]+:[0-9]+: (fatal )?error:' "$log" && return 3
		return 1
		;;
	fixtures | status)
		for _c in "$@"; do
			[ -f "$copy/tests/$_s/cases/$_c.sh" ] || {
				echo "mutate: no $_s case $_c" >>"$log"
				return 3
			}
		done
		if [ "$_s" = fixtures ]; then
			build build/model/vmreserve-early || return 3
			_r="tests/fixtures/run.sh build/model/vmreserve-early"
		else
			build build/host/vmreserve build/model/vmreserve-early || return 3
			_r="tests/status/run.sh build/host/vmreserve"
		fi
		# shellcheck disable=SC2086
		(cd "$copy" && $_r "$@") >"$log.run" 2>&1
		_rc=$?
		cat "$log.run" >>"$log"
		[ $_rc = 0 ] && return 0
		# caught: a case failed (not the runner itself)
		grep -q '^not ok' "$log.run" && return 1
		return 3
		;;
	*)
		echo "mutate: unknown suite '$_s'" >&2
		return 3
		;;
	esac
}

# apply FILE PAIRS: replace each PAIRS "from" line (odd lines) by the next
# line; every from line must be in FILE exactly once.
apply() {
	awk 'NR == FNR { if (FNR % 2) from[++n] = $0; else to[n] = $0; next }
	{
		for (i = 1; i <= n; i++)
			if ($0 == from[i]) { print to[i]; seen[i]++; next }
		print
	}
	END { for (i = 1; i <= n; i++) if (seen[i] != 1) exit 3 }' \
		"$2" "$copy/$1" >"$tmp/mutated" || return 1
	cat "$tmp/mutated" >"$copy/$1"
}

total=0 caught=0 bad=0
report=$tmp/report
: >"$report"

# run_entry: the entry read so far (name, file, pairs, runs).
run_entry() {
	[ -n "$name" ] || return 0
	if [ -n "$only" ]; then
		case " $only " in *" $name "*) ;; *) return 0 ;; esac
	fi
	total=$((total + 1))
	log=$logs/$name.log
	: >"$log"
	if ! apply "$file" "$tmp/pairs"; then
		echo "NOT FOUND $name: its original line is not in $file exactly once" | tee -a "$report"
		bad=$((bad + 1))
		return 0
	fi
	_by='' _broken=''
	while IFS= read -r _run; do
		# shellcheck disable=SC2086
		suite $_run
		case $? in
		0) ;;
		3) _broken=$_run; break ;;
		*) _by=$_run; break ;;
		esac
	done <"$tmp/runs"
	# Back to the original (a new mtime: the next build sees it).
	cat "$top/$file" >"$copy/$file"
	if [ -n "$_broken" ]; then
		echo "BROKEN $name: '$_broken' did not build or run (see $log)" | tee -a "$report"
		bad=$((bad + 1))
	elif [ -n "$_by" ]; then
		echo "caught $name (by $_by)"
		caught=$((caught + 1))
	else
		echo "SURVIVED $name: $why" | tee -a "$report"
		bad=$((bad + 1))
	fi
}

only="$*"
name='' file='' why=''
: >"$tmp/pairs"
: >"$tmp/runs"
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'name '*)
		run_entry
		name=${line#name }
		why=${name#*: }
		name=${name%%:*}
		file=''
		: >"$tmp/pairs"
		: >"$tmp/runs"
		;;
	'file '*) file=${line#file } ;;
	'- '*) printf '%s\n' "${line#- }" >>"$tmp/pairs" ;;
	'+ '*) printf '%s\n' "${line#+ }" >>"$tmp/pairs" ;;
	'run '*) printf '%s\n' "${line#run }" >>"$tmp/runs" ;;
	'#'* | '') ;;
	*) echo "mutate: cannot read list line: $line" >&2; exit 2 ;;
	esac
done <"$list"
run_entry

echo "# $caught of $total mutations caught"
if [ "$bad" -gt 0 ]; then
	echo "# not caught or not applied:"
	sed 's/^/#   /' "$report"
	KEEP=1
	exit 1
fi
exit 0
