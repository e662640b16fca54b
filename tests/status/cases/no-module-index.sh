# The same R710 boot without a module index (lib/modules removed, as on a
# host whose modules live elsewhere): the host drivers are unknown, which
# JSON says with null, not with an empty list ("none would claim it").
# Nothing else changes: 4 of 4 in effect, exit 0.
tree=r710
proc_cmdline='ro intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:8G,1:8G'
early=1
prepare() {
	rm -rf lib/modules
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",4,4]'
jq_is '[.devices[].host_drivers]' '[null,null]'
want_text_json_agree
