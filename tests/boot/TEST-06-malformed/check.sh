# shellcheck shell=sh
# TEST-06-malformed: malformed rd.vmreserve entries are each reported with the
# exact token (messages of src/cmdline.c), the valid ones still apply, and the
# result is config-error (exit 2).

check_in_root

# One line per bad token, exactly.
e_pci="rd.vmreserve.pci: 'zz:00': bad bus 'zz' (want 2 hex digits)"
e_hp="rd.vmreserve.hugepages: '0:12X': unknown size suffix 'X'"
e_key="rd.vmreserve.hugepage: unknown key, ignored (known: pci, hugepages, keep)"
e_keep="rd.vmreserve.keep: '5': size needs a unit (K, M, G or T)"
check "kmsg: bad pci token 'zz:00'" kmsg_has_line "vmreserve: $e_pci"
check "kmsg: bad hugepages token '0:12X'" kmsg_has_line "vmreserve: $e_hp"
check "kmsg: unknown key rd.vmreserve.hugepage" kmsg_has_line "vmreserve: $e_key"
check "kmsg: bad keep value '5'" kmsg_has_line "vmreserve: $e_keep"
check "kmsg: asked only for the valid entries" \
	kmsg_has_line "vmreserve: vmreserve-early $(state_get writer | sed 's/^vmreserve-early //'): asked: pci=0000:01:00 hugepages=0:128"
check "kmsg: summary says config-error, 4 errors, exit 2" \
	kmsg_has 'vmreserve: config-error in [0-9]+ us: hugepages 1/1 entries met, devices 2/2 on vfio-pci, 4 command-line errors, exit 2$'

# The valid entries applied.
gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "control NIC on e1000e" "$(pci_driver "$(control_bdf)")" "e1000e"
is "node0 2048kB nr_hugepages = 128" "$(hp_nr 0 2048)" "128"
is "node1 2048kB nr_hugepages = 0 (misspelt key ignored)" "$(hp_nr 1 2048)" "0"

# The state record.
state_is "state diag.count=4" diag.count 4
state_is "state diag.errors=4" diag.errors 4
state_is "state diag.0 is the pci error" diag.0 "error: $e_pci"
state_is "state diag.1 is the hugepages error" diag.1 "error: $e_hp"
state_is "state diag.2 is the unknown key" diag.2 "error: $e_key"
state_is "state diag.3 is the keep error" diag.3 "error: $e_keep"
state_is "state keep=default (bad keep ignored)" keep default
state_is "state sel.count=1" sel.count 1
state_is "state hp.count=1" hp.count 1
state_is "state hp.0.entry=0:128" hp.0.entry "0:128"
state_is "state hp.0.status=ok" hp.0.status ok
state_hp_vs_sysfs
state_is "state dev.count=2" dev.count 2
state_is "state dev.0.status=bound" dev.0.status bound
state_is "state dev.1.status=bound" dev.1.status bound
state_dev_vs_sysfs
state_is "state result=config-error" result config-error
state_is "state exit=2" exit 2

# vmreserve status: asked = 2 functions + 1 hugepage request + 4 command-line
# errors (never met) = 7; in effect 3 (both functions, the 128 pages): partly
# met, exit 1. (The early binary's config-error/2 is its own verdict.)
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 1 true true
sj_is "status: asked 7 (2 functions, 1 request, 4 errors)" .asked 7
sj_is "status: in_effect 3" .in_effect 3
sj_is "status: cmdline.errors has 4 entries" '.cmdline.errors | length' 4
sj_is "status: cmdline.errors are the parser's messages, in order" '.cmdline.errors | join("\n")' \
	"$(printf '%s\n%s\n%s\n%s' "$e_pci" "$e_hp" "$e_key" "$e_keep")"
sj_true "status: cmdline.pci is the valid slot only" '.cmdline.pci == ["0000:01:00"]'
sj_is "status: cmdline.hugepages is the valid entry only" '[.cmdline.hugepages[].entry] | join(" ")' "0:128"
sj_is "status: cmdline.keep default (bad keep ignored)" .cmdline.keep default
sj_is "status: devices[] are the two GPU functions" '[.devices[].address] | sort | join(" ")' "$gpu $audio"
sj_is "status: both functions in effect" '[.devices[] | select(.in_effect)] | length' 2
# the slot is the whole group, and all of it is on vfio-pci
status_group "$gpu" true
status_group "$audio" true
sj_hp_is "status: node0 2M requested 128" 0 2048 .requested 128
sj_hp_is "status: node0 2M level ok" 0 2048 .level ok
sj_hp_is "status: node1 2M not requested (misspelt key)" 1 2048 .requested null
sj_is "status: no unmatched selectors" '.unmatched | length' 0
