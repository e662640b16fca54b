# Host drivers that can take the GPU before vmreserve-early: nouveau listed
# in /etc/modules-load.d/gpu.conf, snd_hda_intel in rd.driver.pre= on the
# command line. The tree has both bound before the hook, so the record says
# vmreserve-early found them there (dev.N.driver_before) and had to unbind
# them: notes naming the file and the key (the devices did end on
# vfio-pci: a note, so the exit stays 0).
# suggest (nothing bound, no record): the same sources, as notes; a
# built-in driver (modules.builtin lists sound/pci/hda/snd-hda-intel.ko:
# "-" and "_" are one) and a softdep line that loads nouveau with
# vfio-pci are found too; "softdep nouveau pre: vfio-pci" (the other way
# round) is not.
tree=r710
proc_cmdline='BOOT_IMAGE=/vmlinuz-6.1.0-13-amd64 ro intel_iommu=on rd.driver.pre=snd_hda_intel rd.vmreserve.pci=06:00@10de:1c81'
early=1
prepare() {
	mkdir -p etc/modules-load.d
	printf '# GPU for the console\nnouveau\n' >etc/modules-load.d/gpu.conf
}

want_exit 0
jq_is '[.asked, .in_effect]' '[2,2]'
jq_is '[.devices[] | .early_status]' '["bound","bound"]'
jq_is '[.advice[] | .level]' '["note","note"]'
jq_is '.advice[0].problem' '"nouveau can take 0000:06:00.0 first: /etc/modules-load.d/gpu.conf loads it; vmreserve-early had to unbind it at boot"'
jq_ok '.advice[0].fix | startswith("remove nouveau from /etc/modules-load.d/gpu.conf, then run ")'
jq_is '.advice[1].problem' '"snd_hda_intel can take 0000:06:00.1 first: rd.driver.pre= on the kernel command line loads it early; vmreserve-early had to unbind it at boot"'
# The fix removes the key as written, through this host's boot loader
# (issue 19: none is recognised on this tree, and it says so).
jq_is '.advice[1].fix' '"remove rd.driver.pre=snd_hda_intel on the kernel command line (this host'"'"'s boot loader is not recognised)"'
[ $mode = check ] && {
	rm -f "$sys/run/vmreserve/state" "$sys/etc/modules-load.d/gpu.conf"
	printf 'kernel/sound/pci/hda/snd-hda-intel.ko\n' >"$sys/lib/modules/6.1.0-13-amd64/modules.builtin"
	mkdir -p "$sys/etc/modprobe.d"
	printf 'softdep nouveau pre: vfio-pci\nsoftdep vfio-pci pre: nouveau\n' >"$sys/etc/modprobe.d/gpu.conf"
	sed -i 's/ rd.driver.pre=snd_hda_intel//' "$sys/proc/cmdline"
}
again suggest 06:00 --json
want_exit 0
jq_is '[.advice[] | .level]' '["note","note"]'
jq_is '.advice[0].problem' '"nouveau can take 0000:06:00.0 first: a softdep in /etc/modprobe.d/gpu.conf loads it with vfio-pci"'
jq_ok '.advice[1].problem | startswith("snd_hda_intel can take 0000:06:00.1 first: it is built into the kernel")'
