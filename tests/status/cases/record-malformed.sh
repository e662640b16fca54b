# A record someone edited or broke: a number that does not parse
# (hp.0.target=51x), a key twice (result=), an index past the limit
# (dev.99.addr), the run time garbled (time.total_us=12ab). The tool
# names the first bad line (hp.0.target: line N of the file), trusts none
# of them, and shows the unparsable numbers as unknown (null), never 0:
# target null, total_us null. The kernel has the 512 pages and both
# functions on vfio-pci, but the warning makes it exit 1.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.hugepages=0:1G'
early=1
prepare() {
	s=run/vmreserve/state
	sed -i 's/^hp\.0\.target=.*/hp.0.target=51x/; s/^time\.total_us=.*/time.total_us=12ab/' $s
	printf 'result=ok\ndev.99.addr=x\n' >>$s
}

want_exit 1
jq_is '[.verdict, .asked, .in_effect]' '["warning",3,3]'
jq_is '[.early.bad_lines, .early.first_bad.problem]' "[4,\"not a number: 'hp.0.target'\"]"
jq_ok ".early.first_bad.line == $(grep -n '^hp\.0\.target=' "$sys/run/vmreserve/state" 2>/dev/null | cut -d: -f1 || echo 0)" 'the line number of hp.0.target'
jq_is '[.early.exit, .early.total_us, .early.result]' '[0,null,"ok"]'
jq_is '[.hugepages[] | select(.node == 0 and .page_kb == 2048) | [.total, .requested, .target, .early_status]]' '[[512,512,null,"ok"]]'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("/run/vmreserve/state line"))' 'a warning names the bad line'
want_text_json_agree

again status
want_like '  vmreserve-early *: result ok, exit 0, unknown us'
want_like '  bad lines:  4, first line *: not a number: *hp.0.target*'
