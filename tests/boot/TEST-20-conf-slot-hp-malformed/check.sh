# shellcheck shell=sh
# TEST-20-conf-slot-hp-malformed: four matrix points in one boot, each with
# its own checks below: the config file /etc/vmreserve.conf (this case's
# vmreserve.conf, built into its initramfs), the whole slot, 2M pages on
# node 0 with node 1 emptied, malformed command-line keys.
#   file:         pci=01:00  hugepages=1:0  keep=8G  line 11 "pci 02:00.0"
#   command line: hugepagesz=2M hugepages=1:64 (the kernel's, node 1 fills
#                 at boot) rd.vmreserve.hugepages=0:128 rd.vmreserve.keep=256M
#                 rd.vmreserve.pci=zz:00 rd.vmreserve.hugepage=0:8
# The file is read before the command line: its list entries add to the
# command line's, the command line's keep wins.

CONF=/etc/vmreserve.conf
gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "kernel $(uname -r); gpu=$gpu audio=$audio control=$ctl"

# state_hp_idx NODE: N of the record's hp.N entry for NODE (2M), or "none"
state_hp_idx() {
	_i=0
	_n=$(state_get hp.count) || _n=0
	while [ "$_i" -lt "$_n" ]; do
		[ "$(state_get "hp.$_i.node")" = "$1" ] && [ "$(state_get "hp.$_i.page_kb")" = 2048 ] &&
			{ echo "$_i"; return 0; }
		_i=$((_i + 1))
	done
	echo none
}
# state_arg_source TEXT: the source of the record's arg.N that is TEXT
state_arg_source() {
	_i=0
	_n=$(state_get arg.count) || _n=0
	while [ "$_i" -lt "$_n" ]; do
		[ "$(state_get "arg.$_i")" = "$1" ] && { state_get "arg.$_i.source"; return 0; }
		_i=$((_i + 1))
	done
	echo none
}

# --- the config file --------------------------------------------------------
check "kmsg: the malformed line is named $CONF:11" kmsg_has "vmreserve: $CONF:11: "
is "the malformed line was skipped: control NIC on e1000e" "$(pci_driver "$ctl")" "e1000e"
is "the malformed line was skipped: control NIC has no driver_override" "$(pci_override "$ctl")" ""
check "kmsg: asked pci, hugepages from the file and the command line, file first" \
	kmsg_has "vmreserve: vmreserve-early .*: asked: pci=0000:01:00 hugepages=1:0,0:128"
# keep: the file said 8G (node 0 would get nothing), the command line 256M
_h0=$(state_hp_idx 0)
state_is "state keep=268435456 (the command line's 256M beat the file's 8G)" keep 268435456
state_is "state node 0 keep_kb=262144 (256M)" "hp.$_h0.keep_kb" 262144
# where each parameter came from: a line of the file is FILE:LINE
is "state: pci=01:00 came from $CONF:4" "$(state_arg_source pci=01:00)" "$CONF:4"
is "state: hugepages=1:0 came from $CONF:6" "$(state_arg_source hugepages=1:0)" "$CONF:6"
is "state: keep=8G came from $CONF:9" "$(state_arg_source keep=8G)" "$CONF:9"
is "state: rd.vmreserve.hugepages=0:128 came from /proc/cmdline" \
	"$(state_arg_source rd.vmreserve.hugepages=0:128)" /proc/cmdline
is "state: rd.vmreserve.keep=256M came from /proc/cmdline" \
	"$(state_arg_source rd.vmreserve.keep=256M)" /proc/cmdline
# and each asked item's source
state_is "state sel.0.source=$CONF:4" sel.0.source "$CONF:4"
state_is "state node 0 entry from /proc/cmdline" "hp.$_h0.source" /proc/cmdline
state_is "state node 1 entry from $CONF:6" "hp.$(state_hp_idx 1).source" "$CONF:6"
state_is "state keep.source=/proc/cmdline (it won)" keep.source /proc/cmdline
# the image held a config file and the binary read it: the record's conf=
# is SIZE:HASH (not "absent" or "skipped"), SIZE at most the case's file's
_size=$(wc -c <./vmreserve.conf | tr -d ' ')
_c=$(state_get conf || echo missing)
diag "state conf=$_c; the case's file: $_size bytes"
check "state conf=SIZE:HASH (the file was read)" sh -c "echo '$_c' | grep -Eqx '[0-9]+:[0-9a-f]{8}'"
check "state conf: SIZE (${_c%%:*}) within the case's file ($_size bytes)" \
	test "${_c%%:*}" -gt 0 -a "${_c%%:*}" -le "$_size"

# --- the whole slot (from the file) -----------------------------------------
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "driver_override=vfio-pci on GPU function 0" "$(pci_override "$gpu")" "vfio-pci"
is "driver_override=vfio-pci on GPU audio" "$(pci_override "$audio")" "vfio-pci"
check "e1000e module loaded, not holding GPU function 0" sh -c \
	"grep -q '^e1000e ' /proc/modules && test ! -e /sys/bus/pci/drivers/e1000e/$gpu"
check "kmsg: $gpu bound to vfio-pci" kmsg_has_line "vmreserve: $gpu: bound to vfio-pci"
check "kmsg: $audio bound to vfio-pci" kmsg_has_line "vmreserve: $audio: bound to vfio-pci"
state_is "state sel.count=1 (01:00 only)" sel.count 1
state_is "state sel.0 is the slot" sel.0 "0000:01:00"
state_is "state sel.0 matched 2 functions" sel.0.matches 2
state_is "state dev.count=2" dev.count 2
state_is "state dev.0.status=bound" dev.0.status bound
state_is "state dev.1.status=bound" dev.1.status bound
state_dev_vs_sysfs

# --- 2M pages on node 0, node 1 emptied --------------------------------------
is "before the hook: node1 held the kernel's 64 2M pages" "$(before_hp 1 2048)" 64
is "node0 2048kB nr_hugepages = 128" "$(hp_nr 0 2048)" 128
is "node1 2048kB nr_hugepages = 0 (emptied)" "$(hp_nr 1 2048)" 0
is "global 2048kB nr_hugepages = 128" "$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)" 128
check "kmsg: node 0 got 128 of 128 2M pages" \
	kmsg_has 'vmreserve: node 0: 2M pages: requested 128, target 128, obtained 128 \(was 0;'
check "kmsg: node 1 emptied from 64" \
	kmsg_has 'vmreserve: node 1: 2M pages: requested 0, target 0, obtained 0 \(was 64;'
_h1=$(state_hp_idx 1)
state_is "state node 0 obtained 128" "hp.$_h0.obtained" 128
state_is "state node 0 status ok" "hp.$_h0.status" ok
state_is "state node 1 requested 0" "hp.$_h1.requested" 0
state_is "state node 1 obtained 0" "hp.$_h1.obtained" 0
state_is "state node 1 status ok" "hp.$_h1.status" ok
state_hp_vs_sysfs

# --- malformed command-line keys ---------------------------------------------
e_pci="rd.vmreserve.pci: 'zz:00': bad bus 'zz' (want 2 hex digits)"
e_key="rd.vmreserve.hugepage: unknown key, ignored (known: pci, hugepages, keep)"
check "kmsg: bad pci token 'zz:00'" kmsg_has_line "vmreserve: $e_pci"
check "kmsg: unknown key rd.vmreserve.hugepage" kmsg_has_line "vmreserve: $e_key"
check "the misspelt key did nothing: node0 has 128, not 8 more" test "$(hp_nr 0 2048)" = 128
# Line 11, "pci 02:00.0", is two parameters (blanks separate them,
# vmreserve.conf(5) FORMAT): the key pci with no value, and 02:00.0, a key
# that does not exist. Each is one error, named $CONF:11 (ERRORS): exactly 2.
# With the two bad command-line keys: 4 errors, no other.
e_conf1="$CONF:11: pci: missing value"
e_conf2="$CONF:11: 02:00.0: unknown key, ignored (known: pci, hugepages, keep)"
n_conf=2
n_err=4
check "kmsg: line 11's key pci: missing value" kmsg_has_line "vmreserve: $e_conf1"
check "kmsg: line 11's 02:00.0: unknown key" kmsg_has_line "vmreserve: $e_conf2"
is "state: $n_conf diags name $CONF:11" "$(grep -c "^diag\.[0-9]*=error: $CONF:11: " "$VMR_STATE")" "$n_conf"
state_is "state diag.errors = 2 bad keys + the file's line 11 ($n_conf)" diag.errors "$n_err"
is "state: no error names another line of the file" \
	"$(grep -c "^diag\.[0-9]*=error: $CONF:" "$VMR_STATE")" "$n_conf"
# the errors, in the order they were read (the file before the command line)
is "state: the errors are line 11's two, then the two bad keys" \
	"$(sed -n 's/^diag\.[0-9]*=error: //p' "$VMR_STATE")" \
	"$(printf '%s\n' "$e_conf1" "$e_conf2" "$e_pci" "$e_key")"
check "state: a diag is the pci error" grep -Fq "=error: $e_pci" "$VMR_STATE"
check "kmsg: summary: config-error, 2/2 entries met, 2/2 devices, $n_err errors, exit 2" \
	kmsg_has "vmreserve: config-error in [0-9]+ us: hugepages 2/2 entries met, devices 2/2 on vfio-pci, $n_err command-line errors, exit 2\$"
state_is "state result=config-error" result config-error
state_is "state exit=2" exit 2

# --- vmreserve status ----------------------------------------------------------
# asked: 2 functions + 2 hugepage entries + the 4 errors (never met): 8; in
# effect: 4; exit 1 (partly met).
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 1 true true
sj_is "status: asked $((4 + n_err)) (2 functions, 2 entries, $n_err errors)" .asked $((4 + n_err))
sj_is "status: in_effect 4" .in_effect 4
sj_true "status: cmdline.pci is the file's slot only" '.cmdline.pci == ["0000:01:00"]'
sj_is "status: cmdline.hugepages: the file's entry, then the command line's" \
	'[.cmdline.hugepages[].entry] | join(" ")' "1:0 0:128"
sj_is "status: cmdline.keep is the command line's" .cmdline.keep 268435456
sj_is "status: cmdline.errors has $n_err entries" '.cmdline.errors | length' "$n_err"
# shellcheck disable=SC2016 # $f is jq's
sj_true "status: an error names $CONF:11" 'any(.cmdline.errors[]; startswith($f))' --arg f "$CONF:11: "
sj_is "status: cmdline.errors are the record's four, in order" '.cmdline.errors | join("|")' \
	"$e_conf1|$e_conf2|$e_pci|$e_key"
# each parameter's source (a line of the file: FILE:LINE)
# shellcheck disable=SC2016 # $t, $s are jq's
for _a in "pci=01:00|$CONF:4" "hugepages=1:0|$CONF:6" "keep=8G|$CONF:9" \
	"rd.vmreserve.hugepages=0:128|/proc/cmdline" "rd.vmreserve.keep=256M|/proc/cmdline"; do
	_s=${_a#*|}
	sj_true "status: ${_a%%|*} came from $_s" \
		'any(.cmdline.args[]; .text == $t and .source == $s)' --arg t "${_a%%|*}" --arg s "$_s"
done
# and each asked item's source
# shellcheck disable=SC2016 # $s is jq's
sj_true "status: cmdline.pci_sources: the slot from $CONF:4" '.cmdline.pci_sources == [$s]' --arg s "$CONF:4"
sj_is "status: each hugepages entry's source" '[.cmdline.hugepages[] | .entry + " " + .source] | join(", ")' \
	"1:0 $CONF:6, 0:128 /proc/cmdline"
sj_is "status: keep_source /proc/cmdline (it won)" .cmdline.keep_source /proc/cmdline
# this root has no /etc/vmreserve.conf, the initramfs had one: status says
# the running system's file differs from the image's copy
sj_is "status: conf.host absent (no /etc/vmreserve.conf in this root)" .conf.host absent
sj_is "status: conf.drift removed (the initramfs had a copy)" .conf.drift removed
# shellcheck disable=SC2016 # $f is jq's
sj_true "status: an advice says the host's $CONF and the initramfs' copy differ" \
	'any(.advice[]; (.problem | startswith($f + " ")) and (.fix | test("rebuild")))' --arg f "$CONF"
sj_is "status: devices[] are the two GPU functions" '[.devices[].address] | sort | join(" ")' "$gpu $audio"
status_group "$gpu" true
status_group "$audio" true
sj_hp_is "status: node0 2M requested 128" 0 2048 .requested 128
sj_hp_is "status: node0 2M level ok" 0 2048 .level ok
sj_hp_is "status: node1 2M requested 0" 1 2048 .requested 0
sj_hp_is "status: node1 2M total 0" 1 2048 .total 0
sj_hp_is "status: node1 2M level ok" 1 2048 .level ok
