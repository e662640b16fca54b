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
