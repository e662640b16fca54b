# SPDX-License-Identifier: MIT
# A long-running host, and the anchors (tests/bench/longrun.sh): one boot
# of one approach; prints one "bench case=longrun ..." line.
#  vmrbench.mode=seed    kernel hugepages=2N: the late unit writes 0 to node 1
#  vmrbench.mode=kernel  kernel hugepages=0:N,1:0 (or hugepagesz=1G ...)
#  vmrbench.mode=early   rd.vmreserve.hugepages=0:N,1:0
#  vmrbench.mode=late    vmrbench.late=PAGE_KIB:N: the late unit writes N
#                        after boot, idle; then (unless vmrbench.workload=0,
#                        the over-request) frees it, runs the long-running-
#                        host workload (vmrbench.workload=UNMOV_MIB:ROUNDS:
#                        DROP_EVERY, see vmrbench-mem longrun) and writes N
#                        again, plainly and then with compaction and
#                        retries, the workload's memory held
# Every mode: when the root's check started (kernel clock), the pages of
# node 0 and node 1 then, the kernel's hugetlb_init time (initcall_debug),
# vmreserve-early's own time, node 0's pageblocks (vmrbench-mem pbmap).

up_ms=$(awk '{ printf "%d", $1 * 1000 }' /proc/uptime)
mode=$(arg vmrbench.mode || echo none)
kib=$(arg vmrbench.page_kib || echo 2048)
n0=$(hp_nr 0 "$kib")
n1=$(hp_nr 1 "$kib")
# "initcall hugetlb_init+0x0/0x... returned 0 after 1234 usecs"
hti_us=$(dmesg | sed -n 's/.*initcall hugetlb_init+.* after \([0-9]*\) usecs.*/\1/p' | head -n1)
early_us=$(state_get time.hugepages_us || echo 0)

line="bench case=longrun mode=$mode page_kib=$kib up_ms=$up_ms node0_root=$n0 node1_root=$n1 hugetlb_init_us=${hti_us:-0} early_us=$early_us"
case $mode in
seed)
	# the seed's late unit: node 1's share back
	r=$(taskset 1 vmrbench-mem hp 1 "$kib" 0)
	echo "# late unit: $r"
	line="$line unit_us=$(hpget write_us "$r") node1_after=$(hp_nr 1 "$kib")"
	;;
late)
	late=$(arg vmrbench.late)
	count=${late#*:}
	line="$line requested=$count $(pb idle_)"
	r=$(taskset 1 vmrbench-mem hp 0 "$kib" "$count")
	echo "# idle: $r"
	line="$line idle_obtained=$(hpget obtained "$r") idle_us=$(hpget write_us "$r") idle_free_after_kb=$(node_kb 0 MemFree)"
	if [ "$(arg vmrbench.workload)" != 0 ]; then
		taskset 1 vmrbench-mem hp 0 "$kib" 0 >/dev/null
		# the workload's kernel allocations charged to a memory cgroup:
		# pbmap tells its flagless pages from free ones by that
		grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts || mount -t cgroup2 none /sys/fs/cgroup
		echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || :
		mkdir -p /sys/fs/cgroup/vmrbench
		wl=$(arg vmrbench.workload || echo "96:8:16")
		out=$( (echo $$ >/sys/fs/cgroup/vmrbench/cgroup.procs
			exec vmrbench-mem longrun /dev/vdb 0 0 $(echo "$wl" | tr ':' ' ') \
				". /usr/lib/vmr-test/bench-lib.sh
				 echo \"pb \$(pb after_)\"
				 echo \"plain \$(vmrbench-mem hp 0 $kib $count)\"
				 echo \"retry \$(vmrbench-mem hp 0 $kib $count compact)\"") 2>&1)
		echo "$out" | sed 's/^/# /'
		wlw=$(echo "$out" | sed -n 's/^longrun //p' | tr ' ' '\n' | sed 's/^/wl_/' | tr '\n' ' ')
		pbw=$(echo "$out" | sed -n 's/^pb //p')
		plain=$(echo "$out" | sed -n 's/^plain //p')
		retry=$(echo "$out" | sed -n 's/^retry //p')
		expect "workload ran and the late requests were read back" \
			"$([ -n "$wlw" ] && [ -n "$plain" ] && [ -n "$retry" ] && echo yes)" yes
		line="$line $wlw $pbw after_obtained=$(hpget obtained "$plain") after_us=$(hpget write_us "$plain") after_compact_obtained=$(hpget obtained "$retry") after_free_kb=$(node_kb 0 MemFree)"
	fi
	;;
early | kernel | none) ;;
*) notok "vmrbench.mode=$mode: unknown" ;;
esac
line="$line node0_end=$(hp_nr 0 "$kib") node1_end=$(hp_nr 1 "$kib") free0_end_kb=$(node_kb 0 MemFree) $(pb end_)"
if [ -f /run/vmrbench/gbmap-pre-udev.txt ]; then
	sed 's/^/# pre-udev: /' /run/vmrbench/gbmap-pre-udev.txt
fi
ok "longrun $mode measured"
echo "$line"
