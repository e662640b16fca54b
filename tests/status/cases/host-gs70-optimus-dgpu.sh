# The MSI GS70 laptop of github.com/T-vK/MobilePassThrough issue #7
# (host-gs70-optimus tree), booted with vmreserve taking the dGPU's slot
# (01:00, pinned to the GTX 765M): its group 1 holds the root port, the
# GPU and its HDMI audio, so with both functions on vfio-pci it is viable
# (the post's checker: "could be passed through"). The post also says the
# laptop is MUX-less and the GPU a "3D controller" (class 0302): it has no
# outputs and no video BIOS of its own, so the guest needs the one from the
# laptop's firmware (romfile): a note, as nothing on the host shows it
# missing. 2 of 2 asked in effect; a note does not change the exit: 0.
tree=host-gs70-optimus
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro quiet intel_iommu=on rd.vmreserve.pci=01:00@10de:11e1'
early=1

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",2,2]'
jq_is '[.devices[] | [.address, .class, .driver, .group_viable]]' '[["0000:01:00.0","0x030200","vfio-pci",true],["0000:01:00.1","0x040300","vfio-pci",true]]'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("0000:01:00.0") and contains("3D controller") and contains("video BIOS"))' 'the note on the video BIOS'
jq_ok '[.advice[] | select(.level == "note") | .fix] | any(contains("romfile") and contains("rom file"))' 'its fix names romfile'
jq_is '[.advice[] | select(.level != "note")]' '[]'
