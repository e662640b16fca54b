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

# vmreserve status: whether the 1G page was had depends on memory at boot;
# the expected status follows from what the kernel has: met (exit 0) or
# not (nothing in effect, exit 2).
nr1g=$(hp_nr 0 1048576)
if [ "$nr1g" -ge 1 ] 2>/dev/null; then
	want_exit=0 want_met=1 want_level=ok
else
	want_exit=2 want_met=0 want_level=critical
fi
diag "node0 1G nr_hugepages=$nr1g: expecting exit $want_exit"
status_checks "$want_exit"
sj_is "status: asked 1" .asked 1
sj_is "status: in_effect $want_met" .in_effect "$want_met"
sj_true "status: cmdline.hugepages is 0:1:1G" \
	'.cmdline.hugepages == [{"entry": "0:1:1G", "node": 0, "page_kb": 1048576, "pages": 1}]'
is "status: node0 1G requested 1" "$(sj_hp 0 1048576 .requested)" 1
is "status: node0 1G total = nr_hugepages" "$(sj_hp 0 1048576 .total)" "$nr1g"
is "status: node0 1G level $want_level" "$(sj_hp 0 1048576 .level)" "$want_level"
is "status: node0 1G early_status = state hp.0.status" \
	"$(sj_hp 0 1048576 .early_status)" "$(state_get hp.0.status)"
is "status: node0 2M not requested" "$(sj_hp 0 2048 .requested)" null
