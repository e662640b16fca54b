# shellcheck shell=sh
# TEST-04-hugepages-1g: rd.vmreserve.hugepages=0:1:1G with a 6G node 0 gets
# one 1G page on node 0, none on node 1, and no 2M pages anywhere.

check "CPU has pdpe1gb" grep -qw pdpe1gb /proc/cpuinfo
check "node0 has 1G page support" test -d /sys/devices/system/node/node0/hugepages/hugepages-1048576kB
is "node0 1048576kB nr_hugepages = 1" "$(hp_nr 0 1048576)" "1"
is "node1 1048576kB nr_hugepages = 0" "$(hp_nr 1 1048576)" "0"
is "node0 2048kB nr_hugepages = 0" "$(hp_nr 0 2048)" "0"
is "node1 2048kB nr_hugepages = 0" "$(hp_nr 1 2048)" "0"

check "kmsg: node 0 got 1 of 1 1G page" \
	kmsg_has 'vmreserve: node 0: 1G pages: requested 1, target 1, obtained 1 \(was 0;'

state_is "state hp.count=1" hp.count 1
state_is "state hp.0.node=0" hp.0.node 0
state_is "state hp.0.page_kb=1048576" hp.0.page_kb 1048576
state_is "state hp.0.requested=1" hp.0.requested 1
state_is "state hp.0.target=1" hp.0.target 1
state_is "state hp.0.obtained=1" hp.0.obtained 1
state_is "state hp.0.status=ok" hp.0.status ok
state_hp_vs_sysfs
state_is "state result=ok" result ok
state_is "state exit=0" exit 0

# vmreserve status: the one request is met (a 6 GiB node 0 has a free,
# aligned GiB at pre-udev; qemu.env): exit 0. A missing page is a failure
# of this case, not another outcome.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: asked 1" .asked 1
sj_is "status: in_effect 1" .in_effect 1
sj_true "status: cmdline.hugepages is 0:1:1G" \
	'.cmdline.hugepages == [{"entry": "0:1:1G", "node": 0, "page_kb": 1048576, "pages": 1, "source": "/proc/cmdline"}]'
sj_hp_is "status: node0 1G requested 1" 0 1048576 .requested 1
sj_hp_is "status: node0 1G total 1" 0 1048576 .total 1
sj_hp_is "status: node0 1G level ok" 0 1048576 .level ok
sj_hp_is "status: node0 1G early_status ok" 0 1048576 .early_status ok
sj_hp_is "status: node0 2M not requested" 0 2048 .requested null
