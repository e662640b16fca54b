# Sets longer than 255 bytes, as libvirt accepts them (it bounds a set
# only by the XML's size): the R710 booted as in domain-fits (slot on
# vfio-pci, 8 1G pages on node 0), grown to 256 CPUs in the R710's
# interleaved numbering (CPUs 16-255 added, one thread per core: even ones
# on node 0, odd ones on node 1). Node 0's CPUs are then
# '0,2,4,...,254': 383 bytes.
#   The domain is guest-r710.xml with vCPU 0 pinned to that whole list
#   (<vcpupin cpuset>), vCPUs 4 and 5 left to <vcpu cpuset> of the same
#   list: every pin on node 0, where the memory is: exit 0, 6 pins judged,
#   none off node; the hugepages as in domain-fits (8 needed, 8 free).
#   Before, both were refused as "longer than 255 bytes" (exit 3), and the
#   hook refuses a domain it cannot judge: a valid domain could not start.
#   Only the <vcpupin> (guest-r710.xml, vCPU 0's pin the whole list):
#   the same, exit 0, 6 pins judged, none off node.
#   The same <vcpu cpuset> ending in CPU 256, which this host does not have
#   (past 255 bytes: the tail of the set is read): vCPUs 4 and 5 cannot be
#   placed: exit 2.
#   Ending in CPU 65536 instead, past any CPU number this reads (65535,
#   VMR_DOM_MAX_BIT - 1): cannot judge, exit 3, the reason named after
#   the set's first 128 bytes and "...".
#   256 vCPUs in two guest cells, cell 0 the even vCPUs '0,2,...,254' and
#   cell 1 the odd ones (383 bytes each), 4 GiB each, both in 1G pages
#   (the <page> without guest nodeset) on host node 0 (strict): 8 pages
#   needed, 8 free: exit 0.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/pins.xml"
even=$(seq -s, 0 2 254) odd=$(seq -s, 1 2 255)
prepare() {
	. "$fixtures/lib.sh"
	for c in $(seq 16 255); do
		fx_cpu . "$c" $((c % 2)) $((c % 2)) $((c / 2)) "$c"
	done
	fx_cpulist . 0 "$even"
	fx_cpulist . 1 "$odd"
	[ ${#even} -gt 255 ] && [ ${#odd} -gt 255 ]
	sed -e "s/<vcpupin vcpu='0' cpuset='2'/<vcpupin vcpu='0' cpuset='$even'/" \
		-e "/<vcpupin vcpu='[45]'/d" \
		-e "s/<vcpu placement='static'>/<vcpu placement='static' cpuset='$even'>/" \
		"$here/libvirt/guest-r710.xml" >"$work/pins.xml"
	sed "s/cpuset='$even'>/cpuset='$even,256'>/" "$work/pins.xml" >"$work/cpu256.xml"
	sed "s/cpuset='$even'>/cpuset='$even,65536'>/" "$work/pins.xml" >"$work/cpu65536.xml"
	sed "s/<vcpupin vcpu='0' cpuset='2'/<vcpupin vcpu='0' cpuset='$even'/" \
		"$here/libvirt/guest-r710.xml" >"$work/pin.xml"
	grep -q "vcpupin vcpu='0' cpuset='$even'" "$work/pin.xml"
	grep -q "$even,65536'>6<" "$work/cpu65536.xml"
	sed -e "s/>6</>256</; /<vcpupin /d; s/ unit='KiB' nodeset='0'\/>/ unit='KiB'\/>/" \
		-e "s/<topology [^>]*>/<topology sockets='1' dies='1' cores='128' threads='2'\/>/" \
		-e "s|<cell id='0' cpus='0-5' memory='8388608' unit='KiB'/>|<cell id='0' cpus='$even' memory='4' unit='GiB'/><cell id='1' cpus='$odd' memory='4' unit='GiB'/>|" \
		"$here/libvirt/guest-r710.xml" >"$work/cells.xml"
	grep -q "cpuset='$even'>6<" "$work/pins.xml"
	grep -q "vcpupin vcpu='0' cpuset='$even'" "$work/pins.xml"
	grep -q "$even,256'>6<" "$work/cpu256.xml"
	grep -q "cpus='$odd'" "$work/cells.xml"
	! grep -q '<page [^>]*nodeset' "$work/cells.xml"
}

want_exit 0
jq_is '[.verdict, .exit]' '["ok",0]'
jq_is '.vcpu_pins' '{"judged":6,"off_node":0}'
jq_is '.hugepages[0] | [.needed, .free, .level]' '[8,8,"ok"]'
jq_is '[.advice, .advice_lost]' '[[],0]'

again check-domain --json "$work/pin.xml"
want_exit 0
jq_is '.vcpu_pins' '{"judged":6,"off_node":0}'
jq_is '[.advice, .advice_lost]' '[[],0]'

again check-domain --json "$work/cells.xml"
want_exit 0
jq_is '[.verdict, .exit]' '["ok",0]'
jq_is '[.hugepages[] | [.nodes, .needed, .free, .level]]' '[["0",8,8,"ok"]]'

again check-domain --json "$work/cpu256.xml"
want_exit 2
jq_is '[.advice[] | .level]' '["critical"]'
jq_ok '.advice[0].problem | contains("2 of 6") and contains("vCPU 4 on CPU 256")'

again check-domain --json "$work/cpu65536.xml"
want_exit 3
want_stderr_like "*line 26: <vcpu cpuset='$(printf %.128s "$even")...'>: names a number above 65535"
