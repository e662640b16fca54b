# SPDX-License-Identifier: MIT
# Hook time: how long the pre-udev hook under test took (between the
# 49vmrbench markers), and how much of it was the kernel's own work: the
# nr_hugepages writes and the vfio-pci load. vmreserve-early measures those
# itself (state: time.hugepages_us, time.modprobe_us); the shell hook is
# bracketed by "vmrbench: sh" markers. Then: did the hook do the job?
# Cmdline: rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:PAGES.

start=$(mark_us "vmrbench: hook start")
end=$(mark_us "vmrbench: hook end")
if [ -z "$start" ] || [ -z "$end" ]; then
	notok "hook markers in the kernel log (start '$start', end '$end')"
	exit 0
fi
ok "hook markers in the kernel log"
if [ -f "$VMR_STATE" ]; then
	hook="c"
	hp_us=$(state_get time.hugepages_us)
	mod_us=$(state_get time.modprobe_us)
	binary_us=$(state_get time.total_us)
else
	hook="sh"
	hp_us=$(pair_sum_us "vmrbench: sh hugepages start" "vmrbench: sh hugepages end")
	mod_us=$(pair_sum_us "vmrbench: sh modprobe start" "vmrbench: sh modprobe end")
	binary_us=0
fi
funcs=$(ls /sys/bus/pci/devices | wc -l)
echo "bench case=hook hook=$hook functions=$funcs hook_us=$((end - start)) hugepages_us=$hp_us modprobe_us=$mod_us binary_us=$binary_us"

# The same job done by both.
want=$(arg rd.vmreserve.hugepages)
expect "node0 2M nr_hugepages as asked ($want)" "$(hp_nr 0 2048)" "${want#0:}"
for f in 0000:01:00.0 0000:01:00.1; do
	expect "$f on vfio-pci" "$(driver_of $f)" vfio-pci
done
