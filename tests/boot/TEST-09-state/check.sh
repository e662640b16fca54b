# shellcheck shell=sh
# TEST-09-state: /run/vmreserve/state written in the initramfs survived
# switch_root and agrees with the kernel's state now.

check "state record exists after switch_root" test -f "$VMR_STATE"
is "/run is a tmpfs mount" "$(awk '$2 == "/run" { print $3 }' /proc/mounts | tail -n1)" "tmpfs"
is "first line is version=1" "$(head -n1 "$VMR_STATE")" "version=1"
check "writer=vmreserve-early VERSION" sh -c "grep -Eqx 'writer=vmreserve-early [0-9]+\.[0-9]+\.[0-9]+.*' $VMR_STATE"
check "every line is KEY=VALUE" sh -c "! grep -Evq '^[a-z][a-z0-9_.]*=' $VMR_STATE"
check "no truncated=1" sh -c "! grep -q '^truncated=' $VMR_STATE"
check "ends with a newline" sh -c "test \"\$(tail -c1 $VMR_STATE | od -An -c | tr -d ' ')\" = '\\n'"

# Devices: the record against sysfs.
audio=$(gpu_audio_bdf)
state_is "state sel.0=0000:01:00.1" sel.0 "0000:01:00.1"
state_is "state sel.0 matched 1 device" sel.0.matches 1
state_is "state dev.count=1" dev.count 1
state_is "state dev.0.addr is the audio function" dev.0.addr "$audio"
state_is "state dev.0.id = sysfs id" dev.0.id "$(pci_id "$audio")"
state_is "state dev.0.class = sysfs class" dev.0.class "$(cat "/sys/bus/pci/devices/$audio/class")"
state_is "state dev.0.group = sysfs group" dev.0.group "$(pci_group "$audio")"
state_is "state dev.0.status=bound" dev.0.status bound
is "GPU audio on vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
state_dev_vs_sysfs

# Hugepages: the record against sysfs.
state_is "state hp.count=1" hp.count 1
state_is "state hp.0.node=1" hp.0.node 1
state_is "state hp.0.obtained=32" hp.0.obtained 32
is "node1 2048kB nr_hugepages = 32" "$(hp_nr 1 2048)" "32"
is "node0 2048kB nr_hugepages = 0" "$(hp_nr 0 2048)" "0"
state_hp_vs_sysfs

# Result and timing agree with the log's summary line.
total=$(state_get time.total_us)
check "time.total_us is a number > 0" sh -c "echo '$total' | grep -Eqx '[0-9]+' && [ '$total' -gt 0 ]"
res=$(state_get result)
code=$(state_get exit)
check "kmsg summary line carries the state's result and exit" \
	kmsg_has "vmreserve: $res in [0-9]+ us: .*, exit $code\$"

# vmreserve status: the function and the pages are in effect, but the
# function's group also holds 01:00.0 on e1000e (not viable): all met with a
# warning, exit 1.
gpu=$(gpu_bdf)
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 1 true true
sj_is "status: asked 2" .asked 2
sj_is "status: in_effect 2" .in_effect 2
sj_true "status: cmdline.pci is the function" '.cmdline.pci == ["0000:01:00.1"]'
sj_is "status: devices[] is the audio function" '[.devices[].address] | join(" ")' "$audio"
sj_dev_is "status: $audio in_effect true" "$audio" .in_effect true
sj_dev_is "status: $audio early_status = state dev.0.status" "$audio" .early_status "$(state_get dev.0.status)"
# the group holds $gpu too, on e1000e and not selected
status_group "$audio" false "$gpu"
sj_has_host_driver "$audio" snd_hda_intel
sj_hp_is "status: node1 2M requested 32" 1 2048 .requested 32
sj_hp_is "status: node1 2M total 32" 1 2048 .total 32
sj_hp_is "status: node1 2M level ok" 1 2048 .level ok
sj_hp_is "status: node1 2M early_status = state hp.0.status" 1 2048 .early_status "$(state_get hp.0.status)"
sj_hp_is "status: node0 2M not requested" 0 2048 .requested null
