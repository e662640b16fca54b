# Real host: laenco's Ryzen 9 3950X (tree host-ryzen3950x, source
# github.com/laenco/vfio-config). His /etc/sysctl.d/10-kvm.conf sets
# vm.nr_hugepages = 0 (his guest takes dynamic pages, overcommit). Say he
# moves to vmreserve with the 16 GiB his qemu-win.sh gives the guest:
# rd.vmreserve.pci=09:00 rd.vmreserve.hugepages=0:16G. At boot
# vmreserve-early reserves node 0's 8192 2M pages (its record: ok); then
# systemd-sysctl applies 10-kvm.conf and writes 0 to vm.nr_hugepages: the
# kernel frees every free page, and no guest holds any yet, so node 0 is
# back to 0. The GPU is on vfio-pci (in effect); the pages are not (0 of
# 8192): partly in effect, exit 1. The cause named is the file and line
# (/etc/sysctl.d/10-kvm.conf:1), not the free memory at boot (the record
# says the pages were there).
tree=host-ryzen3950x
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=9f1c ro amd_iommu=on vfio-pci.ids=10de:1b80,10de:10f0 pcie_aspm=off rd.vmreserve.pci=09:00 rd.vmreserve.hugepages=0:16G'
early=1
prepare() {
	echo 0 >$NODE/node0/hugepages/hugepages-2048kB/nr_hugepages
	echo 0 >$NODE/node0/hugepages/hugepages-2048kB/free_hugepages
}

want_exit 1
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .requested, .early_status, .level]]' '[[0,8192,"ok","critical"]]'
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("vmreserve-early had 8192 at boot") and contains("vm.nr_hugepages = 0 at /etc/sysctl.d/10-kvm.conf:1"))' 'the sysctl line is the cause'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("remove the line /etc/sysctl.d/10-kvm.conf:1"))'
jq_not '[.advice[] | .fix] | any(contains("too little free memory"))'
