# After a good boot (06:00 bound, 1:1G = 512 2M pages on node 1), the
# lists themselves cannot be read: sys/bus/pci/devices (a plain file in
# its place: ENOTDIR), node 1's hugepages directory (ENOTDIR) and node 0's
# cpulist (EISDIR). Not seen is no proof of absence: 06:00 is not
# "unmatched" (critical) and node 1 does not "have no 2M hugepages"
# (critical); both items cannot be judged (warnings), nothing asked is
# known not to be in effect: exit 1, not 2.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=1:1G'
early=1
prepare() {
	rm -r $D && echo x >$D
	rm -r $NODE/node1/hugepages && echo x >$NODE/node1/hugepages
	rm $NODE/node0/cpulist && mkdir $NODE/node0/cpulist
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect, .devices, .unmatched]' '["warning",2,0,[],[]]'
jq_is '.unknown.devices' '"cannot read /sys/bus/pci/devices: Not a directory"'
jq_is '[.nodes[] | [.node, .cpus, .unknown]]' '[[0,null,{"cpus":"cannot read /sys/devices/system/node/node0/cpulist: Is a directory"}],[1,"1,3,5,7,9,11,13,15",{"hugepages":"cannot read /sys/devices/system/node/node1/hugepages: Not a directory"}]]'
jq_is '[.advice[] | .level]' '["warning","warning"]'
jq_ok '[.advice[] | .problem] | (any(startswith("cannot judge rd.vmreserve.hugepages '"'"'1:1G'"'"'")) and any(startswith("cannot judge rd.vmreserve.pci '"'"'0000:06:00'"'"'")))'
again status
want_line '  unknown (cannot read /sys/bus/pci/devices: Not a directory)'
want_line '     1 unknown (cannot read /sys/devices/system/node/node1/hugepages: Not a directory)'
no_like '*matched no device*'
