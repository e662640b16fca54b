# The selection does not cover what vmreserve-early did not bind: the GTX
# 1050's VGA function was rolled back at boot (kernel model: vfio-fails;
# nouveau took it again), its audio function is bound. The old recipe is
# still on the command line: vfio-pci.ids= with both ids and
# modprobe.blacklist=nouveau. Only 10de:0fb9 is covered (06:00.1 bound);
# 10de:1c81 is the VGA function's only way to vfio-pci once vmreserve
# fails, so the ids fix keeps it (change to vfio-pci.ids=10de:1c81) and
# names the device with its record status; the blacklist covers nothing
# vmreserve bound: no item for it. The rolled-back device keeps its
# critical item: exit 1.
tree=r710
proc_cmdline='intel_iommu=on modprobe.blacklist=nouveau vfio-pci.ids=10de:1c81,10de:0fb9 rd.vmreserve.pci=06:00@10de:1c81'
early=1
boot() {
	mkdir -p .kmodel
	printf '%s\n' 'vfio-fails 0000:06:00.0' 'host 0000:06:00.0 nouveau' \
		>.kmodel/rules
}

want_exit 1
jq_is '[.asked, .in_effect]' '[2,1]'
jq_ok '[.advice[] | select(.problem | startswith("vfio-pci.ids=")) | [.problem, .fix]] | any((.[0] | contains("covers 10de:0fb9 (0000:06:00.1)") and contains("10de:1c81 also holds 0000:06:00.0 (selected, not bound by vmreserve-early: rolled-back, on nouveau)")) and (.[1] | startswith("keep 10de:1c81 for 0000:06:00.0") and contains("change vfio-pci.ids=10de:1c81,10de:0fb9 to vfio-pci.ids=10de:1c81")))'
jq_not '[.advice[] | .problem] | any(startswith("modprobe.blacklist="))' 'nouveau is kept off nothing vmreserve bound'
