# shellcheck shell=sh
# SPDX-License-Identifier: MIT
#
# Helpers for tests/boot/TEST-*/check.sh. Sourced inside the test VM (busybox
# ash, after switch_root) before check.sh; installed in the root image as
# /usr/lib/vmr-test/check-lib.sh. POSIX sh + busybox applets only.
#
# Output protocol (read by tests/boot/run.sh): one line per check,
#   ok - DESCRIPTION
#   not ok - DESCRIPTION
# and "# ..." for comments. Anything else is ignored.
#
# Guest devices (see initrd/run-qemu.sh): "GPU" = e1000e 8086:10d3 at
# 0000:01:00.0 with its "audio" ich9-intel-hda 8086:293e at 0000:01:00.1;
# control e1000e 8086:10d3 at 0000:02:00.0. Find them by id with gpu_bdf,
# gpu_audio_bdf and control_bdf rather than trusting the numbers.

VMR_STATE=/run/vmreserve/state

ok() { [ "$_sjq_n" = 0 ] || sj_flush; echo "ok - $*"; }
not_ok() { [ "$_sjq_n" = 0 ] || sj_flush; echo "not ok - $*"; }
diag() { [ "$_sjq_n" = 0 ] || sj_flush; echo "# $*"; }

# tmark PHASE: a "# t=SECONDS PHASE" comment with the guest's uptime (where a
# boot's time in the test root goes: read them in the log)
tmark() { read -r _t _ </proc/uptime; diag "t=$_t $*"; }

# check DESCRIPTION COMMAND [ARGS...]: ok when COMMAND succeeds.
check() {
	_d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$_d"; else not_ok "$_d"; fi
}

# is DESCRIPTION GOT WANT: ok when the strings are equal; shows both if not.
is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1 (got '$2', want '$3')"
	fi
}

# isnt DESCRIPTION GOT UNWANTED: ok when GOT is something and not UNWANTED.
# An empty GOT fails: it is what a missing key, file or device reads as, and
# "not UNWANTED" must not pass on nothing.
isnt() {
	if [ -z "$2" ]; then
		not_ok "$1 (got nothing)"
	elif [ "$2" != "$3" ]; then
		ok "$1"
	else
		not_ok "$1 (got '$2')"
	fi
}

# --- PCI ------------------------------------------------------------------------

# pci_find VVVV:DDDD: BDFs with that vendor:device id, one a line, sorted.
pci_find() {
	for _p in /sys/bus/pci/devices/*; do
		[ "$(cat "$_p/vendor")" = "0x${1%%:*}" ] &&
			[ "$(cat "$_p/device")" = "0x${1##*:}" ] &&
			echo "${_p##*/}"
	done | sort
}

# pci_id BDF: "vvvv:dddd"
pci_id() {
	echo "$(cut -c3- "/sys/bus/pci/devices/$1/vendor"):$(cut -c3- "/sys/bus/pci/devices/$1/device")"
}

# pci_driver BDF: bound driver name, or "none"
pci_driver() {
	if [ -L "/sys/bus/pci/devices/$1/driver" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/driver")"
	else
		echo none
	fi
}

# pci_group BDF: IOMMU group number, or "none"
pci_group() {
	if [ -L "/sys/bus/pci/devices/$1/iommu_group" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/iommu_group")"
	else
		echo none
	fi
}

# pci_override BDF: driver_override, "" when unset (older kernels: "(null)")
pci_override() {
	_o=$(cat "/sys/bus/pci/devices/$1/driver_override" 2>/dev/null)
	[ "$_o" = "(null)" ] && _o=
	echo "$_o"
}

# The test machine's devices, found by id.
gpu_audio_bdf() { pci_find 8086:293e | head -n1; }
gpu_bdf() {
	_a=$(gpu_audio_bdf)
	[ -n "$_a" ] && echo "${_a%.*}.0"
}
control_bdf() { pci_find 8086:10d3 | grep -v "^$(gpu_bdf)\$" | head -n1; }

# --- NUMA and hugepages ----------------------------------------------------------

# hp_nr NODE KB / hp_free NODE KB: per-node hugepage counters (KB: 2048, 1048576)
hp_nr() { cat "/sys/devices/system/node/node$1/hugepages/hugepages-${2}kB/nr_hugepages" 2>/dev/null || echo none; }
hp_free() { cat "/sys/devices/system/node/node$1/hugepages/hugepages-${2}kB/free_hugepages" 2>/dev/null || echo none; }

# --- what vmreserve-early left ---------------------------------------------------

# state_get KEY: value of KEY in /run/vmreserve/state (first match); status 1
# when absent.
state_get() {
	[ -f "$VMR_STATE" ] || return 1
	_l=$(grep -m1 "^$1=" "$VMR_STATE") || return 1
	echo "${_l#*=}"
}

# kmsg: the "vmreserve:" lines of the kernel log, without the kernel's own
# "Command line:" line (which quotes every rd.vmreserve key).
# The lines are read once into /tmp/vmr-kmsg (and, without timestamps,
# /tmp/vmr-kmsg-lines): only vmreserve-early writes them, in the initramfs,
# before the test root starts (the status tool only reads the log).
VMR_KMSG=/tmp/vmr-kmsg
_kmsg_read() {
	[ -f "$VMR_KMSG" ] && return 0
	dmesg | grep 'vmreserve:' | grep -vi 'command line:' >"$VMR_KMSG.tmp"
	sed 's/^\[[^]]*\] *//' "$VMR_KMSG.tmp" >"$VMR_KMSG-lines"
	mv "$VMR_KMSG.tmp" "$VMR_KMSG"
}
kmsg() { _kmsg_read && cat "$VMR_KMSG"; }

# kmsg_has EREGEX: some vmreserve: line matches
kmsg_has() { _kmsg_read && grep -Eq -- "$1" "$VMR_KMSG"; }

# cmdline_has WORD: the kernel command line has this exact word
cmdline_has() {
	# shellcheck disable=SC2013 # words, not lines
	for _w in $(cat /proc/cmdline); do
		[ "$_w" = "$1" ] && return 0
	done
	return 1
}

# test_gen: the generator that built this boot's initramfs: dracut, or what
# tests/boot/run.sh names in vmr.test.gen= (dracut-ng, initramfs-tools,
# mkinitcpio).
test_gen() {
	# shellcheck disable=SC2013 # words, not lines
	for _w in $(cat /proc/cmdline); do
		case $_w in vmr.test.gen=*) echo "${_w#*=}"; return 0 ;; esac
	done
	echo dracut
}

# check_modules_first: with vmr.test.modules_first, the test-only initramfs
# code had the rd.modules_load= drivers loaded before vmreserve's hook: dracut
# waits for systemd-modules-load (49vmrtest), initramfs-tools (which has no
# rd.modules_load=) and dracut without systemd modprobe them themselves
# (initramfs-tools/scripts/init-top, 49vmrtest), and so does mkinitcpio's
# test hook (mkinitcpio/hooks/vmrtest).
check_modules_first() {
	if [ "$(test_gen)" = initramfs-tools ] || [ "$(test_gen)" = mkinitcpio ] ||
		dmesg | grep -q "vmrtest: .* (no systemd)"; then
		check "kmsg: the test script loaded the rd.modules_load= drivers before vmreserve's" \
			sh -c 'dmesg | grep -q "vmrtest: .* loaded before vmreserve" && ! dmesg | grep -q "vmrtest: .* modprobe failed"'
	else
		check "kmsg: the test hook saw systemd-modules-load finish" \
			sh -c 'dmesg | grep -q "vmrtest: systemd-modules-load.service active after"'
	fi
}

# seen TAG WHY: this boot hit what TAG names. Not a check (a boot without it
# passes): tests/boot/run.sh counts the "seen - TAG" lines over the case's
# boots, and a tag the case's qemu.env lists in VMR_MUST_SEE must be seen
# in at least one.
seen() {
	sj_flush
	echo "seen - $1"
	diag "seen $1: $2"
}

# kmsg_time EREGEX: the timestamp (seconds) of the first kernel log line
# matching EREGEX, or nothing
kmsg_time() { dmesg | grep -E -m1 -- "$1" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p'; }

# --- added for TEST-01..09 -------------------------------------------------------

# kmsg_lines: the "vmreserve: ..." lines as written (no timestamp), one a line.
kmsg_lines() { _kmsg_read && cat "$VMR_KMSG-lines"; }

# kmsg_has_line TEXT: some vmreserve line is exactly TEXT (fixed string).
kmsg_has_line() { _kmsg_read && grep -Fxq -- "$1" "$VMR_KMSG-lines"; }

# state_is DESCRIPTION KEY WANT: the state record has KEY=WANT.
state_is() {
	if _v=$(state_get "$2"); then
		is "$1" "$_v" "$3"
	else
		not_ok "$1 (no $2 in $VMR_STATE)"
	fi
}

# state_isnt DESCRIPTION KEY UNWANTED: the state record has KEY, and its
# value is not UNWANTED (an absent key fails).
state_isnt() {
	if _v=$(state_get "$2"); then
		isnt "$1" "$_v" "$3"
	else
		not_ok "$1 (no $2 in $VMR_STATE)"
	fi
}

# state_hp_vs_sysfs: for every hp.N of the state record, obtained equals the
# kernel's nr_hugepages of that node and page size now. One check each.
state_hp_vs_sysfs() {
	_n=$(state_get hp.count) || { not_ok "state has hp.count"; return 0; }
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_node=$(state_get "hp.$_i.node")
		_kb=$(state_get "hp.$_i.page_kb")
		is "state hp.$_i.obtained = node$_node ${_kb}kB nr_hugepages" \
			"$(state_get "hp.$_i.obtained")" "$(hp_nr "$_node" "$_kb")"
		_i=$((_i + 1))
	done
}

# state_dev_vs_sysfs: for every dev.N, driver_after equals the driver the
# kernel has bound now ("" in the state is "none" here). One check each.
state_dev_vs_sysfs() {
	_n=$(state_get dev.count) || { not_ok "state has dev.count"; return 0; }
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_a=$(state_get "dev.$_i.addr")
		_d=$(state_get "dev.$_i.driver_after")
		is "state dev.$_i ($_a) driver_after = sysfs driver" \
			"${_d:-none}" "$(pci_driver "$_a")"
		_i=$((_i + 1))
	done
}

# check_in_root: the boot got past switch_root into the test root (PID 1 is
# its busybox init, / is the virtio disk, its os-release is there).
check_in_root() {
	is "reached the root: / is /dev/vda" \
		"$(awk '$2 == "/" && $1 != "rootfs" { print $1 }' /proc/mounts | tail -n1)" "/dev/vda"
	# /sbin/init is a script: PID 1's command line is "/bin/sh /sbin/init".
	is "reached the root: PID 1 runs the test root's /sbin/init" \
		"$(tr '\0' '\n' </proc/1/cmdline | grep -x /sbin/init)" "/sbin/init"
	check "reached the root: os-release is the test root's" \
		grep -qx 'ID=vmreserve-test' /etc/os-release
}

# --- vmreserve status (the status tool, /usr/bin/vmreserve) -----------------------
#
# status_json runs `vmreserve status --json` once and keeps what it printed in
# /tmp/status.json (stderr: /tmp/status.err, exit status: /tmp/status.exit
# and $VMR_SJ_EXIT); sj and the other helpers read that file with jq. A
# check.sh typically does
#   status_checks WANT_EXIT          (status_json + status_exit_is +
#                                     status_vs_kernel + status_modes)
# and then case-specific facts with sj_is / sj_true.

VMR_TOOL=/usr/bin/vmreserve
VMR_SJ=/tmp/status.json
VMR_SJ_EXIT=none

# _vmr_run OUT ERR ARGS...: run the tool (time-limited), stdout to OUT,
# stderr to ERR; returns its exit status.
_vmr_run() {
	_o=$1
	_e=$2
	shift 2
	if command -v timeout >/dev/null 2>&1; then
		timeout 120 "$VMR_TOOL" "$@" >"$_o" 2>"$_e"
	else
		"$VMR_TOOL" "$@" >"$_o" 2>"$_e"
	fi
}

# sj FILTER [JQ ARGS...]: jq -r FILTER on the saved status JSON ("null" for
# null; nothing when the file is missing or FILTER fails).
sj() { jq -r "$@" "$VMR_SJ" 2>/dev/null; }

# --- checks on the status JSON, run in batches --------------------------------
#
# jq 1.6 compiles its builtins at every start: about 50 ms natively, a large
# part of a second in the TCG guest, and a case has dozens of sj_is/sj_true
# checks. So sj_is and sj_true, in the script's own shell, queue their check
# and sj_flush runs every queued one in ONE jq: each is still its own filter
# on the same document with the same comparison, and its line comes out in
# the same place (ok, not_ok and diag flush first; status_json before it
# replaces the file; /sbin/init after check.sh). The batch only says "ok"
# where the check's own run would: every other outcome (a mismatch, an
# array or object among the outputs, which jq -r would indent) runs that
# check again on its own as before, so a failure reads as it always did.
# When the batch fails as a whole (no file, not one JSON document, a filter
# that does not compile, ...), every queued check runs on its own. In a
# subshell ($(...), a pipeline) nothing is queued: the check runs at once.
VMR_SJQ=/tmp/vmr-sjq
_sjq_n=0
_sjq_prog=
_sjq_opts=

# _sjq_main: this is the script's own shell (not a subshell, whose queue
# would be lost with it)
_sjq_main() {
	read -r _sjq_pid _sjq_x </proc/self/stat
	[ "$_sjq_pid" = "$$" ]
}

# _sjq_name WORD: WORD is a jq variable name we can bind (not ours)
_sjq_name() {
	case $1 in
	'' | [0-9]* | *[!A-Za-z0-9_]* | sjq*) return 1 ;;
	esac
}

# _sjq_add is|true DESCRIPTION FILTER WANT [--arg NAME VALUE [--arg NAME VALUE]]:
# queue one check; status 1 (nothing queued) in a subshell or with other
# jq arguments.
_sjq_add() {
	_sjq_main || return 1
	case $# in
	4) ;;
	7) [ "$5" = --arg ] && _sjq_name "$6" || return 1 ;;
	10) [ "$5" = --arg ] && _sjq_name "$6" && [ "$8" = --arg ] && _sjq_name "$9" || return 1 ;;
	*) return 1 ;;
	esac
	[ -d "$VMR_SJQ" ] || mkdir -p "$VMR_SJQ" || return 1
	_sjq_n=$((_sjq_n + 1))
	_sjq_p=$VMR_SJQ/$_sjq_n
	_sjq_v=sjq_$_sjq_n
	printf '%s' "$1" >"$_sjq_p.k"
	printf '%s' "$2" >"$_sjq_p.d"
	printf '%s' "$3" >"$_sjq_p.f"
	printf '%s' "$4" >"$_sjq_p.w"
	_sjq_opts="$_sjq_opts --rawfile ${_sjq_v}_d $_sjq_p.d --rawfile ${_sjq_v}_w $_sjq_p.w"
	_sjq_bind=
	if [ $# -ge 7 ]; then
		printf '%s' "$6" >"$_sjq_p.n1"
		printf '%s' "$7" >"$_sjq_p.a1"
		_sjq_opts="$_sjq_opts --rawfile ${_sjq_v}_a1 $_sjq_p.a1"
		_sjq_bind="\$${_sjq_v}_a1 as \$$6 | "
	fi
	if [ $# -ge 10 ]; then
		printf '%s' "$9" >"$_sjq_p.n2"
		printf '%s' "${10}" >"$_sjq_p.a2"
		_sjq_opts="$_sjq_opts --rawfile ${_sjq_v}_a2 $_sjq_p.a2"
		_sjq_bind="$_sjq_bind\$${_sjq_v}_a2 as \$$9 | "
	fi
	if [ "$1" = is ]; then
		# sj's output as $(...) keeps it: the outputs, a string as is and a
		# scalar as JSON, one a line, trailing newlines cut
		_sjq_prog="${_sjq_prog}[try (${_sjq_bind}($3
))] as \$o |
if (\$o | any(.[]; type == \"array\" or type == \"object\")) then \"sjq-redo $_sjq_n\"
elif (\$o | map(if type == \"string\" then . else tojson end) | join(\"\\n\") | _sjq_rtrim) == \$${_sjq_v}_w
then \"ok - \" + \$${_sjq_v}_d else \"sjq-redo $_sjq_n\" end,
"
	else
		# jq -e: no error, some output, the last one neither false nor null
		_sjq_prog="${_sjq_prog}(try (${_sjq_bind}[($3
)] | length > 0 and (last | . != false and . != null)) catch false) as \$t |
if \$t then \"ok - \" + \$${_sjq_v}_d else \"sjq-redo $_sjq_n\" end,
"
	fi
}

# _sjq_file PATH: the file's content exactly (trailing newlines too)
_sjq_file() {
	_sjq_c=$(cat "$1"; echo x)
	printf '%s' "${_sjq_c%x}"
}

# _sjq_one N: queued check N on its own (one jq, as before the batches)
_sjq_one() {
	_sjq_p=$VMR_SJQ/$1
	_sjq_k=$(cat "$_sjq_p.k")
	if [ -f "$_sjq_p.n2" ]; then
		_sj_now "$_sjq_k" "$(_sjq_file "$_sjq_p.d")" "$(_sjq_file "$_sjq_p.f")" "$(_sjq_file "$_sjq_p.w")" \
			--arg "$(cat "$_sjq_p.n1")" "$(_sjq_file "$_sjq_p.a1")" \
			--arg "$(cat "$_sjq_p.n2")" "$(_sjq_file "$_sjq_p.a2")"
	elif [ -f "$_sjq_p.n1" ]; then
		_sj_now "$_sjq_k" "$(_sjq_file "$_sjq_p.d")" "$(_sjq_file "$_sjq_p.f")" "$(_sjq_file "$_sjq_p.w")" \
			--arg "$(cat "$_sjq_p.n1")" "$(_sjq_file "$_sjq_p.a1")"
	else
		_sj_now "$_sjq_k" "$(_sjq_file "$_sjq_p.d")" "$(_sjq_file "$_sjq_p.f")" "$(_sjq_file "$_sjq_p.w")"
	fi
}

# sj_flush: run the queued checks (see above); prints their lines.
sj_flush() {
	[ "$_sjq_n" = 0 ] && return 0
	_sjq_main || return 0
	_sjq_todo=$_sjq_n
	# one document, else no batch (sj runs a filter on each document)
	# shellcheck disable=SC2016 # jq's variables
	printf '%s\n' 'def _sjq_rtrim: if endswith("\n") then .[:-1] | _sjq_rtrim else . end;' \
		'[inputs] as $sjq_docs | if ($sjq_docs | length) != 1 then empty else $sjq_docs[0] |' \
		"$_sjq_prog\"sjq end\" end" >"$VMR_SJQ/prog"
	_sjq_o=$_sjq_opts
	_sjq_n=0
	_sjq_prog=
	_sjq_opts=
	# shellcheck disable=SC2086 # option words we made: names and our paths
	if jq -n -r $_sjq_o -f "$VMR_SJQ/prog" "$VMR_SJ" >"$VMR_SJQ/out" 2>/dev/null &&
		[ "$(tail -n1 "$VMR_SJQ/out")" = "sjq end" ]; then
		while IFS= read -r _sjq_l; do
			case $_sjq_l in
			"sjq end") ;;
			"sjq-redo "*) _sjq_one "${_sjq_l#sjq-redo }" ;;
			*) printf '%s\n' "$_sjq_l" ;;
			esac
		done <"$VMR_SJQ/out"
	else
		_sjq_i=1
		while [ "$_sjq_i" -le "$_sjq_todo" ]; do
			_sjq_one "$_sjq_i"
			_sjq_i=$((_sjq_i + 1))
		done
	fi
	rm -f "$VMR_SJQ"/*
}

# _sj_now is|true DESCRIPTION FILTER WANT [JQ ARGS...]: the check at once (one
# jq each)
_sj_now() {
	_sjq_k=$1
	_sjq_d=$2
	_sjq_f=$3
	_sjq_w=$4
	shift 4
	if [ "$_sjq_k" = is ]; then
		is "$_sjq_d" "$(sj "$_sjq_f" "$@")" "$_sjq_w"
	elif jq -e "$_sjq_f" "$@" "$VMR_SJ" >/dev/null 2>&1; then
		ok "$_sjq_d"
	else
		not_ok "$_sjq_d (jq: $_sjq_f -> $(sj "$_sjq_f" "$@" | tr '\n' ' ' | cut -c1-200))"
	fi
}

# sj_is DESCRIPTION FILTER WANT [JQ ARGS...]: sj FILTER prints exactly WANT.
sj_is() { _sjq_add is "$@" || _sj_now is "$@"; }

# sj_true DESCRIPTION FILTER [JQ ARGS...]: FILTER's last output is true (jq -e).
sj_true() {
	_sjq_t=$1
	_sjq_g=$2
	shift 2
	_sjq_add true "$_sjq_t" "$_sjq_g" "" "$@" || _sj_now true "$_sjq_t" "$_sjq_g" "" "$@"
}

# status_json: run `vmreserve status --json`, save its output, check that it
# is one JSON object of schema 1 whose .exit and .verdict agree with the
# exit status (0 ok, 1 warning, 2 critical).
status_json() {
	sj_flush
	rm -f "$VMR_SJ" /tmp/status.err /tmp/status.exit
	VMR_SJ_EXIT=none
	if [ ! -x "$VMR_TOOL" ]; then
		not_ok "status: $VMR_TOOL is in the root image"
		return 0
	fi
	_vmr_run "$VMR_SJ" /tmp/status.err status --json
	VMR_SJ_EXIT=$?
	echo "$VMR_SJ_EXIT" >/tmp/status.exit
	diag "vmreserve status --json: exit $VMR_SJ_EXIT, $(wc -c <"$VMR_SJ") bytes"
	sed 's/^/# status --json stderr: /' /tmp/status.err
	case $VMR_SJ_EXIT in
	0 | 1 | 2) ok "status --json: exit status is 0, 1 or 2 (got $VMR_SJ_EXIT)" ;;
	*) not_ok "status --json: exit status is 0, 1 or 2 (got $VMR_SJ_EXIT)" ;;
	esac
	is "status --json: one JSON document" "$(jq -s length "$VMR_SJ" 2>/dev/null)" 1
	sj_is "status --json: an object" 'type' object
	sj_is "status --json: schema 1" .schema 1
	sj_true "status --json: tool is \"vmreserve VERSION\"" '.tool | test("^vmreserve [0-9]+\\.[0-9]+\\.[0-9]+")'
	sj_is "status --json: .exit = the exit status" .exit "$VMR_SJ_EXIT"
	case $VMR_SJ_EXIT in
	0) _v=ok ;;
	1) _v=warning ;;
	2) _v=critical ;;
	*) _v="?" ;;
	esac
	sj_is "status --json: verdict $_v goes with exit $VMR_SJ_EXIT" .verdict "$_v"
	sj_true "status --json: 0 <= in_effect <= asked" \
		'(.asked | type == "number") and .in_effect >= 0 and .in_effect <= .asked'
	sj_flush
	# (one jq: "status: verdict V, asked A, in effect E", then the advice)
	sj '"status: verdict \(try .verdict catch ""), asked \(try .asked catch ""), in effect \(try .in_effect catch "")",
		(.advice[]? | "advice: \(.level): \(.problem) / fix: \(.fix)")' | sed 's/^/# /'
}

# status_exit_is DESCRIPTION WANT: the status_json run exited WANT.
status_exit_is() { is "$1" "$VMR_SJ_EXIT" "$2"; }

# status_modes: `vmreserve status --quiet` prints nothing and exits like the
# JSON run; `vmreserve status` (text) exits the same too and prints something.
status_modes() {
	[ -x "$VMR_TOOL" ] || return 0
	_vmr_run /tmp/status.quiet.out /tmp/status.quiet.err status --quiet
	_rc=$?
	is "status --quiet: same exit status as --json" "$_rc" "$VMR_SJ_EXIT"
	is "status --quiet: nothing on stdout" "$(wc -c </tmp/status.quiet.out)" 0
	is "status --quiet: nothing on stderr" "$(wc -c </tmp/status.quiet.err)" 0
	_vmr_run /tmp/status.txt /tmp/status.txt.err status
	_rc=$?
	is "status (text): same exit status as --json" "$_rc" "$VMR_SJ_EXIT"
	check "status (text): prints a report" test -s /tmp/status.txt
}

# _count PATH...: how many of the (globbed) paths exist
_count() {
	_c=0
	for _x in "$@"; do
		[ -e "$_x" ] && _c=$((_c + 1))
	done
	echo "$_c"
}

# _sysfs_node_kb NODE FIELD: FIELD (MemTotal, MemFree) of the node's meminfo
_sysfs_node_kb() {
	awk -v f="$2:" '$3 == f { print $4 }' "/sys/devices/system/node/node$1/meminfo"
}

# status_vs_kernel: every fact in the saved JSON that the kernel also shows
# equals what sysfs says now (and the state record, when there is one):
# hugepage rows, devices, IOMMU, nodes, the early record. Not case-specific,
# and no judgement: whether a group is viable, what counts as asked or in
# effect and which exit status follows are the tool's rules, so each case
# declares its own answers (status_group, sj_is .asked, status_checks).
status_vs_kernel() {
	[ -f "$VMR_SJ" ] || { not_ok "status_vs_kernel: no $VMR_SJ (status_json failed)"; return 0; }
	# (fields joined with "|": a tab is IFS white space, empty fields would merge)

	# --- hugepages: one row per node x page size in sysfs, equal to sysfs
	# the rows the loops below read (fields joined with "|"), each list as
	# its own `sj FILTER >FILE` would write it, from one jq run
	rm -f /tmp/sj.hp /tmp/sj.dev /tmp/sj.blk /tmp/sj.nodes
	sj '(try (.hugepages[] | [.node, .page_kb, .total, .free, .surplus, .requested] | map(tostring) | join("|"))
			| "hp|" + .),
		(try (.devices[] | [.address, .driver, .iommu_group, .driver_override, .id, .class,
			.numa_node, .boot_vga, .in_effect] | map(tostring) | join("|")) | "dev|" + .),
		(try (.devices[].blocking[]? | [.address, .id, .driver] | map(tostring) | join("|")) | "blk|" + .),
		(try (.nodes[] | [.node, .mem_total_kb, .mem_free_kb, .cpus] | map(tostring) | join("|")) | "nodes|" + .)' |
		sed -n -e 's/^hp|//w /tmp/sj.hp' -e 's/^dev|//w /tmp/sj.dev' -e 's/^blk|//w /tmp/sj.blk' \
			-e 's/^nodes|//w /tmp/sj.nodes'
	touch /tmp/sj.hp /tmp/sj.dev /tmp/sj.blk /tmp/sj.nodes
	sj_is "status: one hugepages row per node x page size in sysfs" '.hugepages | length' \
		"$(_count /sys/devices/system/node/node[0-9]*/hugepages/hugepages-*kB)"
	while IFS="|" read -r _n _kb _tot _free _sur _req; do
		_h=/sys/devices/system/node/node$_n/hugepages/hugepages-${_kb}kB
		if [ ! -d "$_h" ]; then
			not_ok "status: hugepages row node$_n ${_kb}kB exists in sysfs"
			continue
		fi
		is "status: node$_n ${_kb}kB total = nr_hugepages" "$_tot" "$(cat "$_h/nr_hugepages")"
		is "status: node$_n ${_kb}kB free = free_hugepages" "$_free" "$(cat "$_h/free_hugepages")"
		is "status: node$_n ${_kb}kB surplus = surplus_hugepages" "$_sur" "$(cat "$_h/surplus_hugepages")"
	done </tmp/sj.hp

	# --- devices: what sysfs says of each listed function
	while IFS="|" read -r _a _drv _grp _ovr _id _cls _numa _vga _eff; do
		_p=/sys/bus/pci/devices/$_a
		if [ ! -d "$_p" ]; then
			not_ok "status: device $_a exists in sysfs"
			continue
		fi
		_k=$(pci_driver "$_a")
		[ "$_k" = none ] && _k=null
		is "status: $_a driver = sysfs driver" "$_drv" "$_k"
		_k=$(pci_group "$_a")
		[ "$_k" = none ] && _k=null
		is "status: $_a iommu_group = sysfs group" "$_grp" "$_k"
		_k=$(pci_override "$_a")
		is "status: $_a driver_override = sysfs" "$_ovr" "${_k:-null}"
		is "status: $_a id = sysfs vendor:device" "$_id" "$(pci_id "$_a")"
		is "status: $_a class = sysfs class" "$_cls" "$(cat "$_p/class")"
		_k=$(cat "$_p/numa_node" 2>/dev/null || echo -1)
		[ "$_k" -lt 0 ] 2>/dev/null && _k=null
		is "status: $_a numa_node = sysfs" "$_numa" "$_k"
		_k=false
		[ "$(cat "$_p/boot_vga" 2>/dev/null)" = 1 ] && _k=true
		is "status: $_a boot_vga = sysfs" "$_vga" "$_k"
		_k=false
		[ "$(pci_driver "$_a")" = vfio-pci ] && _k=true
		is "status: $_a in_effect = (sysfs driver is vfio-pci)" "$_eff" "$_k"
		# group_viable and blocking: each case declares them
		# (status_group); a rule restated here could not catch a wrong one.
	done </tmp/sj.dev
	while IFS="|" read -r _a _id _drv; do
		_k=$(pci_driver "$_a")
		[ "$_k" = none ] && _k=null
		is "status: blocker $_a driver = sysfs driver" "$_drv" "$_k"
		is "status: blocker $_a id = sysfs vendor:device" "$_id" "$(pci_id "$_a")"
	done </tmp/sj.blk

	# --- IOMMU
	_ng=$(find /sys/kernel/iommu_groups -mindepth 1 -maxdepth 1 | wc -l)
	sj_is "status: iommu.groups = entries in /sys/kernel/iommu_groups" .iommu.groups "$_ng"
	# enabled and interrupt_remapping: the case's machine, declared
	# (status_checks); "groups > 0" and "IR- chips" are the tool's rules.
	sj_is "status: iommu.enabled $VMR_WANT_IOMMU (the case's machine)" .iommu.enabled "$VMR_WANT_IOMMU"
	_k=null
	[ -e /sys/firmware/acpi/tables/IVRS ] && _k=IVRS
	[ -e /sys/firmware/acpi/tables/DMAR ] && _k=DMAR
	sj_is "status: iommu.acpi_table = the ACPI table present" .iommu.acpi_table "$_k"
	_k=false
	for _q in /sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts \
		/sys/module/iommufd/parameters/allow_unsafe_interrupts; do
		[ "$(cat "$_q" 2>/dev/null)" = Y ] && _k=true
	done
	sj_is "status: iommu.allow_unsafe_interrupts = the module parameters" \
		.iommu.allow_unsafe_interrupts "$_k"
	sj_is "status: iommu.interrupt_remapping $VMR_WANT_IR (the case's machine)" \
		.iommu.interrupt_remapping "$VMR_WANT_IR"
	diag "remapped interrupt chips: $(grep -o 'IR-[A-Z-]*[A-Z]' /proc/interrupts | sort -u | tr '\n' ' ')"

	# --- NUMA nodes
	sj_is "status: one nodes[] entry per sysfs node" '.nodes | length' \
		"$(_count /sys/devices/system/node/node[0-9]*)"
	while IFS="|" read -r _n _tot _free _cpus; do
		if [ ! -d "/sys/devices/system/node/node$_n" ]; then
			not_ok "status: node $_n exists in sysfs"
			continue
		fi
		is "status: node$_n mem_total_kb = sysfs MemTotal" "$_tot" "$(_sysfs_node_kb "$_n" MemTotal)"
		# MemFree moves: only 0 < mem_free_kb <= mem_total_kb
		check "status: node$_n 0 < mem_free_kb ($_free) <= mem_total_kb" \
			test "$_free" -gt 0 -a "$_free" -le "$_tot"
		is "status: node$_n cpus = sysfs cpulist" "$_cpus" "$(cat "/sys/devices/system/node/node$_n/cpulist")"
	done </tmp/sj.nodes

	# --- the early binary's record
	if [ -f "$VMR_STATE" ]; then
		sj_is "status: early.ran (state record present)" .early.ran true
		sj_is "status: early.writer = state writer" .early.writer "$(state_get writer)"
		sj_is "status: early.result = state result" .early.result "$(state_get result)"
		sj_is "status: early.exit = state exit" .early.exit "$(state_get exit)"
		sj_is "status: early.total_us = state time.total_us" .early.total_us "$(state_get time.total_us)"
		# the same parser read the same command line (a disabled run
		# records the parameters only, no sel.* or hp.* lines)
		if [ "$(state_get disabled)" != 1 ]; then
		sj_is "status: cmdline.pci = state sel.*" '.cmdline.pci | join(" ")' \
			"$(_i=0; _n=$(state_get sel.count); while [ "$_i" -lt "${_n:-0}" ]; do
				state_get "sel.$_i"; _i=$((_i + 1)); done | tr '\n' ' ' | sed 's/ $//')"
		sj_is "status: cmdline.hugepages entries = state hp.*.entry" '[.cmdline.hugepages[].entry] | join(" ")' \
			"$(_i=0; _n=$(state_get hp.count); while [ "$_i" -lt "${_n:-0}" ]; do
				state_get "hp.$_i.entry"; _i=$((_i + 1)); done | tr '\n' ' ' | sed 's/ $//')"
		fi
		sj_is "status: cmdline.keep = state keep" .cmdline.keep "$(state_get keep)"
	else
		sj_is "status: early.ran false (no state record)" .early.ran false
	fi

	# asked, in_effect and the exit status: each case declares them
	# (status_checks WANT_EXIT, sj_is .asked / .in_effect); counting them
	# here would restate the tool's own rules.
}

# status_checks WANT_EXIT IOMMU INTREMAP: the status checks every case runs.
# IOMMU and INTREMAP (true or false) are what the case's QEMU machine is, as
# initrd/run-qemu.sh and the case's qemu.env build it, and what
# .iommu.enabled and .iommu.interrupt_remapping must then say:
#   the default machine: -device intel-iommu,intremap=on and intel_iommu=on:
#     status_checks EXIT true true
#   VMR_NO_IOMMU=1 (TEST-08): the same vIOMMU, intel_iommu=off: the DMA
#     side is off (no groups), interrupt remapping is not (intremap= is its
#     own switch): status_checks EXIT false true
# A case that declares neither fails.
VMR_WANT_IOMMU=
VMR_WANT_IR=
status_checks() {
	VMR_WANT_IOMMU=${2:-}
	VMR_WANT_IR=${3:-}
	case $VMR_WANT_IOMMU/$VMR_WANT_IR in
	true/true | true/false | false/true | false/false) ;;
	*) not_ok "status_checks: the case declares its machine's IOMMU and interrupt remapping (true|false, got '$VMR_WANT_IOMMU' '$VMR_WANT_IR')" ;;
	esac
	tmark "status_checks"
	status_json
	status_exit_is "status --json: exit status $1" "$1"
	tmark "status_vs_kernel"
	status_vs_kernel
	tmark "status_modes"
	status_modes
	tmark "status_checks done"
}

# sj_dev BDF FILTER: FILTER applied to the devices[] entry of BDF.
sj_dev() { sj ".devices[] | select(.address == \$a) | $2" --arg a "$1"; }

# sj_hp NODE PAGE_KB FILTER: FILTER applied to that hugepages row.
sj_hp() { sj ".hugepages[] | select(.node == $1 and .page_kb == $2) | $3"; }

# sj_dev_is DESCRIPTION BDF FILTER WANT: sj_dev BDF FILTER prints exactly
# WANT (is DESCRIPTION "$(sj_dev BDF FILTER)" WANT, as an sj_is check)
sj_dev_is() { sj_is "$1" ".devices[] | select(.address == \$a) | $3" "$4" --arg a "$2"; }

# sj_hp_is DESCRIPTION NODE PAGE_KB FILTER WANT: sj_hp NODE PAGE_KB FILTER
# prints exactly WANT (as an sj_is check)
sj_hp_is() { sj_is "$1" ".hugepages[] | select(.node == $2 and .page_kb == $3) | $4" "$5"; }

# sj_has_host_driver BDF DRIVER: DRIVER is in the host_drivers of the
# devices[] entry of BDF (libkmod's modalias lookup).
sj_has_host_driver() {
	# shellcheck disable=SC2016 # $a, $d are jq's
	sj_true "status: $1 host_drivers has $2" \
		'.devices[] | select(.address == $a) | .host_drivers | any(.[]; . == $d)' \
		--arg a "$1" --arg d "$2"
}

# status_group BDF VIABLE [BLOCKERS]: the case's own answer for BDF's IOMMU
# group: .group_viable is VIABLE (true, false, or null without a group) and
# .blocking lists exactly BLOCKERS (addresses, space-separated, sorted).
status_group() {
	sj_dev_is "status: $1 group_viable $2" "$1" .group_viable "$2"
	sj_dev_is "status: $1 blocking [${3:-}]" "$1" '[.blocking[]?.address] | sort | join(" ")' "${3:-}"
}

# --- the kernel's state right before vmreserve-early ran ----------------------
#
# The boot tests' initramfs carries tests/boot/dracut/49vmrtest, whose
# pre-udev hook (priority 29, vmreserve's is 30) writes what sysfs showed to
# /run/vmr-test/before: a source for "before" that is not vmreserve's record
# (initramfs-tools: the same script, run by the init-top script
# pre_udev_1vmrtest_before). Its last line is "end".
#
# A missing or cut snapshot is a broken test setup, never a value: every
# reader below then prints a "not ok" line (to fd 3, this script's own
# stdout, so it shows even from inside $(...)) and answers "no-snapshot",
# which equals no expectation.
VMR_BEFORE=/run/vmr-test/before
exec 3>&1

# before_complete: the snapshot exists and ends with its "end" line.
before_complete() { [ -f "$VMR_BEFORE" ] && [ "$(tail -n1 "$VMR_BEFORE")" = end ]; }

# _before_missing WHAT: the loud failure of a reader (see above).
_before_missing() {
	# (echo, not not_ok: this runs in a $(...) subshell, see sj_flush)
	echo "not ok - test hook snapshot $VMR_BEFORE is complete (reading $1)" >&3
	echo no-snapshot
}

# before_hp NODE KB: nr_hugepages of that node and size then ("absent" when
# the snapshot has no such row: no such node or page size)
before_hp() {
	before_complete || { _before_missing "hp $1 $2"; return 1; }
	awk -v n="$1" -v k="$2" '$1 == "hp" && $2 == n && $3 == k { print $4; f = 1 }
		END { if (!f) print "absent" }' "$VMR_BEFORE"
}

# before_driver BDF: the driver bound then, "none" when the function had none,
# "absent" when the snapshot does not list the function
before_driver() {
	before_complete || { _before_missing "pci $1"; return 1; }
	awk -v a="$1" '$1 == "pci" && $2 == a { print $3; f = 1 }
		END { if (!f) print "absent" }' "$VMR_BEFORE"
}

# before_mem NODE MemTotal|MemFree: that field of the node's meminfo then, in
# KiB ("absent" without the node)
before_mem() {
	before_complete || { _before_missing "mem $1 $2"; return 1; }
	awk -v n="$1" -v f="$2" '$1 == "mem" && $2 == n { print (f == "MemTotal" ? $3 : $4); x = 1 }
		END { if (!x) print "absent" }' "$VMR_BEFORE"
}

# no_driverless: every PCI function that had a driver before vmreserve's hook
# has one now, and no function is left without a driver while its
# driver_override names one (it could then never bind anything else).
# Without the snapshot the first half cannot be checked: that fails.
no_driverless() {
	if ! before_complete; then
		not_ok "no PCI function left driverless (no complete snapshot $VMR_BEFORE to compare with)"
		return 0
	fi
	_bad=0
	for _p in /sys/bus/pci/devices/*; do
		_a=${_p##*/}
		[ "$(pci_driver "$_a")" != none ] && continue
		_b=$(before_driver "$_a")
		_o=$(pci_override "$_a")
		if [ "$_b" = absent ]; then
			not_ok "$_a is in the test hook's snapshot (a function that appeared after it)"
			_bad=1
		elif [ "$_b" != none ]; then
			not_ok "$_a has a driver (had $_b before the hook, none now)"
			_bad=1
		elif [ -n "$_o" ]; then
			not_ok "$_a is not left driverless with driver_override=$_o"
			_bad=1
		fi
	done
	[ "$_bad" = 0 ] && ok "no PCI function left driverless"
	return 0
}
