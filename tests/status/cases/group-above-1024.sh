# The R710's GPU slot 06:00 in IOMMU group 4242 instead of 17 (hosts with
# many devices number groups into the thousands). The slot is bound and
# the group viable: exit 0, the group number as it is.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
boot() {
	. "$here/gen.sh"
	gen_regroup 17 4242
}

want_exit 0
# Only the note that recommends pinning the address selector (a note, so
# exit 0); no warning about the group.
jq_is '[.verdict, .asked, .in_effect, [.advice[] | .level]]' '["ok",2,2,["note"]]'
jq_ok '.advice[0].fix | contains("@10de:1c81")'
jq_is '[.devices[] | [.address, .iommu_group, .group_viable, .in_effect]]' '[["0000:06:00.0",4242,true,true],["0000:06:00.1",4242,true,true]]'
again groups --json
jq_is '[.groups[] | select(.group == 4242) | .viable, ([.devices[].address])]' '[true,["0000:06:00.0","0000:06:00.1"]]'
