# shellcheck shell=sh
# TEST-P2-deb-purged: the initramfs that `dpkg --purge vmreserve-GENERATOR
# vmreserve` rebuilt through the update-initramfs trigger
# (tests/boot/deb-cycle.sh), booted with TEST-P1's keys: nothing of
# vmreserve ran. The slot's functions are on their host drivers, no
# driver_override, no hugepages, no vmreserve line in the kernel log, no
# record.

gpu=$(gpu_bdf)
audio=$(gpu_audio_bdf)
ctl=$(control_bdf)
diag "gpu=$gpu audio=$audio control=$ctl generator=$(test_gen)"
check_in_root
check "the keys are on the command line" cmdline_has rd.vmreserve.pci=01:00

is "GPU function 0 on its host driver e1000e" "$(pci_driver "$gpu")" e1000e
is "GPU audio function on its host driver snd_hda_intel" "$(pci_driver "$audio")" snd_hda_intel
is "control NIC on e1000e" "$(pci_driver "$ctl")" e1000e
for a in "$gpu" "$audio" "$ctl"; do
	is "$a has no driver_override" "$(pci_override "$a")" ""
done
check "nothing on vfio-pci" test -z "$(ls /sys/bus/pci/drivers/vfio-pci 2>/dev/null | grep '^0000:')"
is "node0 2048kB nr_hugepages = 0" "$(hp_nr 0 2048)" 0
is "node1 2048kB nr_hugepages = 0" "$(hp_nr 1 2048)" 0
is "no vmreserve line in the kernel log" "$(kmsg | wc -l)" 0
check "no record $VMR_STATE" test ! -e "$VMR_STATE"
check "no /run/vmreserve" test ! -e /run/vmreserve
