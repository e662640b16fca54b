# binders-long-ids-list's 40 ids on the command line instead
# (vfio_pci.ids=, the bnx2x host, ConnectX-3's 15b3:1003 last), for
# suggest on both Broadcom ports: 14e4:168e can go, the rest stays; the
# fix never names a cut id and never tells 15b3:1003 to go. Then 110 ids
# (more than the 1023 characters vmreserve reads of such a list): which
# could go is not known, so the fix keeps it and says why.
tree=host-debian-bnx2x
proc_cmdline='BOOT_IMAGE=/boot/vmlinuz-6.1.0-13-amd64 root=/dev/sda2 ro intel_iommu=on vfio_pci.ids=14e4:168e,1af4:1000,1af4:1001,1af4:1002,1af4:1003,1af4:1004,1af4:1005,1af4:1006,1af4:1007,1af4:1008,1af4:1009,1af4:100a,1af4:100b,1af4:100c,1af4:100d,1af4:100e,1af4:100f,1af4:1010,1af4:1011,1af4:1012,1af4:1013,1af4:1014,1af4:1015,1af4:1016,1af4:1017,1af4:1018,1af4:1019,1af4:101a,1af4:101b,1af4:101c,1af4:101d,1af4:101e,1af4:101f,1af4:1020,1af4:1021,1af4:1022,1af4:1023,1af4:1024,1af4:1025,15b3:1003 modprobe.blacklist=bnx2x rd.driver.blacklist=bnx2x rd.vmreserve.pci=0000:03:00.0'
early=1

item='[.advice[] | select(.problem | startswith("vfio_pci.ids="))]'
whole="$item"' | map(.problem + " " + .fix | [scan("(?<![0-9a-f:])[0-9a-f]{4}:[0-9a-f]*(?![0-9a-f:.])")] | all(length == 9)) | all'
kept="$item"' | map(.fix | contains("15b3:1003") | not) | (length > 0 and all)'

again suggest 03:00 --memory 1G --json
want_exit 0
jq_ok "$whole" 'no cut id'
jq_ok "$kept" '15b3:1003 is never told to go'
jq_ok "$item"' | any(.fix | contains("remove 14e4:168e from vfio_pci.ids="))' 'the covered id goes'

again suggest 03:00 --memory 1G --json --cmdline 'ro intel_iommu=on vfio_pci.ids=14e4:168e,1af4:1000,1af4:1001,1af4:1002,1af4:1003,1af4:1004,1af4:1005,1af4:1006,1af4:1007,1af4:1008,1af4:1009,1af4:100a,1af4:100b,1af4:100c,1af4:100d,1af4:100e,1af4:100f,1af4:1010,1af4:1011,1af4:1012,1af4:1013,1af4:1014,1af4:1015,1af4:1016,1af4:1017,1af4:1018,1af4:1019,1af4:101a,1af4:101b,1af4:101c,1af4:101d,1af4:101e,1af4:101f,1af4:1020,1af4:1021,1af4:1022,1af4:1023,1af4:1024,1af4:1025,15b3:1003,1d6b:0000,1d6b:0001,1d6b:0002,1d6b:0003,1d6b:0004,1d6b:0005,1d6b:0006,1d6b:0007,1d6b:0008,1d6b:0009,1d6b:000a,1d6b:000b,1d6b:000c,1d6b:000d,1d6b:000e,1d6b:000f,1d6b:0010,1d6b:0011,1d6b:0012,1d6b:0013,1d6b:0014,1d6b:0015,1d6b:0016,1d6b:0017,1d6b:0018,1d6b:0019,1d6b:001a,1d6b:001b,1d6b:001c,1d6b:001d,1d6b:001e,1d6b:001f,1d6b:0020,1d6b:0021,1d6b:0022,1d6b:0023,1d6b:0024,1d6b:0025,1d6b:0026,1d6b:0027,1d6b:0028,1d6b:0029,1d6b:002a,1d6b:002b,1d6b:002c,1d6b:002d,1d6b:002e,1d6b:002f,1d6b:0030,1d6b:0031,1d6b:0032,1d6b:0033,1d6b:0034,1d6b:0035,1d6b:0036,1d6b:0037,1d6b:0038,1d6b:0039,1d6b:003a,1d6b:003b,1d6b:003c,1d6b:003d,1d6b:003e,1d6b:003f,1d6b:0040,1d6b:0041,1d6b:0042,1d6b:0043,1d6b:0044,1d6b:0045'
jq_ok "$item"' | any(.fix | startswith("keep it: its ids are longer than 1023 characters"))' 'a list not read whole is kept'
