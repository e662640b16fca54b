# SPDX-License-Identifier: MIT
# Hugepage yield on node 0.
#  early: the request was made at pre-udev (by vmreserve-early from
#         rd.vmreserve.hugepages, or by the kernel itself from hugepages=):
#         report what the node has now.
#  late:  vmrbench.late=PAGE_KIB:COUNT (and rd.vmreserve=0): after boot,
#         fragment node 0 first (fill a tmpfs from CPU 0 with 16 KiB files, 24% of the node,
#         read files into the page cache, delete every other file), then
#         write COUNT, once plainly (what a late unit does) and then with
#         compaction and retries (what vmreserve-early does when short).
# With vmrbench.gbmap=1 the 1 GiB map of node 0 is printed too: at pre-udev
# (from the initramfs) and here, before the late request.

# Pages of this size on the other nodes: a request for node 0 must not
# land there.
other_nodes() {
	_sum=0
	for _n in /sys/devices/system/node/node[0-9]*; do
		[ "${_n##*node}" = 0 ] && continue
		_sum=$((_sum + $(hp_nr "${_n##*node}" "$1")))
	done
	echo "$_sum"
}

if late=$(arg vmrbench.late); then
	kib=${late%%:*}
	count=${late#*:}
	total_kb=$(node_kb 0 MemTotal)
	mkdir -p /mnt/frag
	mount -t tmpfs -o size=$((total_kb / 1024))m tmpfs /mnt/frag
	taskset 1 vmrbench-mem frag /mnt/frag $((total_kb * 24 / 100 / 1024)) 16 | sed 's/^/# /'
	cat /lib/modules/*/* /usr/bin/* >/dev/null 2>&1
	dd if=/dev/vda of=/dev/null bs=1M 2>/dev/null
	free_kb=$(node_kb 0 MemFree)
	if [ "$(arg vmrbench.gbmap)" = 1 ]; then
		vmrbench-mem gbmap 0 | sed 's/^/# late: /'
	fi
	plain=$(taskset 1 vmrbench-mem hp 0 "$kib" "$count")
	echo "# $plain"
	got_plain=$(echo "$plain" | sed -n 's/.* obtained=\([0-9]*\).*/\1/p')
	retry=$(taskset 1 vmrbench-mem hp 0 "$kib" "$count" compact)
	echo "# $retry"
	got_retry=$(echo "$retry" | sed -n 's/.* obtained=\([0-9]*\).*/\1/p')
	expect "late request read back" "$([ -n "$got_plain" ] && [ -n "$got_retry" ] && echo yes)" yes
	echo "bench case=yield mode=late page_kib=$kib requested=$count obtained=$got_plain obtained_compact=$got_retry free_kb=$free_kb other_nodes=$(other_nodes "$kib")"
else
	kib=$(arg vmrbench.page_kib || echo 2048)
	if [ -f /run/vmrbench/gbmap-pre-udev.txt ]; then
		sed 's/^/# pre-udev: /' /run/vmrbench/gbmap-pre-udev.txt
	fi
	got=$(hp_nr 0 "$kib")
	if [ -f "$VMR_STATE" ]; then
		by=vmreserve
		req=$(state_get hp.0.target)
		retries=$(state_get hp.0.retries)
		expect "state obtained = sysfs" "$(state_get hp.0.obtained)" "$got"
	else
		by=kernel
		req=$(arg vmrbench.requested || echo '?')
		retries=0
		ok "kernel boot-time reservation read"
	fi
	echo "bench case=yield mode=early by=$by other_nodes=$(other_nodes "$kib") page_kib=$kib requested=$req obtained=$got obtained_compact=$got retries=$retries"
fi
