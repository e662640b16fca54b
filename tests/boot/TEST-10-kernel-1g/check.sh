# shellcheck shell=sh
# TEST-10-kernel-1g: hugepagesz=1G hugepages=0:2 with
# rd.vmreserve.hugepages=0:2:1G,1:0:1G. The kernel allocates both pages at
# boot, puts on node 1 what does not fit on node 0 (Debian's 6.1 kernel
# does), and vmreserve-early then frees node 1's share at pre-udev, checks
# node 0 without retrying (1G pages never are) and records what it found.

check "kmsg: the kernel pre-allocated 2 1G pages" \
	sh -c 'dmesg | grep -q "HugeTLB: registered 1.00 GiB page size, pre-allocated 2 pages"'

# Both entries found the kernel's pages: what it put on each node adds up.
before0=$(state_get hp.0.before)
before1=$(state_get hp.1.before)
is "state: the kernel's 2 pages were on node 0 and node 1 before the hook" \
	"$((before0 + before1))" 2
diag "kernel placed $before0 on node 0 and $before1 on node 1"

# Emptying goes first: node 1 ends with none, whatever the kernel put there.
is "node1 1G nr_hugepages = 0" "$(hp_nr 1 1048576)" 0
state_is "state hp.1.entry=1:0:1G" hp.1.entry 1:0:1G
state_is "state hp.1.obtained=0" hp.1.obtained 0
state_is "state hp.1.status=ok" hp.1.status ok

# Node 0 keeps what the kernel gave it: no runtime page is added there.
nr0=$(hp_nr 0 1048576)
is "node0 1G nr_hugepages = what the kernel placed there" "$nr0" "$before0"
state_is "state hp.0.retries=0 (1G: written once)" hp.0.retries 0
state_hp_vs_sysfs
if [ "$nr0" = 2 ]; then
	state_is "state hp.0.status=ok" hp.0.status ok
	want_exit=0
else
	state_is "state hp.0.status=short" hp.0.status short
	check "kmsg: the short line names the kernel's parameters" \
		kmsg_has "vmreserve: node 0: 1G pages: requested 2, target 2, obtained $nr0 \(was $before0; 0 retries; .*hugepagesz=1G hugepages=NODE:COUNT"
	want_exit=1
fi
is "no 2M pages anywhere" "$(hp_nr 0 2048)$(hp_nr 1 2048)" 00

# vmreserve status: node 1 emptied is in effect; node 0 met or short.
diag "node0 1G nr_hugepages=$nr0: expecting exit $want_exit"
status_checks "$want_exit"
is "status: node0 1G total" "$(sj_hp 0 1048576 .total)" "$nr0"
is "status: node1 1G requested 0" "$(sj_hp 1 1048576 .requested)" 0
is "status: node1 1G level ok" "$(sj_hp 1 1048576 .level)" ok
