#!/bin/sh
# Runs one libFuzzer target: run.sh NAME BINARY WORKDIR LIMIT...
# NAME picks the seed corpus under tests/fuzz/ (read only) and the
# target's options; what the fuzzer finds goes to WORKDIR/corpus, a
# crashing input to WORKDIR/ (add it to the seed corpus once fixed).
# LIMIT: libFuzzer's -runs=N or -max_total_time=S. Prints one summary
# line "fuzz NAME: RUNS runs in SECS s, CRASHES crash(es)"; exits 1 on a
# crash.
set -u
[ $# -ge 4 ] || { echo "usage: $0 NAME BINARY WORKDIR LIMIT..." >&2; exit 2; }
name=$1 bin=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
case $name in
cmdline) seeds=$here/corpus; set -- "$@" ;;
record) seeds=$here/record-corpus ;;
domain) seeds=$here/domain-corpus
	set -- "$@" -max_len=8192 "-dict=$here/domain.dict" ;;
names) seeds=$here/names-corpus ;;
kmsg) seeds=$here/kmsg-corpus; set -- "$@" -max_len=16384 ;;
*) echo "$0: unknown target $name" >&2; exit 2 ;;
esac
mkdir -p "$work/corpus"
"$bin" "$@" "-artifact_prefix=$work/" "$work/corpus" "$seeds" \
	>"$work/log" 2>&1
rc=$?
# libFuzzer's last line: "Done 1000000 runs in 63 second(s)"; a crash
# ends the run before it (its stats line says how many ran).
runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 \2/p' "$work/log")
if [ $rc -eq 0 ] && [ -n "$runs" ]; then
	set -- $runs
	echo "fuzz $name: $1 runs in $2 s, 0 crashes"
	exit 0
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
echo "fuzz $name: ${runs:-?} runs, 1 crash (exit $rc): see $work/log"
exit 1
