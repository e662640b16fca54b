# The JSON's "tool" is what --version prints.
tree=r710
proc_cmdline='intel_iommu=on'

want_exit 0
if [ $mode = check ]; then
	v=$("$bin" --version)
	jq_is '.tool' "\"$v\""
fi
