# More sysctl files than status reads (128, vmreserve(8)): the names are
# sorted over the whole set first (sysctl.d(5) applies them in name
# order), so the ones not read are the last two, f128 and f129, whose
# 9999 would win; status says how many it did not read (a note) and
# judges what it read: f000's 1000, below the 2304-page pool the boot
# leaves (2048 on node 0, node 1's 256), a warning naming f000.conf:1.
# f001.conf is 70000 bytes, past the 64 KiB read of each file: its last
# line (7777) is not judged, and a note says a file was read in part.
tree=r710
proc_cmdline='intel_iommu=on rd.vmreserve.hugepages=0:4G'
early=1
prepare() {
	mkdir -p usr/lib/sysctl.d
	for i in $(seq 0 129); do
		f=usr/lib/sysctl.d/f$(printf %03d $i).conf
		case $i in
		0) echo 'vm.nr_hugepages = 1000' >$f ;;
		1) { head -c 70000 /dev/zero | tr '\0' '#'; printf '\nvm.nr_hugepages = 7777\n'; } >$f ;;
		128|129) echo 'vm.nr_hugepages = 9999' >$f ;;
		*) echo 'kernel.printk = 4' >$f ;;
		esac
	done
}

want_exit 1
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(. == "2 sysctl files not read: over the limit of 128")'
jq_ok '[.advice[] | select(.level == "warning") | .problem] | any(contains("vm.nr_hugepages = 1000 (/usr/lib/sysctl.d/f000.conf:1) undoes"))'
jq_not '[.advice[] | .problem] | any(contains("9999"))' 'the files not read are the last in order'
jq_ok '[.advice[] | select(.level == "note") | .problem] | any(startswith("a sysctl file was read in part"))'
jq_not '[.advice[] | .problem] | any(contains("7777"))'
want_text_json_agree
