# No state record, but this boot's kernel log (dev/kmsg, records as the
# device gives them: "PRI,SEQ,TS,FLAGS;MESSAGE", dictionary lines after)
# has vmreserve-early's lines (LOG_DAEMON, "vmreserve: ..."): it ran and
# could not write /run/vmreserve/state (read-only /run). Status says "ran,
# record not written: REASON", not "did not run": in the text, the JSON
# (early.kernel_log), the advice (fix: make /run writable) and Prometheus
# (vmreserve_early_record_unwritten 1). REASON is the logged one, escaped
# (its raw ESC is U+FFFD in the text, \u001b in JSON); a kernel-facility
# line imitating the failure (PRI 3) is not vmreserve-early's and is
# ignored. The early binary bound 06:00 (asked) as at boot; its record is
# taken away and the kernel log replaced by the device's view (after
# 3000 other records, about 130 KiB). Exit 1:
# the record's item is a warning; 06:00's two functions are on vfio-pci.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	rm run/vmreserve/state
	esc=$(printf '\033')
	# a long boot's log first: the lines come after many reads of 8 KiB
	awk 'BEGIN { for (i = 1; i <= 3000; i++)
		printf "6,%d,%d,-;filler %d of a long boot log\n", i, i, i }' >dev/kmsg
	cat >>dev/kmsg <<KMSG
6,0,0,-;Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org)
30,612,2104551,-;vmreserve: vmreserve-early 0.1.0: asked: pci=06:00
 SUBSYSTEM=vmreserve
27,613,2104590,-;vmreserve: cannot write /run/vmreserve/state: Read-only file system${esc}[2J
3,614,2104600,-;vmreserve: cannot write /run/vmreserve/state: forged by the kernel facility
30,615,2104610,-;vmreserve: ok in 59 us: hugepages 0/0 entries met, devices 1/1 on vfio-pci, 0 command-line errors, exit 0
6,616,2200000,-;EXT4-fs (sda1): re-mounted. Quota mode: none.
KMSG
}

. "$fixtures/lib.sh"
want_exit 1
jq_is '.early.ran' 'false'
jq_is '[.asked, .in_effect]' '[2,2]'
jq_is '.early.kernel_log' '{"ran":true,"record_error":"Read-only file system\u001b[2J","unknown":null}'
jq_is '[.advice[] | select(.problem | startswith("no /run/vmreserve/state")) | [.level, .problem, .fix]]' '[["warning","no /run/vmreserve/state: vmreserve-early ran, record not written: Read-only file system\u001b[2J","make /run writable in the initramfs (a tmpfs, as dracut and initramfs-tools mount it) and reboot; '"'"'dmesg | grep vmreserve:'"'"' shows what it did"]]'
again status
want_exit 1
want_line "  no record: vmreserve-early ran, record not written: Read-only file system$(printf '\357\277\275')[2J"
no_like '*did not run*'
no_like '*forged*'
again status --prometheus
want_prom vmreserve_early_ran '0'
want_prom vmreserve_early_record_unwritten '1'
