# shellcheck shell=sh
# TEST-03-hugepages-2m: rd.vmreserve.hugepages=0:256 reserves 256 2M pages on
# node 0 and nothing on node 1 (a node write never spills over).

is "node0 2048kB nr_hugepages = 256" "$(hp_nr 0 2048)" "256"
is "node1 2048kB nr_hugepages = 0" "$(hp_nr 1 2048)" "0"
is "node0 1048576kB nr_hugepages = 0" "$(hp_nr 0 1048576)" "0"
is "node1 1048576kB nr_hugepages = 0" "$(hp_nr 1 1048576)" "0"
is "global 2048kB nr_hugepages = 256" \
	"$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)" "256"
is "node0 2048kB pages all free" "$(hp_free 0 2048)" "256"

check "kmsg: node 0 got 256 of 256 2M pages" \
	kmsg_has 'vmreserve: node 0: 2M pages: requested 256, target 256, obtained 256 \(was 0;'
check "kmsg: summary says ok, 1/1 entries met" kmsg_has 'vmreserve: ok in [0-9]+ us: hugepages 1/1 entries met,.* exit 0$'

state_is "state hp.count=1" hp.count 1
state_is "state hp.0.node=0" hp.0.node 0
state_is "state hp.0.page_kb=2048" hp.0.page_kb 2048
state_is "state hp.0.requested=256" hp.0.requested 256
state_is "state hp.0.target=256" hp.0.target 256
state_is "state hp.0.obtained=256" hp.0.obtained 256
state_is "state hp.0.status=ok" hp.0.status ok
state_hp_vs_sysfs
state_is "state dev.count=0" dev.count 0
state_is "state result=ok" result ok
state_is "state exit=0" exit 0

# vmreserve status: the one request is met: exit 0.
# The machine (run-qemu.sh): vIOMMU with intremap=on, intel_iommu=on.
status_checks 0 true true
sj_is "status: asked 1" .asked 1
sj_is "status: in_effect 1" .in_effect 1
sj_true "status: cmdline.hugepages is 0:256" \
	'.cmdline.hugepages == [{"entry": "0:256", "node": 0, "page_kb": 2048, "pages": 256, "source": "/proc/cmdline"}]'
sj_hp_is "status: node0 2M requested 256" 0 2048 .requested 256
sj_hp_is "status: node0 2M target 256" 0 2048 .target 256
sj_hp_is "status: node0 2M total 256" 0 2048 .total 256
sj_hp_is "status: node0 2M level ok" 0 2048 .level ok
sj_hp_is "status: node0 2M early_status ok" 0 2048 .early_status ok
sj_hp_is "status: node1 2M not requested" 1 2048 .requested null
sj_is "status: one row requested" '[.hugepages[] | select(.requested != null)] | length' 1
sj_is "status: no devices" '.devices | length' 0
sj_is "status: no warning or critical advice" \
	'[.advice[] | select(.level == "warning" or .level == "critical")] | length' 0
