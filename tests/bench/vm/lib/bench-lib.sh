# SPDX-License-Identifier: MIT
# Helpers for the bench cases (busybox sh, sourced before check.sh). A case
# prints "ok - ..." / "not ok - ..." lines like a boot test, and its figures
# as "bench KEY=VALUE ..." lines, which tests/bench/run.sh collects.

VMR_STATE=/run/vmreserve/state

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
expect() { # expect DESC GOT WANT
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1: got '$2', want '$3'"; fi
}

# kernel argument value: arg NAME (vmrbench.late=...)
arg() {
	for _w in $(cat /proc/cmdline); do
		case $_w in "$1="*) echo "${_w#*=}"; return 0 ;; esac
	done
	return 1
}

state_get() {
	[ -f "$VMR_STATE" ] || return 1
	_l=$(grep -m1 "^$1=" "$VMR_STATE") || return 1
	echo "${_l#*=}"
}

hp_nr() { cat "/sys/devices/system/node/node$1/hugepages/hugepages-${2}kB/nr_hugepages"; }
node_kb() { awk -v f="$2:" '$3 == f { print $4 }' "/sys/devices/system/node/node$1/meminfo"; }
driver_of() { _d=$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null) && echo "${_d##*/}" || echo none; }

# Kernel-log timestamps in microseconds, from dmesg's "[   s.uuuuuu] msg".
# mark_us TEXT: first line containing TEXT. pair_sum_us START END: summed
# time of all START..END pairs.
mark_us() {
	dmesg | awk -v m="$1" 'index($0, m) {
		s = $0; sub(/^\[ */, "", s); sub(/\].*/, "", s)
		split(s, a, "."); printf "%d\n", a[1] * 1000000 + a[2]; exit }'
}
pair_sum_us() {
	dmesg | awk -v b="$1" -v e="$2" '
		function t(s) { sub(/^\[ */, "", s); sub(/\].*/, "", s); split(s, a, "."); return a[1] * 1000000 + a[2] }
		index($0, b) { t0 = t($0) }
		index($0, e) { sum += t($0) - t0 }
		END { printf "%d\n", sum }'
}

# Node 0's pageblocks (vmrbench-mem pbmap), its pageblocks per migratetype
# (/proc/pagetypeinfo "Number of blocks type", summed over the node's
# zones) and its free memory, as key=value words: pb PREFIX
pb() {
	vmrbench-mem pbmap 0 | sed -n "s/^pb node=0 //p" | tr ' ' '\n' | sed "s/^/$1/" | tr '\n' ' '
	awk -v p="$1" '/^Number of blocks type/ { for (i = 5; i <= NF; i++) t[i] = $i; h = 1; next }
		h && $1 == "Node" && $2 == "0," { for (i = 5; i <= NF; i++) s[t[i]] += $i }
		END { for (k in s) printf "%spt_%s=%d ", p, k, s[k] }' /proc/pagetypeinfo
	echo "${1}free_kb=$(node_kb 0 MemFree)"
}
# a word of vmrbench-mem hp's line ("hp ... obtained=N ... write_us=T"):
# hpget KEY LINE
hpget() { echo "$2" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
