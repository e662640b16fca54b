# shellcheck shell=sh
# Generated fixture parts for the status cases (sourced in a case's boot()
# or prepare(), cwd the case's copy of its tree, under build/): machines
# too big to commit as trees. They add to a tree from tests/fixtures/trees
# with the kernel's layout (tests/fixtures/lib.sh explains it); they make
# only what the status tool and the early binary read.

# gen_functions COUNT FIRST_GROUP: COUNT driver-less PCI functions
# (8086:10fb, Ethernet) in PCI domain 0001, 0001:BB:SS.F counted up from
# 0001:00:00.0, each in an IOMMU group of its own numbered from
# FIRST_GROUP. One awk writes a script, one sh runs it: a fork or two per
# function, not the dozens fx_pci takes.
gen_functions() {
	awk -v n="$1" -v g0="$2" 'BEGIN {
		for (i = 0; i < n; i++) {
			bdf = sprintf("0001:%02x:%02x.%x", int(i / 256), int(i / 8) % 32, i % 8)
			d = "sys/devices/pci0001:00/" bdf
			g = "sys/kernel/iommu_groups/" (g0 + i)
			printf "mkdir -p %s %s/devices\n", d, g
			printf "printf \"0x8086\\n\" >%s/vendor; printf \"0x10fb\\n\" >%s/device\n", d, d
			printf "printf \"0x020000\\n\" >%s/class; printf \"%s\\n\" >%s/numa_node\n", d, (i % 2), d
			printf "printf \"(null)\\n\" >%s/driver_override\n", d
			printf "printf \"pci:v00008086d000010FBsv00008086sd000010FBbc02sc00i00\\n\" >%s/modalias\n", d
			printf "ln -s ../../../devices/pci0001:00/%s sys/bus/pci/devices/%s\n", bdf, bdf
			printf "ln -s ../../../kernel/iommu_groups/%d %s/iommu_group\n", g0 + i, d
		}
	}' >gen-functions.sh
	sh -e gen-functions.sh
	rm gen-functions.sh
}

# gen_bdf I: the address gen_functions gives function I.
gen_bdf() {
	printf '0001:%02x:%02x.%x' $(($1 / 256)) $(($1 / 8 % 32)) $(($1 % 8))
}

# gen_nodes FIRST COUNT: NUMA nodes FIRST.. FIRST+COUNT-1 (fx_node: 12 GiB,
# 11 GiB free, 2M and 1G sizes, no pages), and node/online listing every
# node (fx_node lists nodes below 64 only).
gen_nodes() {
	_gn_i=$1
	while [ "$_gn_i" -lt $(($1 + $2)) ]; do
		fx_node . "$_gn_i" 12582912 11534336
		_gn_i=$((_gn_i + 1))
	done
	# shellcheck disable=SC2046
	fx_ranges $(ls sys/devices/system/node | sed -n 's/^node\([0-9]*\)$/\1/p' | sort -n) \
		>sys/devices/system/node/online
	cp sys/devices/system/node/online sys/devices/system/node/has_memory
}

# gen_regroup OLD NEW: IOMMU group OLD becomes NEW (every member's link).
gen_regroup() {
	mv "sys/kernel/iommu_groups/$1" "sys/kernel/iommu_groups/$2"
	for _gr_d in sys/kernel/iommu_groups/"$2"/devices/*; do
		_gr_l=$(readlink "sys/bus/pci/devices/${_gr_d##*/}")
		_gr_dev=sys/bus/pci/devices/$_gr_l
		_gr_t=$(readlink "$_gr_dev/iommu_group")
		rm "$_gr_dev/iommu_group"
		ln -s "${_gr_t%/*}/$2" "$_gr_dev/iommu_group"
	done
}
