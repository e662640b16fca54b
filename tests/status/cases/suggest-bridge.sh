# A root port (00:01.0, a PCI bridge on pcieport) as DEVICE: vmreserve
# never takes bridges, so the suggestion cannot work: exit 2, the fix says
# to pass the device behind it.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on'
args='suggest 00:01.0 --json'

want_exit 2
jq_ok '[.advice[] | select(.level == "critical") | .problem] | any(contains("0000:00:01.0 is a PCI bridge or port"))'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(. == "pass the device behind it instead")'
