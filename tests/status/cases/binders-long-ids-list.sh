# A long 'options vfio-pci ids=' line (40 ids, ~400 characters: more
# than one item's advice holds) on the bnx2x host
# (tests/fixtures/trees/host-debian-bnx2x.sh). The Broadcom ports'
# 14e4:168e comes first, the ConnectX-3's 15b3:1003 last; the 1af4 ids in
# between match no device here (kept: they may hold devices not here
# now). A fix the user copies must never name a cut id, and never tell
# 15b3:1003 to go: the ConnectX-3 (04:00.0, on vfio-pci) would lose it.
# - status, port 0 selected: port 1 still needs 14e4:168e: the line is
#   kept whole;
# - suggest for both ports: 14e4:168e is covered whole and can go; the
#   ids to keep do not fit in a fix, so it says what to remove.
tree=host-debian-bnx2x
proc_cmdline='BOOT_IMAGE=/boot/vmlinuz-6.1.0-13-amd64 root=/dev/sda2 ro intel_iommu=on vfio_pci.ids=15b3:1003 modprobe.blacklist=bnx2x rd.driver.blacklist=bnx2x rd.vmreserve.pci=0000:03:00.0'
early=1
boot() {
	printf 'options vfio-pci ids=14e4:168e,1af4:1000,1af4:1001,1af4:1002,1af4:1003,1af4:1004,1af4:1005,1af4:1006,1af4:1007,1af4:1008,1af4:1009,1af4:100a,1af4:100b,1af4:100c,1af4:100d,1af4:100e,1af4:100f,1af4:1010,1af4:1011,1af4:1012,1af4:1013,1af4:1014,1af4:1015,1af4:1016,1af4:1017,1af4:1018,1af4:1019,1af4:101a,1af4:101b,1af4:101c,1af4:101d,1af4:101e,1af4:101f,1af4:1020,1af4:1021,1af4:1022,1af4:1023,1af4:1024,1af4:1025,15b3:1003\n' \
		>etc/modprobe.d/00-netextreme-vfio.conf
}

# Every id-like token in the ids items is a whole VVVV:DDDD.
whole='[.advice[] | select(.problem | startswith("'"'"'options vfio-pci")) | .problem + " " + (.fix // "") | [scan("(?<![0-9a-f:])[0-9a-f]{4}:[0-9a-f]*(?![0-9a-f:.])")] | all(length == 9)] | all'
# No fix drops 15b3:1003: kept whole, or it is in the list set, or it is
# not among the ids to remove.
kept='[.advice[] | select(.problem | startswith("'"'"'options vfio-pci")) | .fix // "" | contains("keep the line") or (contains("set ids=") and contains(",15b3:1003")) or (test("remove [0-9a-f:, ]+ from ids=") and (contains("15b3:1003") | not))] | (length > 0 and all)'

want_exit 0
jq_ok "$whole" 'status: no cut id'
jq_ok "$kept" 'status: 15b3:1003 kept'
jq_ok '[.advice[] | select(.problem | startswith("'"'"'options vfio-pci")) | .fix] | any(startswith("keep the line"))' 'port 1 still needs the line'

again suggest 03:00 --memory 1G --json
want_exit 0
jq_ok "$whole" 'suggest: no cut id'
jq_ok "$kept" 'suggest: 15b3:1003 kept'
jq_ok '[.advice[] | select(.problem | startswith("'"'"'options vfio-pci")) | .fix] | any(contains("remove 14e4:168e from ids="))' 'suggest: the covered id goes'
