# A state record without writer=, result= and exit= lines (an older or cut
# short writer): the text says "-" where the JSON says null, for each
# field on its own (the runner compares them); total_us is still there.
# 06:00 is bound: exit 0.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.pci=06:00'
early=1
prepare() {
	grep -v -e '^writer=' -e '^result=' -e '^exit=' run/vmreserve/state >state.new
	mv state.new run/vmreserve/state
}

want_exit 0
jq_is '[.early.ran, .early.writer, .early.result, .early.exit, (.early.total_us | type)]' '[true,null,null,null,"number"]'
again status
want_like '  -: result -, exit unknown, * us'
