# --sysroot on a tree someone sent, with links that leave it: /proc/cmdline
# links to an absolute path outside the tree, /etc/vmreserve.conf climbs
# out by ".." (both to files beside the tree holding a secret). Links
# resolve inside the tree, as in a chroot: neither file is read, the
# secret is in no output (status text, JSON, Prometheus; groups) nor on
# stderr, and the tool says it could not read /proc/cmdline (judged as if
# no key were given) and finds no host config file. The tree's own sysfs
# links (driver, iommu_group) still resolve: group 1's bridge is on
# pcieport. Exit 1: the command line is unknown.
tree=r710
prepare() {
	printf 'rd.vmreserve.pci=SECRET-abs-51c2e\n' >../secret-cmdline
	ln -sf "$(cd .. && pwd)/secret-cmdline" proc/cmdline
	printf 'pci=SECRET-dotdot-7f3a9\n' >../secret-conf
	mkdir -p etc
	ln -s ../../secret-conf etc/vmreserve.conf
}

. "$fixtures/lib.sh"
no_secret() {
	for _f in "$subject" "$subject_err"; do
		[ -n "$_f" ] && grep -q SECRET "$_f" &&
			fail "a file outside the tree was read: $(grep SECRET "$_f")"
	done
	return 0
}
want_exit 1
no_secret
jq_is '.cmdline.unknown.cmdline' '"cannot read /proc/cmdline: No such file or directory"'
jq_is '[.conf.host, .conf.host_error]' '["absent",null]'
again status
want_exit 1
no_secret
want_like '*cannot read /proc/cmdline*'
again status --prometheus
no_secret
again groups --json
want_exit 0
no_secret
jq_is '[.groups[] | select(.group == 1) | .devices[] | [.address, .driver]]' '[["0000:00:01.0","pcieport"]]'
