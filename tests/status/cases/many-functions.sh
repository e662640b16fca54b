# A big host: 2,100 PCI functions besides the R710's four (tests/status/
# gen.sh, generated under build/), each in an IOMMU group of its own
# numbered from 2000: more functions than 2,048 and more groups than 1,024
# (the old tables' sizes), every generated group number above 1,024.
# Selected: the R710's GPU slot 06:00 (two functions, group 17) and the last
# generated function, 0001:08:06.3 (2099 = bus 8, slot 262 % 32 = 6,
# function 3; group 2000 + 2099 = 4099). vmreserve-early binds all three
# (the fake vfio-pci binds what has an override and a group). Everything
# asked is in effect and every group holding a selected device is viable:
# exit 0, no advice but the pin notes. groups --json lists every group and every function.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00,0001:08:06.3'
early=1
boot() {
	. "$here/gen.sh"
	gen_functions 2100 2000
}

want_exit 0
# The only advice: the notes recommending a pin for the two address
# selectors (notes do not raise the exit status).
jq_is '[.verdict, .asked, .in_effect, [.advice[] | .level], .advice_lost]' '["ok",3,3,["note","note"],0]'
jq_is '[.devices[] | [.address, .driver, .iommu_group, .group_viable, .in_effect]]' '[["0000:06:00.0","vfio-pci",17,true,true],["0000:06:00.1","vfio-pci",17,true,true],["0001:08:06.3","vfio-pci",4099,true,true]]'
jq_is '.dropped' '{"functions":0,"groups":0,"nodes":0,"hugepage_rows":0,"unreadable":0}'
again status --prometheus
want_exit 0
want_prom vmreserve_device_group_viable 'address=0000:06:00.0 id=10de:1c81 1;address=0000:06:00.1 id=10de:0fb9 1;address=0001:08:06.3 id=8086:10fb 1'
want_prom vmreserve_dropped_items 'kind=functions 0;kind=groups 0;kind=hugepage_rows 0;kind=nodes 0'
again groups --json
want_exit 0
# the R710's groups 1, 17, 20 and 2000..4099
jq_is '[(.groups | length), ([.groups[].devices[]] | length), .groups[-1].group, .groups_dropped]' '[2103,2104,4099,0]'
jq_is '[.groups[] | select(.group == 4099) | .viable, [.devices[].address]]' '[true,["0001:08:06.3"]]'
