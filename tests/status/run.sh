#!/bin/sh
# Fixture tests for the status tool: run.sh BINARY [CASE...]
#
# Every case is a file tests/status/cases/NAME.sh (see README) naming a tree
# from tests/fixtures/trees/, the kernel command line the host booted with,
# and what `vmreserve` must say about it. Trees are built once per run into
# build/status/TAG/trees/, then copied fresh for each case. A case may first
# run the early binary on its copy (as the initramfs did at boot, with
# tests/fixtures/fake-modprobe registering vfio-pci and the kernel model of
# the model build binding the devices), then adjust the copy to
# what the kernel shows after boot, then the tool runs with --sysroot on it.
# Prints "ok N - NAME" or "not ok N - NAME" with what differed, then
# "N passed, N failed"; exits 1 when a case failed.
#
# Env: VMR_EARLY  the early binary (default build/model/vmreserve-early)
set -u

usage() {
	echo "usage: $0 BINARY [CASE...]" >&2
	exit 2
}
[ $# -ge 1 ] || usage
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck disable=SC2034 # the cases source $fixtures/lib.sh
fixtures=$top/tests/fixtures
# shellcheck source=tests/fixtures/harness.sh
. "$top/tests/fixtures/harness.sh"
harness_parallel "$0" "$@"
harness_init status "$1"
shift
early_bin=${VMR_EARLY:-$top/build/model/vmreserve-early}
command -v jq >/dev/null 2>&1 || { echo "$0: jq is needed" >&2; exit 2; }

# ------------------------------------------------------- the booted kernel
# After the initramfs, nothing has used the pages the early binary reserved
# yet: free_hugepages = nr_hugepages, and the node's MemFree has lost what
# the new pages took. The fixture's files only hold what was written, so
# play the kernel: for every node and size whose nr_hugepages changed.
# settle_hugepages TREE SNAPSHOT_DIR
snap_hugepages() {
	mkdir -p "$2"
	for _h in "$1"/sys/devices/system/node/node*/hugepages/hugepages-*kB; do
		[ -f "$_h/nr_hugepages" ] || continue
		_n=${_h%/hugepages/*}
		_k="${_n##*/}.${_h##*/hugepages-}"
		cat "$_h/nr_hugepages" >"$2/$_k"
	done
}
settle_hugepages() {
	for _h in "$1"/sys/devices/system/node/node*/hugepages/hugepages-*kB; do
		[ -f "$_h/nr_hugepages" ] || continue
		_nd=${_h%/hugepages/*}
		_kb=${_h##*/hugepages-}
		_kb=${_kb%kB}
		_k="${_nd##*/}.${_h##*/hugepages-}"
		_old=$(cat "$2/$_k" 2>/dev/null) || continue
		_new=$(cat "$_h/nr_hugepages")
		[ "$_old" = "$_new" ] && continue
		_free=$(cat "$_h/free_hugepages")
		echo $((_free + _new - _old)) >"$_h/free_hugepages"
		_d=$(((_new - _old) * _kb))
		awk -v d="$_d" -v two="$([ "$_kb" = 2048 ] && echo 1)" -v n="$_new" \
			-v dn="$((_new - _old))" '
			/MemFree:/ { sub(/[0-9]+ kB/, sprintf("%d kB", $4 - d)) }
			/MemUsed:/ { sub(/[0-9]+ kB/, sprintf("%d kB", $4 + d)) }
			two && /HugePages_Total:/ { sub(/[0-9]+$/, n) }
			two && /HugePages_Free:/ { sub(/[0-9]+$/, $4 + dn) }
			{ print }' "$_nd/meminfo" >"$_nd/meminfo.new" &&
			mv "$_nd/meminfo.new" "$_nd/meminfo"
	done
}

# ------------------------------------------------------------ expectations
mode=setup

# What the checks look at: the main run's stdout, or the last `again`.
subject=
subject_rc=
subject_err=

# nobody_tree: prints a fresh world-readable directory holding a copy of
# the case's tree (root/) and of the tool (vmreserve), for a run as
# another user (setpriv), who cannot enter the build directory.
nobody_tree() {
	_t=$(mktemp -d /tmp/vmr-status.XXXXXX) || return 1
	chmod 755 "$_t"
	cp -a "$sys" "$_t/root"
	cp "$bin" "$_t/vmreserve"
	chmod -R a+rX "$_t"
	printf '%s\n' "$_t"
}

# again ARGS...: run the tool again on the same tree (--sysroot, and
# --cmdline when the case has one) with other arguments; the checks after it
# look at this run. Generic checks apply to it too.
again() {
	[ $mode = check ] || return 0
	n_again=$((n_again + 1))
	_a=$work/again.$n_again
	run_tool "$_a" "$@"
	subject=$_a.stdout subject_err=$_a.stderr subject_rc=$(cat "$_a.rc")
}

# run_tool PREFIX ARGS...: PREFIX.stdout, .stderr, .rc, .cmd
run_tool() {
	_p=$1
	shift
	if [ -n "$cmdline" ]; then
		set -- --sysroot "${sysroot:-$sys}" --cmdline "$cmdline" "$@"
	else
		set -- --sysroot "${sysroot:-$sys}" "$@"
	fi
	# timeout=SECONDS (a case that could hang the tool): 124 is a failure
	(cd "$work" && exec ${timeout:+timeout "$timeout"} "$bin" "$@") \
		>"$_p.stdout" 2>"$_p.stderr"
	echo $? >"$_p.rc"
	[ -z "$timeout" ] || [ "$(cat "$_p.rc")" != 124 ] ||
		fail "the tool did not finish in $timeout s (hung)"
	for _x in "$bin" "$@"; do
		case $_x in
		# quoted, and no control byte of a hostile case to the terminal
		*[!A-Za-z0-9_./:=,-]*) printf "'%s' " "$_x" | LC_ALL=C tr -c '[:print:]' '?' ;;
		*) printf '%s ' "$_x" ;;
		esac
	done >"$_p.cmd"
	generic_run_checks "$_p" "$@"
}

# skip REASON: the case cannot run here (reported as ok # SKIP).
skip() {
	[ $mode = check ] && skip_reason=$1
	checked_exit=1
	return 0
}

# main: look at the main run again (after `again`).
main() {
	subject=$work/stdout subject_err=$work/stderr subject_rc=$rc
}

want_exit() {
	[ $mode = check ] || return 0
	checked_exit=1
	[ "$subject_rc" = "$1" ] || fail "exit status: want $1, got $subject_rc ($(head -3 "$subject_err" 2>/dev/null))"
}

# jq_is FILTER EXPECTED: jq -c FILTER on the output gives exactly EXPECTED
# (compact JSON, one value per line when several).
jq_is() {
	[ $mode = check ] || return 0
	_got=$(jq -c "$1" <"$subject" 2>&1)
	[ "$_got" = "$2" ] || fail "jq '$1':" "  want: $2" "  got:  $_got"
}

# jq_ok FILTER [WHY]: FILTER is true.
jq_ok() {
	[ $mode = check ] || return 0
	jq -e "$1" <"$subject" >/dev/null 2>&1 ||
		fail "not true: jq '$1'${2:+ ($2)}"
}

# jq_not FILTER [WHY]: FILTER is false or null.
jq_not() {
	[ $mode = check ] || return 0
	if jq -e "$1" <"$subject" >/dev/null 2>&1; then
		fail "should be false: jq '$1'${2:+ ($2)}"
	fi
}

# want_line EXACT / want_like GLOB / no_like GLOB: a line of the output.
want_line() {
	[ $mode = check ] || return 0
	has_line "$subject" "$1" || fail "output lacks the line: $1"
}
want_like() {
	[ $mode = check ] || return 0
	has_like "$subject" "$1" || fail "output lacks a line like: $1"
}
no_like() {
	[ $mode = check ] || return 0
	if has_like "$subject" "$1"; then
		fail "output should not have a line like: $1"
	fi
}
want_stderr_like() {
	[ $mode = check ] || return 0
	has_like "$subject_err" "$1" || fail "stderr lacks a line like: $1" \
		"  stderr: $(head -3 "$subject_err")"
}
want_empty_stdout() {
	[ $mode = check ] || return 0
	[ -s "$subject" ] && fail "stdout should be empty, has: $(head -3 "$subject")"
	return 0
}
want_empty_stderr() {
	[ $mode = check ] || return 0
	[ -s "$subject_err" ] && fail "stderr should be empty, has: $(head -3 "$subject_err")"
	return 0
}

# want_output FILE: the output is exactly cases/FILE.
want_output() {
	[ $mode = check ] || return 0
	if ! cmp -s "$here/cases/$1" "$subject"; then
		fail "output differs from cases/$1 (- want, + got):" \
			"$(diff -u "$here/cases/$1" "$subject" | sed '1,2d' | head -40)"
	fi
}

# prom_rows METRIC: the samples of METRIC in the output, one a line:
# "node=N size_kb=S address=A ... value", labels sorted by name. A page
# size label is recognised by "size" in its name and turned into kB
# (NAME_kb: as is; NAME_bytes: / 1024; else a value like 2M, 1G, 2048kB),
# so the checks do not depend on how the tool spells it.
prom_rows() {
	awk -v m="$1" '
	function kb(name, v,   n) {
		if (name ~ /_kb$/) return v + 0
		if (name ~ /_bytes$/) return int(v / 1024)
		n = v + 0
		if (v ~ /[kK][bB]?$/) return n
		if (v ~ /[mM][bB]?$/) return n * 1024
		if (v ~ /[gG][bB]?$/) return n * 1048576
		return v
	}
	{
		line = $0
		if (index(line, m "{") != 1 && index(line, m " ") != 1) next
		val = line; sub(/.* /, "", val)
		lab = line; sub(/^[^{ ]*/, "", lab); sub(/ [^ ]*$/, "", lab)
		gsub(/^\{|\}$/, "", lab)
		k = 0; delete out
		while (lab != "") {
			if (!match(lab, /^[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"/)) break
			pair = substr(lab, 1, RLENGTH); lab = substr(lab, RLENGTH + 1)
			sub(/^,/, "", lab)
			name = pair; sub(/=.*/, "", name)
			v = pair; sub(/^[^=]*="/, "", v); sub(/"$/, "", v)
			if (name ~ /size/) { v = kb(name, v); name = "size_kb" }
			out[++k] = name "=" v
		}
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && out[j - 1] > out[j]; j--) {
				t = out[j]; out[j] = out[j - 1]; out[j - 1] = t
			}
		s = ""
		for (i = 1; i <= k; i++) s = s out[i] " "
		print s val
	}' "$subject" | sort
}

# want_prom METRIC 'ROWS': prom_rows METRIC gives exactly ROWS (lines
# separated by ";").
want_prom() {
	[ $mode = check ] || return 0
	_got=$(prom_rows "$1" | tr '\n' ';')
	_got=${_got%;}
	[ "$_got" = "$2" ] || fail "$1 samples:" "  want: $2" "  got:  $_got"
}

# want_text_json_agree: `status` and `status --json` on the tree say the
# same: the verdict line; for every device of the JSON, a text block with
# the same address, id, selector, driver, override, group and viability,
# blocking members, host drivers, NUMA node, boot VGA, early status and in
# effect; for every hugepage row the same numbers, level and early status;
# the same nodes; the same unreadable files; the same advice, in order, and
# the same count of advice left out; the command line's items with where
# each was asked; the config file's fingerprints, drift and rebuild
# command; a value the JSON has as null with a
# reason in "unknown" is "unknown (REASON)" in the text. The text shows a
# control character as U+FFFD, so the JSON side does too. (Runs the tool
# twice more.) The runner calls it for every case whose main run is
# status (not --quiet, not exit 3); a case calls it to check it twice.
want_text_json_agree() {
	[ $mode = check ] || return 0
	again status --json
	_j=$work/agree.json
	# The text shows a control character (C0, DEL, C1, bidi) as U+FFFD.
	jq 'walk(if type == "string" then gsub("[\u0001-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]"; "\ufffd") else . end)' \
		"$subject" >"$_j" || { fail "agree: JSON does not parse"; return 0; }
	again status
	_t=$subject
	jq -r '"\(.verdict): \(.in_effect) of \(.asked) asked items in effect (exit \(.exit))"' "$_j" >"$work/agree.want"
	sed -n '1s/^vmreserve [^:]*: //p' "$_t" >"$work/agree.got"
	# A truncated record's missing items are "unknown" in the text.
	jq -r '(if .early.truncated then "unknown" else "-" end) as $none |
		def unk($k): if .unknown[$k] then "unknown (\(.unknown[$k]))" else null end;
		.devices[] | [.address, (if .id == null then "unknown" else .id end), .selector,
		(unk("driver") // .driver // "-"),
		(unk("driver_override") // .driver_override // "-"),
		(if .iommu_group == null then (unk("iommu_group") // "-")
		 elif .group_viable == null then "\(.iommu_group) (viability unknown)"
		 else "\(.iommu_group) (\(if .group_viable then "viable" else "not viable" end))" end),
		([.blocking[] | "\(.address) \(.id) on \(.driver // "-")"] | join("|")),
		(if (.host_drivers | length) > 0 then .host_drivers | join(" ") else "" end),
		(unk("numa_node") // if .numa_node == null then "-" else .numa_node | tostring end),
		(if .boot_vga then "yes" else "no" end), (.early_status // $none),
		(.early_why // "-"),
		(if .in_effect == null then "unknown" elif .in_effect then "yes" else "no" end)] | join(";")' "$_j" >>"$work/agree.want"
	awk '
	function flush() { if (addr != "") print addr ";" id ";" sel ";" drv ";" ovr ";" grp ";" blk ";" host ";" numa ";" vga ";" early ";" why ";" eff }
	/^[A-Z]/ { flush(); addr = ""; sect = $0; next }
	sect == "Devices" && /^  [0-9a-f]+:[0-9a-f]+:[0-9a-f]+\.[0-7] / {
		flush()
		addr = $1; id = $2; sel = $0; sub(/.*\(selected by /, "", sel); sub(/\)$/, "", sel)
		drv = ovr = grp = blk = host = numa = vga = early = why = eff = ""
		next
	}
	sect == "Devices" && addr != "" {
		line = $0; sub(/^ +/, "", line)
		key = line; sub(/:.*/, "", key)
		val = line; sub(/^[^:]*: */, "", val)
		if (key == "driver") drv = val
		else if (key == "driver_override") ovr = val
		else if (key == "iommu group") grp = val
		else if (key == "blocked by") blk = blk (blk == "" ? "" : "|") val
		else if (key == "host drivers") host = (val == "-" || val ~ /^unknown/) ? "" : val
		else if (key == "numa node") numa = val
		else if (key == "boot vga") vga = val
		else if (key == "early status") early = val
		else if (key == "early why") why = val
		else if (key == "in effect") eff = val
	}
	END { flush() }' "$_t" >>"$work/agree.got"
	# target null: asked, but the record's number did not parse
	jq -r '(if .early.truncated then "unknown" else "-" end) as $none |
		.hugepages[] | ([.node, (if .page_kb == 2048 then "2M" elif .page_kb == 1048576 then "1G" else "\(.page_kb)k" end),
		(.total // "unknown"), (.free // "unknown"), (.surplus // "unknown"), (.requested // "-"),
		(if .requested == null then "-" else (.target // "unknown") end), .level,
		(if .requested == null then "-" else (.early_status // $none) end)] | map(tostring) | join(" ")),
		(if .unknown.total then "(unknown (\(.unknown.total)))" else empty end)' "$_j" >>"$work/agree.want"
	jq -r '.nodes[] | select(.unknown.hugepages) | "\(.node) unknown (\(.unknown.hugepages))"' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Hugepages" && ($1 ~ /^[0-9]+$/ || $1 ~ /^\(/) { $1 = $1; print }' "$_t" >>"$work/agree.got"
	jq -r '.nodes[] | [.node, (.mem_total_kb // "unknown"), (.mem_free_kb // "unknown"), (if .cpus == null then "unknown" elif .cpus == "" then "-" else .cpus end)] | map(tostring) | join(" ")' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Nodes" && $1 ~ /^[0-9]+$/ { $1 = $1; print }' "$_t" >>"$work/agree.got"
	jq -r '.unreadable[] | "\(.path): \(.error)"' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Unreadable" && /^  \// { sub(/^ +/, ""); print }' "$_t" >>"$work/agree.got"
	jq -r '(.advice[] | "\(.level): \(.problem)", (if .fix then "fix: \(.fix)" else empty end)),
		(if .advice_lost > 0 then "(\(.advice_lost) more not shown)" else empty end)' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Advice" { sub(/^ +/, ""); print }' "$_t" >>"$work/agree.got"
	jq -r '(if .unknown.devices then "unknown (\(.unknown.devices))" else empty end),
		(.unmatched[] | "\(.): matched no device")' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Devices" && (/: matched no device$/ || /^  unknown \(/) { sub(/^ +/, ""); print }' "$_t" >>"$work/agree.got"
	jq -r 'if .unknown.nodes then "unknown (\(.unknown.nodes))" else empty end' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Nodes" && /^  unknown \(/ { sub(/^ +/, ""); print }' "$_t" >>"$work/agree.got"
	jq -r '.cmdline | (if .unknown.cmdline then "unknown (\(.unknown.cmdline)): judged as if no key were given" else empty end),
		(.pci_sources as $ps | .pci | to_entries[] | "pci: \(.value) (\($ps[.key]))"),
		(.hugepages[] | "hugepages: \(.entry) (\(.source))"),
		(.errors[] | "error: \(.)"), (.warnings[] | "warning: \(.)")' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "Command line" && /^  (pci|hugepages|error|warning):/ { sub(/^ +/, ""); sub(/: +/, ": "); print }
	sect == "Command line" && /^  unknown \(/ { sub(/^ +/, ""); print }' "$_t" >>"$work/agree.got"
	jq -r '.conf | "initramfs: \(.initramfs // "unknown")",
		"host: \(.host)\(if .host_error then " (\(.host_error))" else "" end)",
		"drift: \(.drift)", "rebuild: \(.rebuild) (\(.generator))"' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect ~ /^Config file/ && /^  [a-z]+:/ { sub(/^ +/, ""); sub(/: +/, ": "); print }' "$_t" >>"$work/agree.got"
	jq -r '.iommu | "enabled: \(if .enabled == null then "unknown (\(.unknown.enabled))" else "\(if .enabled then "yes" else "no" end) (\(if .acpi_table == null and .unknown.acpi_table then "ACPI tables unknown" else .acpi_table // "no DMAR/IVRS table" end), \(if .groups == null then "groups unknown" else "\(.groups) groups" end))" end)",
		"interrupt remapping: \(if .interrupt_remapping == null then "unknown (\(.unknown.interrupt_remapping))" elif .interrupt_remapping then "yes" else "no" end)",
		"allow_unsafe_interrupts: \(if .allow_unsafe_interrupts == null then "unknown (\(.unknown.allow_unsafe_interrupts))" elif .allow_unsafe_interrupts then "yes" else "no" end)"' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect == "IOMMU" && /^  [a-z_ ]+:/ { sub(/^ +/, ""); sub(/: +/, ": "); print }' "$_t" >>"$work/agree.got"
	jq -r '.early | if .ran then "\(.writer // "-"): result \(.result // "-"), exit \(.exit // "unknown"), \(.total_us // "unknown") us",
		(if .truncated then "truncated" else empty end),
		(if .first_bad then "bad lines: \(.bad_lines), first line \(.first_bad.line): \(.first_bad.problem)" else empty end)
		else "no record" + (.kernel_log // {} |
			if .ran then ": vmreserve-early ran, record not written: \(.record_error // "the kernel log names no reason")"
			elif .unknown then " (kernel log unknown: \(.unknown))" else "" end) end' "$_j" >>"$work/agree.want"
	awk '/^[A-Z]/ { sect = $0; next }
	sect ~ /^Early boot/ && /^  / { sub(/^ +/, ""); sub(/: vmreserve-early did not run/, ""); sub(/: +/, ": ")
		if ($0 ~ /^truncated:/) $0 = "truncated"; print }' "$_t" >>"$work/agree.got"
	if ! cmp -s "$work/agree.want" "$work/agree.got"; then
		fail "text and JSON disagree (- from the JSON, + in the text):" \
			"$(diff -u "$work/agree.want" "$work/agree.got" | sed '1,2d' | head -30)"
	fi
	[ -s "$work/agree.want" ] || fail "nothing compared"
}

# ------------------------------------------------------------ generic checks

# prom_check FILE: the text exposition format (0.0.4), strictly: HELP and
# TYPE comments, samples "name{label="value",...} number", every sample's
# family TYPEd once and before its samples, a family's samples together,
# no series twice, a newline at the end. Prints what is wrong.
prom_check() {
	[ -s "$1" ] || { echo "empty"; return; }
	[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] ||
		echo "no newline at the end"
	_pn='[a-zA-Z_:][a-zA-Z0-9_:]*'
	_ln='[a-zA-Z_][a-zA-Z0-9_]*'
	_lv='"([^"\\]|\\["\\n])*"'
	_num='(NaN|[-+]?(Inf|[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|\.[0-9]+([eE][-+]?[0-9]+)?))'
	grep -nvE "^(# HELP $_pn( .*)?|# TYPE $_pn (counter|gauge|histogram|summary|untyped)|$_pn(\{($_ln=$_lv(,$_ln=$_lv)*,?)?\})? $_num( -?[0-9]+)?)\$" "$1" |
		sed 's/^/bad line /'
	# label names starting with __ are reserved
	grep -nE "[{,]__$_ln=" "$1" | sed 's/^/reserved label /'
	awk '
	/^# TYPE / {
		if ($3 in typed) printf "TYPE %s twice (line %d)\n", $3, NR
		if ($3 in seen) printf "TYPE %s after its samples (line %d)\n", $3, NR
		typed[$3] = 1; next
	}
	/^# HELP / {
		if ($3 in helped) printf "HELP %s twice (line %d)\n", $3, NR
		helped[$3] = 1; next
	}
	/^#/ { next }
	{
		series = $0; sub(/ [^ ]+( -?[0-9]+)?$/, "", series)
		fam = series; sub(/\{.*/, "", fam)
		if (!(fam in typed)) printf "%s: no TYPE before line %d\n", fam, NR
		if ((fam in seen) && last != fam)
			printf "%s: samples not together (line %d)\n", fam, NR
		if (series in dup) printf "series twice: %s (line %d)\n", series, NR
		dup[series] = 1; seen[fam] = 1; last = fam
	}' "$1"
}

# prom_rules FILE: the metric naming rules `promtool check metrics` lints
# (its CheckMetricNames / lint rules), so they hold where promtool is not
# installed: snake_case names, no colon (recording rules only), a counter
# ends in _total and nothing else does, base units (seconds, bytes) as
# suffixes. Prints what is wrong.
prom_rules() {
	awk '/^# TYPE / {
		n = $3; t = $4
		if (n !~ /^[a-z_][a-z0-9_]*$/) printf "%s: not snake_case (or has a colon)\n", n
		if (t == "counter" && n !~ /_total$/) printf "counter %s does not end in _total\n", n
		if (t != "counter" && n ~ /_total$/) printf "%s %s ends in _total (counters only)\n", t, n
		if (n ~ /_(milliseconds|microseconds|nanoseconds|minutes|hours|days|kilobytes|megabytes|gigabytes|kb|mb|gb|kib|mib|gib)(_|$)/)
			printf "%s: use a base unit (seconds, bytes)\n", n
	}' "$1"
}

# promtool, when installed (Debian's prometheus package) or named by
# VMR_PROMTOOL: every --prometheus output also goes through
# `promtool check metrics`.
promtool=${VMR_PROMTOOL:-$(command -v promtool 2>/dev/null)}
if [ -n "$promtool" ] && [ -x "$promtool" ]; then
	echo "# promtool: $promtool"
else
	echo "# promtool not found (VMR_PROMTOOL, or apt-get install prometheus): naming rules checked by prom_rules only"
	promtool=
fi

# strict_json <FILE: FILE is one JSON document a strict parser accepts.
strict_json() {
	python3 -c 'import json, sys; json.load(sys.stdin)'
}

# After every run of the tool.
generic_run_checks() {
	_p=$1
	shift
	_rc=$(cat "$_p.rc")
	if grep -qE 'Sanitizer|runtime error|LeakSanitizer' "$_p.stderr"; then
		fail "sanitizer report ($(cat "$_p.cmd")):" "$(head -20 "$_p.stderr")"
	fi
	_cmd=status _fmt=text
	for _x in "$@"; do
		case $_x in
		groups | libvirt | suggest | check-domain) _cmd=$_x ;;
		--json) _fmt=json ;;
		--prometheus) _fmt=prom ;;
		--quiet | -q) _fmt=quiet ;;
		esac
	done
	[ "$_rc" -le 3 ] || fail "exit status $_rc is above 3 ($(cat "$_p.cmd"))"
	# Every output is text: valid UTF-8 whatever the kernel's files hold.
	if [ "$_cmd" != libvirt ] && ! iconv -f UTF-8 -t UTF-8 "$_p.stdout" >/dev/null 2>&1; then
		fail "output is not valid UTF-8 ($(cat "$_p.cmd"))"
	fi
	# What a person reads holds no raw control character (vmreserve(8),
	# the escaper): C0 but the line end, DEL, C1 as UTF-8, the bidi
	# controls; on stdout in every format and on stderr.
	_ctl='[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'
	for _s in stdout stderr; do
		LC_ALL=C grep -qaP "$_ctl" "$_p.$_s" &&
			fail "raw control character on $_s ($(cat "$_p.cmd")):" \
				"$(LC_ALL=C grep -naP "$_ctl" "$_p.$_s" | head -3 | sed -n l)"
	done
	if [ "$_rc" = 3 ]; then
		[ -s "$_p.stdout" ] && fail "exit 3 with output on stdout ($(cat "$_p.cmd"))"
		[ -s "$_p.stderr" ] || fail "exit 3 without a message on stderr ($(cat "$_p.cmd"))"
		return 0
	fi
	# JSON is checked by a strict parser (Python's json with its defaults
	# rejects raw control characters in strings; jq accepts them).
	case $_fmt in
	json)
		if ! _pc=$(strict_json <"$_p.stdout" 2>&1); then
			fail "not strict JSON ($(cat "$_p.cmd")): $_pc" "$(head -5 "$_p.stdout")"
			return 0
		fi
		;;
	esac
	case $_cmd.$_fmt in
	status.json)
		_v=$(jq -r '[.schema, .exit, .verdict, (.asked >= .in_effect)] | map(tostring) | join(" ")' <"$_p.stdout")
		case $_rc in 0) _vw=ok ;; 1) _vw=warning ;; *) _vw=critical ;; esac
		[ "$_v" = "1 $_rc $_vw true" ] ||
			fail "JSON schema/exit/verdict/asked>=in_effect: want '1 $_rc $_vw true', got '$_v'"
		;;
	check-domain.json)
		_v=$(jq -r '[.schema, .exit, .verdict, (.advice | type)] | map(tostring) | join(" ")' <"$_p.stdout" 2>/dev/null)
		case $_rc in 0) _vw=ok ;; 1) _vw=warning ;; *) _vw=critical ;; esac
		[ "$_v" = "2 $_rc $_vw array" ] ||
			fail "check-domain JSON schema/exit/verdict/advice: want '2 $_rc $_vw array', got '$_v'"
		;;
	suggest.json)
		_v=$(jq -r '[.schema, .exit, .verdict] | map(tostring) | join(" ")' <"$_p.stdout" 2>/dev/null)
		case $_rc in 0) _vw=ok ;; 1) _vw=warning ;; *) _vw=critical ;; esac
		[ "$_v" = "1 $_rc $_vw" ] ||
			fail "suggest JSON schema/exit/verdict: want '1 $_rc $_vw', got '$_v' ($(cat "$_p.cmd"))"
		;;
	groups.json)
		jq -e '.schema == 1 and (.groups | type) == "array"' <"$_p.stdout" >/dev/null 2>&1 ||
			fail "groups JSON: not JSON with schema 1 and groups[]: $(cat "$_p.cmd")"
		;;
	status.prom)
		_pc=$(prom_check "$_p.stdout")
		[ -z "$_pc" ] || fail "Prometheus format ($(cat "$_p.cmd")):" "$_pc"
		_pc=$(prom_rules "$_p.stdout")
		[ -z "$_pc" ] || fail "Prometheus naming rules ($(cat "$_p.cmd")):" "$_pc"
		if [ -n "$promtool" ]; then
			_pc=$("$promtool" check metrics <"$_p.stdout" 2>&1) ||
				fail "promtool check metrics ($(cat "$_p.cmd")):" "$_pc"
		fi
		_st=$(sed -n 's/^vmreserve_status \([0-9]*\)$/\1/p' "$_p.stdout")
		[ "$_st" = "$_rc" ] || fail "vmreserve_status '$_st' is not the exit status $_rc"
		;;
	status.quiet)
		[ -s "$_p.stdout" ] && fail "--quiet printed: $(head -3 "$_p.stdout")"
		;;
	esac
	return 0
}

# want_suggest_agree: `suggest ...` and `suggest ... --json` (the main
# run's arguments, with and without --json) say the same: the slot line, the
# function addresses and ids, the node, the kernel command line, the
# /etc/vmreserve.conf lines, the advice in order (level, problem, fix), the
# verdict and exit, and the libvirt XML byte for byte. The runner calls it
# for every case whose main run is suggest (not exit 3).
want_suggest_agree() {
	[ $mode = check ] || return 0
	_sa=
	for _x in $args; do [ "$_x" = --json ] || _sa="$_sa $_x"; done
	# shellcheck disable=SC2086
	again $_sa --json
	_j=$work/sagree.json
	cp "$subject" "$_j"
	# shellcheck disable=SC2086
	again $_sa
	_t=$subject
	jq -r '"slot \(.slot) pin \(.pin // "-")",
		(.functions[] | "fn \(.address) \(.id)"),
		"node \(.node)",
		"keys \(.cmdline)",
		(.conf[] | "conf \(.)"),
		(.advice[] | "advice \(.level): \(.problem)", (if .fix then "fix \(.fix)" else empty end)),
		"verdict \(.verdict) \(.exit)"' "$_j" >"$work/sagree.want"
	awk '
	keys { sub(/^  /, ""); print "keys " $0; keys = 0; next }
	conf && /^  / { sub(/^  /, ""); print "conf " $0; next }
	conf { conf = 0 }
	/^Device: / { s = $0; sub(/.* -> slot /, "", s); pin = "-"
		if (s ~ /, pinned to /) { pin = s; sub(/.*, pinned to /, "", pin); sub(/ .*/, "", pin) }
		sub(/,.*/, "", s); print "slot " s " pin " pin; next }
	/^  [0-9a-f]+:[0-9a-f]+:[0-9a-f]+\.[0-7] \[/ { id = $2; gsub(/[][]/, "", id); print "fn " $1 " " id; next }
	/^NUMA node: / { print "node " $3; next }
	/^Kernel command line:$/ { keys = 1; next }
	/^\/etc\/vmreserve.conf / { conf = 1; next }
	/^Advice:/ { adv = 1; next }
	adv && /^  [a-z]+: / { sub(/^  /, ""); print "advice " $0; next }
	adv && /^    fix: / { sub(/^    fix: /, ""); print "fix " $0; next }
	/^Verdict: / { e = $4; sub(/\)/, "", e); print "verdict " $2 " " e; exit }
	' "$_t" >"$work/sagree.got"
	cmp -s "$work/sagree.want" "$work/sagree.got" ||
		fail "suggest text and JSON disagree (- JSON, + text):" \
			"$(diff -u "$work/sagree.want" "$work/sagree.got" | sed '1,2d' | head -30)"
	jq -j '.libvirt_xml // ""' "$_j" >"$work/sagree.xml.json"
	sed -n '/^libvirt domain XML:$/,$p' "$_t" | sed 1d >"$work/sagree.xml.text"
	cmp -s "$work/sagree.xml.json" "$work/sagree.xml.text" ||
		fail "suggest: the XML differs between text and JSON"
	main
}

# want_suggest_xml_valid: the JSON's libvirt_xml passes virt-xml-validate.
want_suggest_xml_valid() {
	[ $mode = check ] || return 0
	if ! command -v virt-xml-validate >/dev/null 2>&1; then
		fail "virt-xml-validate not found: install libvirt-clients"
		return 0
	fi
	jq -j .libvirt_xml "$subject" >"$work/suggest.xml"
	virt-xml-validate "$work/suggest.xml" domain >"$work/validate" 2>&1 ||
		fail "virt-xml-validate: $(cat "$work/validate")"
}

# Shorthands for the cases.
# shellcheck disable=SC2034
D=sys/bus/pci/devices
# shellcheck disable=SC2034
NODE=sys/devices/system/node

n=0 passed=0 failed=0 skipped=0
cases=$(case_files "$here/cases" "$@")

for case_file in $cases; do
	case_begin "$case_file"

	tree='' cmdline='' proc_cmdline='' early='' early_env=''
	args='status --json' sysroot='' timeout='' skip_reason='' checked_exit='' rc='' n_again=0
	unset -f prepare boot
	mode=setup
	# shellcheck disable=SC1090
	. "$case_file"
	if ! case_tree; then
		echo "not ok $n - $name: cannot build tree '$tree'"
		failed=$((failed + 1))
		continue
	fi
	# The kernel before the initramfs (kernel parameters at work).
	if command -v boot >/dev/null 2>&1; then
		(cd "$sys" && boot) || fail "boot() failed"
	fi
	if [ -n "$early" ]; then
		if ! [ -x "$early_bin" ]; then
			fail "early binary $early_bin missing (make build/model/vmreserve-early)"
		else
			snap_hugepages "$sys" "$work/hp.before"
			# The kernel model acts while .kmodel exists (kmodel.c;
			# boot() may have put rules in .kmodel/rules).
			mkdir -p "$sys/.kmodel"
			# shellcheck disable=SC2086
			(cd "$work" && exec env VMR_FAKE_SYSROOT="$sys" \
				VMR_FAKE_MODPROBE_LOG="$work/modprobe.log" $early_env \
				"$early_bin" --sysroot "$sys" --modprobe "$fake") \
				>"$work/early.stdout" 2>"$work/early.stderr"
			echo $? >"$work/early.rc"
			rm -rf "$sys/.kmodel"
			[ -f "$sys/run/vmreserve/state" ] ||
				fail "the early binary wrote no state (exit $(cat "$work/early.rc"))"
			settle_hugepages "$sys" "$work/hp.before"
		fi
	fi
	# What else the kernel shows after boot.
	if command -v prepare >/dev/null 2>&1; then
		(cd "$sys" && prepare) || fail "prepare() failed"
	fi

	# shellcheck disable=SC2086
	run_tool "$work/main" $args
	mv "$work/main.stdout" "$work/stdout"
	mv "$work/main.stderr" "$work/stderr"
	rc=$(cat "$work/main.rc")
	cp "$work/main.cmd" "$work/command"
	main

	mode=check
	# shellcheck disable=SC1090
	. "$case_file"
	[ -n "$checked_exit" ] || fail "the case has no want_exit"
	# Text and JSON agree on every status case that printed a report.
	case " $args " in
	*" suggest "*) [ "$rc" = 3 ] || [ -n "$skip_reason" ] || want_suggest_agree ;;
	*" groups "* | *" libvirt "* | *" check-domain "* | *" --quiet "* | *" -q "*) ;;
	*) [ "$rc" = 3 ] || [ -n "$skip_reason" ] || want_text_json_agree ;;
	esac

	if [ -n "$skip_reason" ]; then
		echo "ok $n - $name # SKIP $skip_reason"
		skipped=$((skipped + 1))
	elif [ -s "$work/fail" ]; then
		echo "not ok $n - $name"
		failed=$((failed + 1))
		sed 's/^/#   /' "$work/fail"
		echo "#   (run: $(cat "$work/command"); output in $work)"
	else
		passed=$((passed + 1))
		echo "ok $n - $name"
	fi
done

[ $skipped -eq 0 ] || echo "# $skipped skipped"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
