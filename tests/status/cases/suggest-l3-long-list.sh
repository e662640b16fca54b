# An L3 list longer than 96 characters must not turn the L3 preference
# off. Synthetic, on the host-mi210-2node tree: the CPUs are rebuilt as a
# bigger two-socket server with the interleaved numbering many server
# BIOSes use (the R710's): socket 0 (node 0) holds the even CPUs 0-126,
# socket 1 the odd ones, 32 cores of 2 threads each (siblings 64 apart).
# Socket 0's cores form two L3 domains of 16 cores (as two CCDs): its
# first 16 cores (CPUs 0,2,...,30 and 64,...,94) and the next 16 (CPUs
# 32,...,62 and 96,...,126). The kernel prints the second domain's list
# one CPU at a time, "32,34,...,62,96,...,126": 109 characters.
# suggest 0f:00 (GPU 1, node 0) --vcpus 8: 4 cores, which fit in either
# domain; the second does not hold core 0 (the emulator's), so the pins
# are 4 cores of it, and the XML comment names it. Before, the 109-byte
# list did not fit the 96-byte buffer: no L3 domain at all, no comment.
tree=host-mi210-2node
proc_cmdline='BOOT_IMAGE=(hd0,gpt3)/ostree/vmlinuz ro amd_iommu=on iommu=pt'
args='suggest 0f:00 --vcpus 8 --json'
prepare() {
	. "$fixtures/lib.sh"
	rm -rf sys/devices/system/cpu/cpu[0-9]* sys/devices/system/node/node*/cpu[0-9]*
	l0a='' l0b='' l1a='' l1b=''
	for k in $(seq 0 31); do
		for s in 0 1; do
			c=$((2 * k + s)); t=$((c + 64))
			if [ $k -lt 16 ]; then eval "l${s}a=\"\${l${s}a}\${l${s}a:+,}$c\""
			else eval "l${s}b=\"\${l${s}b}\${l${s}b:+,}$c\""; fi
		done
	done
	for k in $(seq 0 31); do
		for s in 0 1; do
			c=$((2 * k + s)); t=$((c + 64))
			for x in $c $t; do
				fx_cpu . $x $s $s $k "$c,$t"
			done
			if [ $k -lt 16 ]; then eval "l=\"\${l${s}a}\""; else eval "l=\"\${l${s}b}\""; fi
			hi=$(echo "$l" | tr , '\n' | while read -r n; do printf ',%s' $((n + 64)); done)
			fx_cache . $c 3 "$l$hi"
			fx_cache . $t 3 "$l$hi"
		done
	done
	fx_cpulist . 0 "$(seq -s, 0 2 126)"
	fx_cpulist . 1 "$(seq -s, 1 2 127)"
}

want_exit 0
jq_is '[.libvirt_xml | scan("<vcpupin vcpu=.[0-9]+. cpuset=.([0-9]+).") | .[0] | tonumber] | map(select(. % 2 == 0 and ((. % 64) >= 32))) | length' '8'
jq_ok '.libvirt_xml | contains("L3 domain CPUs 32,34,36,")' 'the long list is read and named'
