# The L3 domain for a small guest: not the one of the node's first core.
# The 3900X (tree host-ryzen3900x, lscpu -e of the source post): four
# CCXs of 3 cores, each with its own L3 (CPUs 0-2,12-14; 3-5,15-17;
# 6-8,18-20; 9-11,21-23). Core 0 (CPUs 0,12) stays for the emulator and
# I/O threads and the host's housekeeping (vmreserve(8), libvirt). With
# --vcpus 4 (2 cores) any CCX fits; the first one's two free cores share
# its L3 with core 0, so the guest's cache is the host's too, while three
# CCXs are wholly free. The pins must be 2 cores of one CCX other than
# the first, and the XML comment names that one L3 domain only.
# (Reviewer's finding: before, cores 1-2 beside core 0 were taken, the
# smallest domain that fits.)
tree=host-ryzen3900x
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet splash amd_iommu=on'
args='suggest 0d:00 --vcpus 4 --json'

want_exit 0
jq_is '[.libvirt_xml | scan("<vcpupin vcpu=.[0-9]+. cpuset=.([0-9]+).") | .[0] | tonumber] | length' '4'
jq_ok '[.libvirt_xml | scan("<vcpupin vcpu=.[0-9]+. cpuset=.([0-9]+).") | .[0] | tonumber] as $p | [[3,4,5,15,16,17],[6,7,8,18,19,20],[9,10,11,21,22,23]] | any(. as $ccx | $p | all(. as $c | $ccx | index($c)))' 'the pins share one CCX besides the first'
jq_is '[.libvirt_xml | scan("L3 domain CPUs [0-9,-]+")] | length' '1'
jq_not '.libvirt_xml | contains("L3 domain CPUs 0-2,12-14")' 'not the L3 of core 0'
