# shellcheck shell=sh
# TEST-S1-suggest: the first boot, without any rd.vmreserve key.
# `vmreserve suggest` for the GPU stand-in's slot (01:00: e1000e + HDA in
# their own IOMMU group behind an ACS root port) with the DEFAULT amount:
# the largest that fits. The nodes have 1 GiB each (tests/boot/suggest.sh),
# so that amount is below a GiB and is the limit itself: any slack in the
# limit shows at the second boot as a clamp (vmreserve-early gives at most
# what is free in the initramfs less the keep margin).
# The case's own expectations: the slot and its pin (function 0 is an
# e1000e, 8086:10d3), the group viable, IOMMU on, no boot has measured a
# request yet (this boot asked nothing), and the exit status 1: the slot
# asked for by its NIC function also holds an HD audio function (not a
# GPU's) in the same IOMMU group, so the keys take the whole slot and a
# warning names 01:00.1 before proposing it (vmreserve(8), suggest: the
# slot's other functions). The nodes have one CPU each, so no libvirt
# XML: a note, not a warning.
# The keys go to the runner (tests/boot/suggest.sh) for the second boot.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
diag "gpu=$gpu audio=$audio"
check "no rd.vmreserve key in this boot" sh -c '! grep -q rd.vmreserve /proc/cmdline'
vmreserve suggest "$gpu" --json >/tmp/suggest.json 2>/tmp/suggest.err
rc=$?
is "suggest: exit status" "$rc" 1
[ -s /tmp/suggest.err ] && diag "stderr: $(head -3 /tmp/suggest.err)"
sg() { jq -r "$@" /tmp/suggest.json 2>/dev/null; }
is "suggest: slot of $gpu" "$(sg .slot)" "${gpu%.*}"
is "suggest: pinned to function 0's id" "$(sg .pin)" "$(pci_id "$gpu")"
is "suggest: both functions" "$(sg '[.functions[].address] | join(" ")')" "$gpu $audio"
is "suggest: IOMMU on" "$(sg .iommu)" true
is "suggest: the slot's group viable" "$(sg '[.groups[].viable] | unique | join(",")')" true
is "suggest: the limit from the free memory now (nothing measured)" "$(sg .limit_from)" free_now
node=$(sg .node)
diag "suggest: node $node, $(sg .pages) pages of 2M, limit $(sg .limit_kb) kB, keep $(sg .keep_kb) kB; node $node now: $(grep -E 'MemTotal|MemFree' /sys/devices/system/node/node"$node"/meminfo | tr -s ' ' | tr '\n' ' ')"
check "suggest: 2M pages, some" test "$(sg .page_kb)" = 2048 -a "$(sg .pages)" -gt 0
check "suggest: a warning names the slot's audio function" sh -c "jq -e '[.advice[] | select(.level == \"warning\") | .problem] | any(contains(\"$audio\"))' /tmp/suggest.json"
total=$(sed -n 's/.*MemTotal: *\([0-9]*\) kB/\1/p' /sys/devices/system/node/node"$node"/meminfo)
half=$(( (total - $(sg .keep_kb)) / 2 / 2048 * 2048 ))
is "suggest: the default is half the node above the keep margin" "$(sg .memory_from)" half_node
is "suggest: half of (MemTotal $total - keep), whole 2M pages" "$(sg .memory_kb)" "$half"
check "suggest: the default fits (at most the limit)" test "$half" -le "$(sg .limit_kb)"
# Text and JSON agree, for a fixed amount well below the limit (the free
# memory moves between two runs, and the default and the limit with it).
is "suggest: the text says the same keys" \
	"$(vmreserve suggest "$gpu" --memory 256M | sed -n '/^Kernel command line:$/{n;s/^  //;p}')" \
	"$(vmreserve suggest "$gpu" --memory 256M --json | jq -r .cmdline)"
# For the runner: the keys of the second boot.
diag "vmr-suggest-keys: $(sg .cmdline)"
