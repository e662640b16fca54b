# A domain that names the R710's 5520 root port (00:01.0, class 0x0604, on
# pcieport) as a hostdev: vfio-pci refuses bridges (the kernel's rule), so
# it cannot start: does not fit, exit 2, saying to pass through the device
# behind it.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=UUID=0b3d ro quiet intel_iommu=on'
args="check-domain --json $work/port.xml"
prepare() {
	cat >"$work/port.xml" <<'XML'
<domain type='kvm'>
  <name>port</name>
  <memory unit='GiB'>1</memory>
  <devices>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x00' slot='0x01' function='0x0'/></source>
    </hostdev>
  </devices>
</domain>
XML
}

want_exit 2
jq_is '[.hostdevs[] | [.address, .driver, .level]]' '[["0000:00:01.0","pcieport","critical"]]'
jq_ok '.advice[0].problem | contains("0000:00:01.0") and contains("bridge")'
jq_is '.hugepage_backed' 'false'
