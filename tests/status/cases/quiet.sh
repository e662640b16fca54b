# --quiet prints nothing (stdout and stderr) and exits as --json says:
# here the shared-group warning, exit 1; with nothing asked, exit 0
# (quiet-critical: exit 2).
tree=sharedgroup
proc_cmdline='intel_iommu=on rd.vmreserve.pci=03:00.0'
early=1
args='status --quiet'

want_exit 1
want_empty_stdout
want_empty_stderr
again -q
want_exit 1
want_empty_stdout
again status --json
want_exit 1
jq_is '.exit' '1'
# status is the default command
again --quiet
want_exit 1
want_empty_stdout
again --cmdline 'intel_iommu=on' --quiet
want_exit 0
want_empty_stdout
