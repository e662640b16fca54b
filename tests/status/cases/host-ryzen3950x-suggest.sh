# Real host: laenco's Ryzen 9 3950X (tree host-ryzen3950x, source
# github.com/laenco/vfio-config), before vmreserve: the GTX 1080 (09:00,
# IOMMU group 16, its two functions only) for a guest of 16 GiB, its
# threads pinned to CPUs 8-15,24-31 (qemu-win.sh: the second CCD, cores
# 8-15, L3 caches 2 and 3 of the 3950X's four).
# - His /etc/sysctl.d/10-kvm.conf sets vm.nr_hugepages = 0: with the
#   keys suggest proposes (0:16G, 8192 2M pages) systemd-sysctl would
#   free them all after boot. A warning naming the file and line: the
#   suggestion would not survive the boot as it stands.
# - --vcpus 16: the pins fill whole L3 domains away from the host's
#   first core, CPUs 8-15 and 24-31, as he pinned them.
tree=host-ryzen3950x
proc_cmdline='BOOT_IMAGE=/vmlinuz-linux root=UUID=9f1c ro amd_iommu=on vfio-pci.ids=10de:1b80,10de:10f0 pcie_aspm=off'
args='suggest 09:00 --memory 16G --vcpus 16 --json'

want_exit 1
jq_is '.conf[1]' '"hugepages=0:16G"'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 0 (/etc/sysctl.d/10-kvm.conf:1) undoes the reservation"))'
jq_ok '[.advice[] | select(.level == "warning") | .fix] | any(contains("remove vm.nr_hugepages from /etc/sysctl.d/10-kvm.conf:1"))'
jq_is '[.libvirt_xml | scan("<vcpupin vcpu=.[0-9]+. cpuset=.([0-9]+).") | .[0] | tonumber] | sort' '[8,9,10,11,12,13,14,15,24,25,26,27,28,29,30,31]'
jq_ok '.libvirt_xml | contains("L3 domain CPUs 8-11,24-27") and contains("L3 domain CPUs 12-15,28-31")'
