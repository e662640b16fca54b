# --quiet on the IOMMU-off R710 (see iommu-off): silent, exit 2, like
# --json's "exit".
tree=noiommu
proc_cmdline='rd.vmreserve.pci=06:00'
early=1
args='status --quiet'

want_exit 2
want_empty_stdout
want_empty_stderr
again status --json
want_exit 2
jq_is '.exit' '2'
