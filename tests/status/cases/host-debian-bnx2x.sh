# A real host (tests/fixtures/trees/host-debian-bnx2x.sh; SOURCE:
# https://github.com/tonusoo/koduinternet-cpe/issues/2): two 10G NICs for
# a router VM, held by vfio_pci.ids=15b3:1003 (the ConnectX-3), 'options
# vfio-pci ids=14e4:168e' (both ports of the BCM57810) and bnx2x
# blacklisted twice (modprobe.blacklist=, rd.driver.blacklist=). The post's
# point is that bnx2x must never get the Broadcom ports and both cards
# stay on vfio-pci for the VM. The owner moves port 0 (03:00.0) to
# vmreserve by address and keeps the rest.
# What the owner needs from status, reasoned from that:
# - nothing advises removing the ids line or a bnx2x blacklist: port 1
#   (03:00.1) is held by the same id and kept off bnx2x by the same keys;
#   the items say so (notes) and name 03:00.1 on vfio-pci;
# - vfio_pci.ids=15b3:1003 overlaps nothing vmreserve selects: no item;
# - every asked item is met (03:00.0 on vfio-pci): exit 0.
# suggest for the whole card (both ports; the keys select them): then the
# ids line and both blacklists hold nothing else, so removing them is safe
# and the fixes name this host's commands (initramfs-tools: update-
# initramfs; GRUB: /etc/default/grub and update-grub), never dracut. The
# ConnectX-3's key still is not touched. The old settings go only once
# the keys are in effect (status says so), not in the same reboot.
tree=host-debian-bnx2x
proc_cmdline='BOOT_IMAGE=/boot/vmlinuz-6.1.0-13-amd64 root=/dev/sda2 ro kvm-intel.nested=1 intel_iommu=on vfio_pci.ids=15b3:1003 modprobe.blacklist=bnx2x bnx2x.blacklist=1 rd.driver.blacklist=bnx2x brd rd_size=33554432 console=tty0 console=ttyS1,38400n8 cgroup_enable=memory swapaccount=1 rd.vmreserve.pci=0000:03:00.0'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",1,1]'
jq_not '[.advice[] | .fix // ""] | any(startswith("remove"))' 'no fix removes what holds port 1'
jq_ok '[.advice[] | select(.problem | contains("options vfio-pci ids=14e4:168e")) | .problem] | any(contains("0000:03:00.0") and contains("0000:03:00.1 (not selected, on vfio-pci)"))' 'the ids line: port 0 covered, port 1 held'
jq_ok '[.advice[] | select(.problem | startswith("modprobe.blacklist=bnx2x")) | .problem] | any(contains("0000:03:00.1"))'
jq_ok '[.advice[] | select(.problem | startswith("rd.driver.blacklist=bnx2x")) | .problem] | any(contains("0000:03:00.1"))'
jq_not '[.advice[] | .problem + (.fix // "")] | any(contains("15b3:1003"))' 'the ConnectX-3 key overlaps nothing selected'

again suggest 03:00 --memory 1G --json
want_exit 0
jq_ok '[.advice[] | select(.problem | contains("options vfio-pci ids=14e4:168e")) | .fix] | any(contains("once vmreserve status shows them in effect: remove ids=14e4:168e") and contains("update-initramfs -u -k all"))'
jq_ok '[.advice[] | select(.problem | startswith("modprobe.blacklist=bnx2x")) | .fix] | any(contains("in effect: remove modprobe.blacklist=bnx2x") and contains("/etc/default/grub") and contains("update-grub"))'
jq_not '[.advice[] | .problem + (.fix // "")] | any(contains("dracut") or contains("15b3:1003"))'
