# shellcheck shell=sh
# TEST-S2-suggested: the second boot, with the keys TEST-S1-suggest's
# `vmreserve suggest` printed (tests/boot/suggest.sh appends them): the
# default amount, the largest suggest said fits. The case's expectations:
# both functions of the slot on vfio-pci; vmreserve-early got every page
# the key asks without a clamp (the record's result=ok, the entry ok, the
# node holds them); `vmreserve status` exits 0.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
hp=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^rd\.vmreserve\.hugepages=//p')
node=${hp%%:*}
amount=${hp#*:}
case $amount in
*G) kb=$((${amount%G} * 1048576)) ;;
*M) kb=$((${amount%M} * 1024)) ;;
*) kb=0 ;;
esac
pages=$((kb / 2048))
diag "gpu=$gpu audio=$audio hugepages=$hp ($pages pages)"
diag "record: free_kb=$(state_get hp.0.free_kb) keep_kb=$(state_get hp.0.keep_kb) target=$(state_get hp.0.target) obtained=$(state_get hp.0.obtained)"
check "the suggested rd.vmreserve.pci key is on the command line" grep -q "rd.vmreserve.pci=" /proc/cmdline
check "the key asks some 2M pages" test "$pages" -gt 0
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
state_is "state result=ok (nothing clamped)" result ok
state_is "state hp.0.status=ok" hp.0.status ok
is "node $node holds the $pages 2M pages asked" "$(hp_nr "$node" 2048)" "$pages"
# The machine: initrd/run-qemu.sh's intel-iommu,intremap=on and the
# suggested intel_iommu=on: the IOMMU on, interrupts remapped.
status_checks 0 true true
