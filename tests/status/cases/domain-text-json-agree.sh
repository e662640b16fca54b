# check-domain's text and JSON come from one structure: for domains with
# findings of every kind on the R710 (booted with only 06:00.0 selected,
# 8 1G pages on node 0), both say the same verdict, hostdev rows, hugepage
# rows, pin counts and findings with their fixes, in the same order.
#   host-driver.xml: 06:00.1 on snd_hda_intel (managed), the boot VGA
#   08:03.0 added (mgag200), a device that does not exist (07:00.0),
#   its 8 GiB in 2M pages on node 1 (none), vCPU 0 pinned to node 1 (the
#   other 5 on node 0: off the memory's node).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00.0 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/many.xml"
prepare() {
	sed -e "s/<page size='1048576'/<page size='2048'/" \
		-e "s/<memory mode='strict' nodeset='0'\/>/<memory mode='strict' nodeset='1'\/>/" \
		-e "s/<vcpupin vcpu='0' cpuset='2'/<vcpupin vcpu='0' cpuset='3'/" \
		-e "s|  </devices>|    <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x08' slot='0x03' function='0x0'/></source></hostdev>\n    <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x07' slot='0x00' function='0x0'/></source></hostdev>\n  </devices>|" \
		"$here/libvirt/guest-r710.xml" >"$work/many.xml"
	grep -q "bus='0x07'" "$work/many.xml"
}

want_exit 2
jq_ok '[.advice[] | .level] | index("critical") != null and index("warning") != null'
if [ "$mode" = check ]; then
	jq -r '"\(.domain) \(if .exit == 2 then "does not fit this host" elif .exit == 1 then "fits this host, with warnings" else "fits this host" end) (exit \(.exit))",
		(.hostdevs[] | "\(.address) \(if .exists then (.id // "unknown") else "missing" end) managed=\(if .managed then "yes" else "no" end)" +
			(if .exists then " driver \(.driver // "-")" + (if .iommu_group == null then " no IOMMU group" else " group \(.iommu_group) (\(if .group_viable == null then "viability unknown" elif .group_viable then "viable" else "not viable" end))" end) + (if .boot_vga then " boot VGA" else "" end) else "" end) + " \(.level)"),
		(.hugepages[] | "\(if .page_kb == 2048 then "2M" elif .page_kb == 1048576 then "1G" else "\(.page_kb)K" end) pages \(if .nodes == null then "any node" else "node \(.nodes)" end) (\(.mode)) needed \(.needed) free \(.free // "unknown") \(.level)"),
		"vCPU pins: \(.vcpu_pins.judged) judged, \(.vcpu_pins.off_node) outside",
		(.advice[] | "\(.level): \(.problem)", (if .fix then "fix: \(.fix)" else empty end))' \
		"$subject" >"$work/agree.want"
	again check-domain "$work/many.xml"
	awk '
	NR == 1 { sub(/^vmreserve check-domain: /, ""); print; next }
	/^[A-Z]/ { sect = $0 }
	/^vCPU pins:/ { sub(/ the memory.s nodes$/, ""); print; next }
	/^  / { line = $0; sub(/^ +/, "", line); gsub(/  +/, " ", line); sub(/^fix: +/, "fix: ", line); print line }' \
		"$subject" >"$work/agree.got"
	cmp -s "$work/agree.want" "$work/agree.got" ||
		fail "text and JSON disagree (- JSON, + text):" "$(diff -u "$work/agree.want" "$work/agree.got" | sed '1,2d' | head -30)"
	[ "$(wc -l <"$work/agree.want")" -gt 10 ] || fail "too little compared"
fi
want_exit 2
