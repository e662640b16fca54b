# The R710 booted with 8 1G pages on node 0 and node 1 emptied
# (rd.vmreserve.hugepages=0:8:1G,1:0: node 1's 256 2M pages are gone). The
# domain is `vmreserve libvirt --full`'s, moved to node 1 and grown: 12 GiB
# in 2M pages, <numatune> strict on node 1, vCPUs pinned to node 1's CPUs
# (3,11,5,13,7,15; emulator 1,9), so only the memory is wrong.
#   12 GiB / 2 MiB = 6144 pages needed on node 1, which has 0: does not
#   fit, exit 2; the fix names rd.vmreserve.hugepages=1:12G. Node 0's 1G
#   pages do not count (strict, and another page size).
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on rd.vmreserve.pci=06:00@10de:1c81 rd.vmreserve.hugepages=0:8:1G,1:0'
early=1
args="check-domain --json $work/node1.xml"
prepare() {
	sed -e "s/<memory unit='KiB'>8388608</<memory unit='KiB'>12582912</" \
		-e "s/<page size='1048576'/<page size='2048'/" \
		-e "s/<memory mode='strict' nodeset='0'\/>/<memory mode='strict' nodeset='1'\/>/" \
		-e "s/memory='8388608'/memory='12582912'/" \
		-e "s/cpuset='2'/cpuset='3'/; s/cpuset='10'/cpuset='11'/" \
		-e "s/cpuset='4'/cpuset='5'/; s/cpuset='12'/cpuset='13'/" \
		-e "s/cpuset='6'/cpuset='7'/; s/cpuset='14'/cpuset='15'/" \
		-e "s/cpuset='0,8'/cpuset='1,9'/g" \
		"$here/libvirt/guest-r710.xml" >"$work/node1.xml"
	grep -q "nodeset='1'" "$work/node1.xml"
}

want_exit 2
jq_is '.hugepages' '[{"page_kb":2048,"nodes":"1","mode":"strict","needed":6144,"free":0,"level":"critical"}]'
jq_is '[.hostdevs[] | .level]' '["ok","ok"]'
jq_is '.vcpu_pins' '{"judged":6,"off_node":0}'
jq_is '[.advice[] | .level]' '["critical"]'
jq_ok '.advice[0].problem | contains("node 1") and contains("6144") and contains("12G")'
jq_ok '.advice[0].fix | contains("rd.vmreserve.hugepages=1:12G")'
again check-domain --oneline "$work/node1.xml"
want_exit 2
want_like 'vmreserve-guest does not fit this host: node 1 has 0 free 2M hugepages; *fix: *rd.vmreserve.hugepages=1:12G*'
