# shellcheck shell=sh
# TEST-S1-suggest: the first boot, without any rd.vmreserve key.
# `vmreserve suggest` for the GPU stand-in's slot (01:00: e1000e + HDA in
# their own IOMMU group behind an ACS root port) with 256M of 2M pages.
# The case's own expectations: the slot and its pin (function 0 is an
# e1000e, 8086:10d3), the group viable, IOMMU on, and the exit status 0
# (the nodes have one CPU each, so no libvirt XML: a note, not a warning).
# The keys go to the runner (tests/boot/suggest.sh) for the second boot.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
diag "gpu=$gpu audio=$audio"
check "no rd.vmreserve key in this boot" sh -c '! grep -q rd.vmreserve /proc/cmdline'
vmreserve suggest "$gpu" --memory 256M --json >/tmp/suggest.json 2>/tmp/suggest.err
rc=$?
is "suggest: exit status" "$rc" 0
[ -s /tmp/suggest.err ] && diag "stderr: $(head -3 /tmp/suggest.err)"
sg() { jq -r "$@" /tmp/suggest.json 2>/dev/null; }
is "suggest: slot of $gpu" "$(sg .slot)" "${gpu%.*}"
is "suggest: pinned to function 0's id" "$(sg .pin)" "$(pci_id "$gpu")"
is "suggest: both functions" "$(sg '[.functions[].address] | join(" ")')" "$gpu $audio"
is "suggest: IOMMU on" "$(sg .iommu)" true
is "suggest: the slot's group viable" "$(sg '[.groups[].viable] | unique | join(",")')" true
is "suggest: 128 pages of 2M" "$(sg '"\(.pages) \(.page_kb)"')" "128 2048"
is "suggest: the text says the same keys" \
	"$(vmreserve suggest "$gpu" --memory 256M | sed -n '/^Kernel command line:$/{n;s/^  //;p}')" "$(sg .cmdline)"
# For the runner: the keys of the second boot.
diag "vmr-suggest-keys: $(sg .cmdline)"
