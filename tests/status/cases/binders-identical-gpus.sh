# Issue 19's dual-GPU host, on the R710: a second, identical GTX 1050 at
# 07:00 is held by the old recipe (vfio-pci.ids= with both ids and
# modprobe.blacklist=nouveau) for another VM; vmreserve now selects 06:00.
# Removing either key would free 07:00: nouveau would take 07:00.0 at boot
# and 07:00.1 would lose vfio-pci. So:
# - vfio-pci.ids=: both ids cover 06:00.x and also hold 07:00.x (on
#   vfio-pci): a note whose fix keeps the key (no id can go);
# - modprobe.blacklist=nouveau: covers 06:00.0, also keeps nouveau off
#   07:00.0 (on vfio-pci): a note, keep it;
# - everything asked is met, only notes: exit 0; suggest for 06:00 says
#   the same (its keys cover 06:00 only).
# Then 07:00.0 without any driver (nothing holds it): the blacklist
# leaves a device not selected driverless, a warning whose fix removes
# nouveau only if that is wanted: exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on modprobe.blacklist=nouveau vfio-pci.ids=10de:1c81,10de:0fb9 rd.vmreserve.pci=06:00@10de:1c81'
early=1
boot() {
	. "$fixtures/lib.sh"
	fx_pci . 0000:07:00.0 10de:1c81 0x030000 driver=vfio-pci group=18 \
		parent=0000:00:01.0 multi boot_vga=0
	fx_pci . 0000:07:00.1 10de:0fb9 0x040300 driver=vfio-pci group=18 \
		parent=0000:00:01.0 multi
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_not '[.advice[] | .fix // ""] | any(startswith("remove") or contains("change"))' 'nothing that holds 07:00 is removed'
jq_ok '[.advice[] | select(.problem | startswith("vfio-pci.ids=")) | [.problem, .fix]] | any((.[0] | contains("10de:1c81 also holds 0000:07:00.0 (not selected, on vfio-pci)") and contains("10de:0fb9 also holds 0000:07:00.1")) and (.[1] | startswith("keep it")))'
jq_ok '[.advice[] | select(.problem | startswith("modprobe.blacklist=nouveau")) | [.level, .fix]] | any(.[0] == "note" and (.[1] | startswith("keep modprobe.blacklist=nouveau")))'
again suggest 06:00 --memory 1G --json
want_exit 0
jq_not '[.advice[] | .fix // ""] | any(startswith("remove") or contains("change"))' 'suggest: nothing that holds 07:00 is removed'
jq_ok '[.advice[] | .problem] | any(startswith("vfio-pci.ids=") and contains("0000:07:00.0"))'
[ $mode = check ] && {
	. "$fixtures/lib.sh"
	fx_unbind "$sys" 0000:07:00.0
}
again status --json
want_exit 1
jq_ok '[.advice[] | select(.problem | startswith("modprobe.blacklist=nouveau")) | [.level, .problem, .fix]] | any(.[0] == "warning" and (.[1] | contains("0000:07:00.0 (not selected, without a driver)")) and (.[2] | startswith("only if those should get nouveau")))'
