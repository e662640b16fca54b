# No state record; the kernel log has vmreserve-early's first and summary
# lines but no "cannot write" line (the record was removed since, or the
# log lost it): it ran, the record is missing, and no reason is known:
# "ran, record not written: the kernel log names no reason" (its fix: find
# what removes the record, not /run's mount), and the fix of a device not
# on vfio-pci points at that item rather than saying vmreserve-early did
# not run. Here nothing was bound (06:00's two
# functions are on their host drivers): nothing asked is in effect, exit 2.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00'
prepare() {
	cat >dev/kmsg <<'KMSG'
6,0,0,-;Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org)
30,612,2104551,-;vmreserve: vmreserve-early 0.1.0: asked: pci=06:00
28,615,2104610,-;vmreserve: partial in 59 us: hugepages 0/0 entries met, devices 0/2 on vfio-pci, 0 command-line errors, exit 1
KMSG
}

. "$fixtures/lib.sh"
want_exit 2
jq_is '[.asked, .in_effect]' '[2,0]'
jq_is '.early.kernel_log' '{"ran":true,"record_error":null,"unknown":null}'
jq_is '[.advice[] | select(.problem | startswith("no /run/vmreserve/state")) | [.level, .problem, .fix]]' '[["warning","no /run/vmreserve/state: vmreserve-early ran, record not written: the kernel log names no reason","check what removes /run/vmreserve/state after boot; '"'"'dmesg | grep vmreserve:'"'"' shows what vmreserve-early did"]]'
jq_ok '[.advice[] | select(.fix | contains("vmreserve-early ran at boot but wrote no record: see the item about /run/vmreserve/state"))] | length > 0' 'a device fix points at the record item'
jq_not '[.advice[] | select(.fix // "" | contains("did not run"))] | length > 0' 'no fix says it did not run'
again status
want_line '  no record: vmreserve-early ran, record not written: the kernel log names no reason'
