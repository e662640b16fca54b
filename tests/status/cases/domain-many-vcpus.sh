# A wide guest on the R710 (node 0: CPUs 0,2,...,14; node 1: CPUs
# 1,3,...,15): <vcpu cpuset='0-3'>4096</vcpu> and 64 guest cells of 64
# vCPUs each (cell N: vCPUs 64N to 64N+63), memory strict on node 0, cell
# 1's (<memnode>) on node 1; vCPU 0 pinned to CPU 2 (node 0) and vCPU 64
# to CPU 1 (node 1), both where their memory is. The other 4094 vCPUs
# take the cpuset 0-3, which is on both nodes: off their memory's node
# (cell 0's vCPU 1 first: CPU 1 is node 1's), a warning, exit 1.
#   The hook runs this before `virsh start` returns: it took 10 s (28 s in
#   this ASan build) when every vCPU parsed every cell's set again; the
#   checks are the answer, the runner has no timeout.
#   The cpuset with CPU 99, which the R710 does not have (again): all 4094
#   of those pins name it, libvirt cannot apply them: exit 2.
tree=r710
args="check-domain --json $work/wide.xml"
prepare() {
	wide() {
		echo "<domain type='kvm'><name>wide</name>"
		echo "<memory unit='GiB'>64</memory>"
		echo "<vcpu placement='static' cpuset='$1'>4096</vcpu>"
		echo "<cputune><vcpupin vcpu='0' cpuset='2'/>"
		echo "<vcpupin vcpu='64' cpuset='1'/></cputune>"
		echo "<numatune><memory mode='strict' nodeset='0'/>"
		echo "<memnode cellid='1' mode='strict' nodeset='1'/></numatune>"
		echo "<cpu><numa>"
		_i=0
		while [ $_i -lt 64 ]; do
			echo "<cell id='$_i' cpus='$((_i * 64))-$((_i * 64 + 63))' memory='1' unit='GiB'/>"
			_i=$((_i + 1))
		done
		echo "</numa></cpu></domain>"
	}
	wide 0-3 >"$work/wide.xml"
	wide 0-3,99 >"$work/wide99.xml"
}

want_exit 1
jq_is '.vcpu_pins' '{"judged":4096,"off_node":4094}'
jq_is '[.advice[] | .level]' '["warning"]'
jq_ok '.advice[0].problem | contains("4094 of 4096 vCPU pins are on CPUs outside node(s) 0") and contains("(vCPU 1 on CPU 1)")'

again check-domain --json "$work/wide99.xml"
want_exit 2
jq_is '.vcpu_pins' '{"judged":4096,"off_node":0}'
jq_is '[.advice[] | .level]' '["critical"]'
jq_ok '.advice[0].problem | contains("4094 of 4096 vCPU pins name CPUs this host does not have (vCPU 1 on CPU 99)")'
