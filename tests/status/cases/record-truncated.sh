# A record that did not fit its buffer (truncated=1 after result= and
# exit=): the lines it has are used (hp.0: clamped? no: ok), what it lacks
# is unknown, not a failure. Here the dev.* block is gone: both functions
# are on vfio-pci (the kernel's truth), 3 of 3 in effect, exit 0; their
# early status is null in JSON, "unknown" in the text; a note names the
# truncated record.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:1G'
early=1
prepare() {
	s=run/vmreserve/state
	sed -i '/^dev\.[0-9]/,$d' $s
	printf 'result=ok\nexit=0\ntruncated=1\n' >>$s
}

want_exit 0
jq_is '[.verdict, .asked, .in_effect]' '["ok",3,3]'
jq_is '[.early.ran, .early.truncated, .early.bad_lines, .early.result]' '[true,true,0,"ok"]'
jq_is '.cmdline.from' '"/run/vmreserve/state"'
jq_is '[.devices[] | [.early_status, .in_effect]]' '[[null,true],[null,true]]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | .early_status]' '["ok"]'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(contains("truncated"))' 'a note names the truncated record'
want_text_json_agree

again status
want_like '    early status:    unknown'
want_like '  truncated:  *'
