# check-domain on the MSI GS70 laptop of github.com/T-vK/MobilePassThrough
# issue #7 (host-gs70-optimus tree) after a boot that took the dGPU's slot
# and 4 GiB of 2M pages on node 0; the guest (libvirt/guest-gs70.xml)
# passes both functions of the GTX 765M and uses those pages. Everything
# it asks is there (group 1 viable: root port on pcieport, both functions
# on vfio-pci; 2048 pages free on node 0; pins on node 0), so the domain
# fits: exit 0. The post's GPU is a "3D controller" of a MUX-less laptop:
# check-domain adds the note on its video BIOS (a note: nothing on the
# host shows it missing), for 01:00.0 only.
tree=host-gs70-optimus
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet intel_iommu=on rd.vmreserve.pci=01:00@10de:11e1 rd.vmreserve.hugepages=0:4G'
early=1
args="check-domain --json $here/libvirt/guest-gs70.xml"

want_exit 0
jq_is '[.verdict, .exit]' '["ok",0]'
jq_is '[.hostdevs[] | [.address, .driver, .group_viable, .level]]' '[["0000:01:00.0","vfio-pci",true,"ok"],["0000:01:00.1","vfio-pci",true,"ok"]]'
jq_is '[.advice[] | [.level, (.problem | startswith("0000:01:00.0 [10de:11e1] is an NVIDIA 3D controller"))]]' '[["note",true]]'
