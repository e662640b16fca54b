# The Quansight GPU server (host-openstack-v100 tree; source in the tree)
# after vfio-pci.ids= and the nouveau blacklist were removed, as the issue
# describes: nouveau took every V100 at boot, 28:00.0 included. The post's
# constraint stands: 27:00.0 and 28:00.0 share group 19, so a VM can have
# 27:00.0 only when 28:00.0 is off any host driver. 28:00.0 is now in use
# by the host (nouveau), so suggest does not take it silently: it names it
# with its driver and says the group is not viable with these keys, with
# the fix (select it too, pinned, if the host can spare it): exit 2.
tree=host-openstack-v100
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 root=/dev/sda2 ro amd_iommu=on iommu=pt'
args='suggest 27:00.0 --json'
prepare() {
	. "$fixtures/lib.sh"
	fx_unbind . 0000:28:00.0
	fx_driver . nouveau
	p=devices/pci0000:00/0000:26:10.0/0000:28:00.0
	ln -s ../../../../bus/pci/drivers/nouveau sys/$p/driver
	ln -s ../../../../$p sys/bus/pci/drivers/nouveau/0000:28:00.0
}

want_exit 2
jq_is '[.also_selected, .viable_with_keys]' '[[],false]'
jq_is '[.groups[] | [.group, .viable, [.blocking[] | [.address, .driver]]]]' '[[19,false,[["0000:28:00.0","nouveau"]]]]'
jq_ok '[.advice[] | select(.level == "critical") | .fix] | any(contains("rd.vmreserve.pci=28:00.0@10de:1db4"))' 'the fix selects it, pinned'
# A datacenter V100 (3D controller, class 0302) is no laptop GPU: its video
# BIOS is in its own ROM, so no note asks for the laptop's (quirks.c gates
# it on the chassis type; this server has none of a laptop).
jq_not '[.advice[] | .problem] | any(contains("video BIOS"))' 'no laptop video-BIOS note on a server'

again suggest 27:00.0
want_exit 2
want_line 'IOMMU group 19: not viable with these keys'
want_like '  blocking: 0000:28:00.0 \[10de:1db4\] on nouveau'
want_line '  not viable with these keys'
