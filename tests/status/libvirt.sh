#!/bin/sh
# Tests of `vmreserve libvirt`: libvirt.sh BINARY
#
# Runs the status tool against fixture trees (the R710 of
# tests/fixtures/trees/r710.sh, altered here, and small hand-made trees)
# and checks the XML it prints against the trees' own topology files, read
# here independently of the tool: every vCPU group on the SMT siblings of
# one host core (same package and core_id, in each other's
# thread_siblings_list), on the chosen node, no host CPU twice, emulator
# and I/O threads on the node's other CPUs. --full output must pass
# virt-xml-validate (libvirt-clients): a missing validator is a failure.
# Prints "ok N - NAME" or "not ok N - NAME" with what differed, then
# "N passed, N failed"; exits 1 when a case failed.
set -u

[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../fixtures/lib.sh
. "$top/tests/fixtures/lib.sh"
# shellcheck source-path=SCRIPTDIR source=../fixtures/harness.sh
. "$top/tests/fixtures/harness.sh"
harness_init status-libvirt "$1"

# ---------------------------------------------------------------- trees

# r710 DIR: the R710 fixture, built once, then copied.
r710() {
	_r=$(tree_dir r710) && cp -a "$_r" "$1"
}

# set_pages DIR NODE PAGE_KB COUNT: COUNT pages reserved (and free).
set_pages() {
	_sp=$1/sys/devices/system/node/node$2/hugepages/hugepages-$3kB
	mkdir -p "$_sp"
	printf '%s\n' "$4" >"$_sp/nr_hugepages"
	printf '%s\n' "$4" >"$_sp/free_hugepages"
	printf '0\n' >"$_sp/surplus_hugepages"
}

# bind_vfio DIR BDF: the function is on vfio-pci now (links both ways, as
# fx_pci makes them for driver=).
bind_vfio() {
	fx_unbind "$1" "$2"
	fx_driver "$1" vfio-pci
	_bv_path=$(readlink "$1/sys/bus/pci/devices/$2")
	_bv_path=${_bv_path#../../../}
	_bv_up='' _bv_rest=$_bv_path
	while [ -n "$_bv_rest" ]; do
		_bv_up="../$_bv_up"
		case $_bv_rest in */*) _bv_rest=${_bv_rest#*/} ;; *) _bv_rest= ;; esac
	done
	ln -s "${_bv_up}bus/pci/drivers/vfio-pci" "$1/sys/$_bv_path/driver"
	ln -s "../../../../$_bv_path" "$1/sys/bus/pci/drivers/vfio-pci/$2"
	printf 'vfio-pci\n' >"$1/sys/$_bv_path/driver_override"
}

# One node of 4 cores without SMT (each CPU its own sibling list),
# core ids 0,2,4,6; 512 2M pages reserved.
smt1() {
	fx_root "$1"
	fx_node "$1" 0 8388608 7340032 2048=512 1048576
	for _c in 0 1 2 3; do
		fx_cpu "$1" "$_c" 0 0 $((_c * 2)) "$_c"
	done
	fx_cpulist "$1" 0 0-3
}

# A hybrid node: 4 P-cores with adjacent siblings (0-1, 2-3, ...), then
# 4 E-cores without SMT (8-11); 2 1G pages reserved.
hybrid() {
	fx_root "$1"
	fx_node "$1" 0 16777216 15728640 2048 1048576=2
	for _c in 0 2 4 6; do
		fx_cpu "$1" "$_c" 0 0 "$_c" "$_c-$((_c + 1))"
		fx_cpu "$1" $((_c + 1)) 0 0 "$_c" "$_c-$((_c + 1))"
	done
	for _c in 8 9 10 11; do
		fx_cpu "$1" "$_c" 0 0 $((_c + 8)) "$_c"
	done
	fx_cpulist "$1" 0 0-11
}

# A node holding one core only (CPUs 0 and 1), next to a normal one.
onecore() {
	fx_root "$1"
	fx_node "$1" 0 4194304 3145728 2048=256 1048576
	fx_node "$1" 1 4194304 3145728 2048 1048576
	fx_cpu "$1" 0 0 0 0 0-1
	fx_cpu "$1" 1 0 0 0 0-1
	for _c in 2 3 4 5; do
		fx_cpu "$1" "$_c" 1 1 $((_c / 2)) "$((_c / 2 * 2))-$((_c / 2 * 2 + 1))"
	done
	fx_cpulist "$1" 0 0-1
	fx_cpulist "$1" 1 2-5
}

# --------------------------------------------------------- XML checks

# expand LIST: "0-2,8" -> "0 1 2 8"
expand() {
	_e_out=
	_e_ifs=$IFS
	IFS=,
	for _e_r in $1; do
		_e_lo=${_e_r%-*} _e_hi=${_e_r#*-}
		while [ "$_e_lo" -le "$_e_hi" ]; do
			_e_out="$_e_out $_e_lo"
			_e_lo=$((_e_lo + 1))
		done
	done
	IFS=$_e_ifs
	printf '%s\n' "${_e_out# }"
}

# has LIST N: is N in the space-separated LIST?
has() {
	case " $1 " in *" $2 "*) return 0 ;; esac
	return 1
}

# attr FILE ELEMENT ATTR: the values of ATTR on every ELEMENT (one a line).
attr() {
	sed -n "s/.*<$2 [^>]*\\b$3='\\([^']*\\)'.*/\\1/p" "$1"
}

# text FILE ELEMENT: the text of <ELEMENT ...>TEXT</ELEMENT>.
text() {
	sed -n "s/.*<$2\\( [^>]*\\)\\{0,1\\}>\\([^<]*\\)<\\/$2>.*/\\2/p" "$1"
}

topo() {
	cat "$tree/sys/devices/system/cpu/cpu$1/topology/$2"
}

# check_pinning NODE VCPUS: the output's pinning against the tree.
check_pinning() {
	_node=$1 _want=$2 _x=$work/stdout
	_nodecpus=$(expand "$(cat "$tree/sys/devices/system/node/node$_node/cpulist")")
	[ "$(attr "$_x" memory nodeset)" = "$_node" ] ||
		fail "numatune nodeset is '$(attr "$_x" memory nodeset)', not $_node"
	_k=$(text "$_x" vcpu)
	[ "$_k" = "$_want" ] || fail "<vcpu> is '$_k', not $_want"
	_threads=$(attr "$_x" topology threads)
	_cores=$(attr "$_x" topology cores)
	if [ -z "$_threads" ] || [ -z "$_cores" ] ||
		[ $((_cores * _threads)) -ne "$_k" ]; then
		fail "topology cores='$_cores' threads='$_threads' for $_k vCPUs"
		return
	fi
	[ "$(attr "$_x" cell cpus)" = "0-$((_k - 1))" ] ||
		fail "numa cell cpus='$(attr "$_x" cell cpus)', not 0-$((_k - 1))"
	sed -n "s/.*<vcpupin vcpu='\\([0-9]*\\)' cpuset='\\([^']*\\)'.*/\\1 \\2/p" \
		"$_x" >"$work/pins"
	[ "$(wc -l <"$work/pins")" -eq "$_k" ] || fail "not $_k vcpupin lines"
	_used='' _v=0
	while read -r _vcpu _cpu; do
		[ "$_vcpu" = "$_v" ] || fail "vcpupin $_v is missing or out of order"
		case $_cpu in *[!0-9]*|'') fail "vCPU $_vcpu pinned to '$_cpu', not one CPU"; continue ;; esac
		has "$_nodecpus" "$_cpu" || fail "vCPU $_vcpu on CPU $_cpu, not of node $_node"
		has "$_used" "$_cpu" && fail "CPU $_cpu pinned twice"
		_used="$_used $_cpu"
		# Each vCPU group: the siblings of the group's first host CPU.
		if [ $((_vcpu % _threads)) -eq 0 ]; then
			_lead=$_cpu
		else
			if [ "$(topo "$_cpu" physical_package_id)" != "$(topo "$_lead" physical_package_id)" ] ||
				[ "$(topo "$_cpu" core_id)" != "$(topo "$_lead" core_id)" ]; then
				fail "vCPU $_vcpu on CPU $_cpu: not the core of CPU $_lead"
			fi
			has "$(expand "$(topo "$_lead" thread_siblings_list)")" "$_cpu" ||
				fail "CPU $_cpu is not in CPU $_lead's thread_siblings_list"
		fi
		_v=$((_v + 1))
	done <"$work/pins"
	_pool=$(expand "$(attr "$_x" emulatorpin cpuset)")
	[ -n "$_pool" ] || fail "no emulatorpin"
	# shellcheck disable=SC2046
	for _cpu in $(for _s in $(attr "$_x" emulatorpin cpuset) \
			$(attr "$_x" iothreadpin cpuset); do expand "$_s"; done); do
		has "$_nodecpus" "$_cpu" || fail "emulator/iothread CPU $_cpu not of node $_node"
		has "$_used" "$_cpu" && fail "emulator/iothread CPU $_cpu also runs a vCPU"
	done
	# Every CPU of the node is used by someone.
	for _cpu in $_nodecpus; do
		has "$_used $_pool" "$_cpu" || fail "CPU $_cpu of node $_node unused"
	done
}

# validate FILE: virt-xml-validate FILE domain
validate() {
	if ! command -v virt-xml-validate >/dev/null 2>&1; then
		fail "virt-xml-validate not found: install the Debian package libvirt-clients (apt-get install libvirt-clients)"
		return
	fi
	virt-xml-validate "$1" domain >"$work/validate" 2>&1 ||
		fail "virt-xml-validate: $(cat "$work/validate")"
}

# usage_error WORD...: exit 3, nothing on stdout, one "vmreserve: " line on
# stderr containing every WORD.
usage_error() {
	[ "$status" -eq 3 ] || fail "exit status $status, not 3"
	[ -s "$work/stdout" ] && fail "printed XML despite the error"
	if [ "$(wc -l <"$work/stderr")" -ne 1 ] || ! grep -q '^vmreserve: ' "$work/stderr"; then
		fail "stderr is not one 'vmreserve: ' line: $(cat "$work/stderr")"
	fi
	for _w; do
		grep -qF -- "$_w" "$work/stderr" || fail "stderr does not name '$_w': $(cat "$work/stderr")"
	done
}

# ---------------------------------------------------------------- cases

n=0 passed=0 failed=0

# run NAME TREE-BUILDER [ARGS...] -- then the checks as "$@" after ran.
start() {
	n=$((n + 1))
	work=$out/$n
	mkdir -p "$work"
	: >"$work/fail"
	name=$1
	tree=$work/tree
}

# vmr ARGS...: run the tool on $tree; stdout, stderr, status kept.
vmr() {
	"$bin" --sysroot "$tree" libvirt "$@" >"$work/stdout" 2>"$work/stderr"
	status=$?
	printf '%s\n' "$*" >"$work/args"
}

ok_run() {
	[ "$status" -eq 0 ] || fail "exit status $status: $(cat "$work/stderr")"
}

finish() {
	if [ -s "$work/fail" ]; then
		echo "not ok $n - $name"
		sed 's/^/#   /' "$work/fail"
		echo "#   (args: $(cat "$work/args" 2>/dev/null); output in $work)"
		failed=$((failed + 1))
	else
		echo "ok $n - $name"
		passed=$((passed + 1))
	fi
}

# The R710 with 8 1G pages on node 0, both GTX 1050 functions on vfio-pci.
r710_ready() {
	r710 "$1" && set_pages "$1" 0 1048576 8 &&
		bind_vfio "$1" 0000:06:00.0 && bind_vfio "$1" 0000:06:00.1
}

start "r710 default: node of the 1G pages, 3 cores x 2 SMT siblings on node 0"
r710_ready "$tree" && vmr
ok_run
check_pinning 0 6
[ "$(attr "$work/stdout" emulatorpin cpuset)" = "0,8" ] ||
	fail "emulatorpin is not the first core (CPUs 0,8)"
[ "$(attr "$work/stdout" iothreadpin iothread)" = 1 ] || fail "not one iothreadpin, id 1"
[ "$(text "$work/stdout" iothreads)" = 1 ] || fail "<iothreads> is not 1"
head -n 1 "$work/stdout" | grep -q '^<!-- .*node 0' || fail "no header comment naming node 0"
grep -q '<domain' "$work/stdout" && fail "fragment holds a <domain>"
finish

start "r710 stock: default node is node 1, holding the only hugepages (2M)"
r710 "$tree" && vmr
ok_run
check_pinning 1 6
[ "$(attr "$work/stdout" page size)" = 2048 ] || fail "page size is not 2048"
[ "$(attr "$work/stdout" cell memory)" = $((256 * 2048)) ] || fail "cell memory is not 256 x 2048 KiB"
finish

start "r710 --node 1 (pages on node 0): node 1's CPUs"
r710_ready "$tree" && vmr --node 1
ok_run
check_pinning 1 6
finish

start "r710 --vcpus 4: two cores, the rest to the emulator"
r710_ready "$tree" && vmr --vcpus 4
ok_run
check_pinning 0 4
[ "$(attr "$work/stdout" topology cores)" = 2 ] || fail "cores is not 2"
[ "$(attr "$work/stdout" emulatorpin cpuset)" = "0,6,8,14" ] ||
	fail "emulatorpin is '$(attr "$work/stdout" emulatorpin cpuset)', not 0,6,8,14"
finish

start "r710 --iothreads 2: two iothreadpins, ids 1 and 2"
r710_ready "$tree" && vmr --iothreads 2
ok_run
check_pinning 0 6
[ "$(attr "$work/stdout" iothreadpin iothread | tr '\n' ' ')" = "1 2 " ] ||
	fail "iothreadpin ids are not 1 2"
[ "$(text "$work/stdout" iothreads)" = 2 ] || fail "<iothreads> is not 2"
finish

start "r710 --vcpus 3: not a multiple of 2 threads per core, exit 3"
r710_ready "$tree" && vmr --vcpus 3
usage_error "--vcpus 3" "use 2 or 4"
finish

start "r710 --vcpus 16: more than node 0 has, exit 3"
r710_ready "$tree" && vmr --vcpus 16
usage_error "--vcpus 16" "at most 6"
finish

start "r710 --vcpus 8: no CPU left for the emulator, exit 3"
r710_ready "$tree" && vmr --vcpus 8
usage_error "--vcpus 8" "no CPU of node 0 for the emulator" "at most 6"
finish

start "r710 --node 7: no such node, exit 3 naming the online nodes"
r710_ready "$tree" && vmr --node 7
usage_error "--node 7" "0-1"
finish

start "r710 --full passes virt-xml-validate"
r710_ready "$tree" && vmr --full
ok_run
validate "$work/stdout"
check_pinning 0 6
[ "$(text "$work/stdout" memory)" = $((8 * 1048576)) ] ||
	fail "<memory> is '$(text "$work/stdout" memory)', not 8 GiB in KiB"
grep -q "^<domain type='kvm'>" "$work/stdout" || fail "no <domain type='kvm'>"
[ "$(text "$work/stdout" name)" = vmreserve-guest ] || fail "no <name>vmreserve-guest"
finish

start "r710 --full --node 0 without hugepages or vfio-pci passes virt-xml-validate"
r710 "$tree" && vmr --full --node 0 --vcpus 2 --iothreads 0
ok_run
validate "$work/stdout"
check_pinning 0 2
grep -q '<iothread' "$work/stdout" && fail "iothreads printed for --iothreads 0"
finish

start "1G pages on node 0: page size 1048576 KiB, memory 8 x 1048576 KiB"
r710_ready "$tree" && vmr
ok_run
[ "$(attr "$work/stdout" page size)" = 1048576 ] || fail "page size is '$(attr "$work/stdout" page size)'"
[ "$(attr "$work/stdout" page unit)" = KiB ] || fail "page unit is not KiB"
[ "$(attr "$work/stdout" page nodeset)" = 0 ] || fail "page nodeset is not guest node 0"
[ "$(attr "$work/stdout" cell memory)" = 8388608 ] || fail "cell memory is not 8388608"
[ "$(attr "$work/stdout" cell unit)" = KiB ] || fail "cell unit is not KiB"
finish

start "hostdev per vfio-pci function, in address order, right address fields"
r710_ready "$tree" && vmr
ok_run
sed -n "s/.*<address domain='\\([^']*\\)' bus='\\([^']*\\)' slot='\\([^']*\\)' function='\\([^']*\\)'.*/\\1 \\2 \\3 \\4/p" \
	"$work/stdout" >"$work/addrs"
printf '0x0000 0x06 0x00 0x0\n0x0000 0x06 0x00 0x1\n' | cmp -s - "$work/addrs" ||
	fail "addresses: $(tr '\n' ';' <"$work/addrs")"
[ "$(grep -c "<hostdev mode='subsystem' type='pci' managed='yes'>" "$work/stdout")" -eq 2 ] ||
	fail "not 2 managed PCI hostdevs"
sed -n '/<devices>/,/<\/devices>/p' "$work/stdout" | grep -q '<hostdev' ||
	fail "hostdevs not inside <devices>"
finish

start "no hugepages anywhere: default node is the vfio-pci function's (1)"
r710 "$tree" && set_pages "$tree" 1 2048 0 && bind_vfio "$tree" 0000:08:03.0 &&
	bind_vfio "$tree" 0000:06:00.1 &&
	printf '1\n' >"$tree/sys/bus/pci/devices/0000:06:00.1/numa_node" && vmr
ok_run
check_pinning 1 6
vmr --node 0
ok_run
grep -q "<!-- 0000:06:00.1 is on NUMA node 1, the domain's vCPUs and memory on node 0: its DMA and interrupts cross the interconnect -->" "$work/stdout" ||
	fail "no comment that 06:00.1 is on another node"
r710 "$work/tree2" && set_pages "$work/tree2" 1 2048 0 && tree=$work/tree2 && vmr
ok_run
check_pinning 0 6
finish

start "r710 --full output has the elements of tests/status/libvirt/r710-full.xml"
r710_ready "$tree" && vmr --full
ok_run
validate "$work/stdout"
# element by element (each justified in the expected file's comments)
_d=$(python3 "$here/xml_same.py" "$here/libvirt/r710-full.xml" "$work/stdout") ||
	fail "differs: $_d"
# the header comment states the plan: node 0, its CPUs, the pages
grep -q '<!-- vmreserve libvirt: host NUMA node 0$' "$work/stdout" ||
	fail "header comment does not name node 0"
grep -q 'memory: 8G in 8 pages of 1G reserved on node 0' "$work/stdout" ||
	fail "header comment does not state the 8 1G pages on node 0"
finish

start "node without hugepages: a comment how to reserve, <hugepages/>, 1 GiB"
r710 "$tree" && vmr --node 0
ok_run
grep -q '<!--.*rd\.vmreserve\.hugepages=0:' "$work/stdout" ||
	fail "no comment naming rd.vmreserve.hugepages=0:SIZE"
grep -q '^<hugepages/>\|^  <hugepages/>' "$work/stdout" || fail "no <hugepages/>"
grep -q '<page ' "$work/stdout" && fail "a <page> without reserved pages"
[ "$(attr "$work/stdout" cell memory)" = 1048576 ] || fail "cell memory is not 1048576"
finish

start "no SMT (thread_siblings_list = the CPU): threads='1'"
smt1 "$tree" && vmr
ok_run
check_pinning 0 3
[ "$(attr "$work/stdout" topology threads)" = 1 ] || fail "threads is not 1"
[ "$(attr "$work/stdout" emulatorpin cpuset)" = 0 ] || fail "emulatorpin is not CPU 0"
vmr --vcpus 3 --full
ok_run
validate "$work/stdout"
finish

start "hybrid node: vCPUs on 2-thread cores only, E-cores to the emulator"
hybrid "$tree" && vmr
ok_run
check_pinning 0 6
[ "$(attr "$work/stdout" topology threads)" = 2 ] || fail "threads is not 2"
[ "$(attr "$work/stdout" emulatorpin cpuset)" = "0-1,8-11" ] ||
	fail "emulatorpin is '$(attr "$work/stdout" emulatorpin cpuset)', not 0-1,8-11"
[ "$(attr "$work/stdout" page size)" = 1048576 ] || fail "page size is not 1G"
finish

start "node of one core: nothing left for vCPUs, exit 3; the other node works"
onecore "$tree" && vmr
usage_error "node 0" "--node"
vmr --node 1
ok_run
check_pinning 1 2
finish

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
