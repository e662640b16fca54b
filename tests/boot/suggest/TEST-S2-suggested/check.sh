# shellcheck shell=sh
# TEST-S2-suggested: the second boot, with the keys TEST-S1-suggest's
# `vmreserve suggest` printed (tests/boot/suggest.sh appends them). The
# case's expectations: both functions of the slot on vfio-pci, the node
# the keys name holds 128 2M pages (256M), and `vmreserve status` exits 0.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
hp=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^rd\.vmreserve\.hugepages=//p')
node=${hp%%:*}
diag "gpu=$gpu audio=$audio hugepages=$hp"
check "the suggested rd.vmreserve.pci key is on the command line" grep -q "rd.vmreserve.pci=" /proc/cmdline
is "GPU function 0 bound to vfio-pci" "$(pci_driver "$gpu")" "vfio-pci"
is "GPU audio function bound to vfio-pci" "$(pci_driver "$audio")" "vfio-pci"
is "node $node holds 128 2M pages" "$(hp_nr "$node" 2048)" 128
status_checks 0
