# /proc/cmdline cannot be read (a directory in its place: EISDIR), no
# --cmdline: what was asked is unknown. The report says so ("unknown
# (cannot read /proc/cmdline: ...)"), not "no rd.vmreserve.* key", judges
# as if no key were given and warns: exit 1.
tree=r710
prepare() {
	rm proc/cmdline && mkdir proc/cmdline
}

want_exit 1
jq_is '.cmdline.unknown.cmdline' '"cannot read /proc/cmdline: Is a directory"'
jq_is '[.advice[] | .level]' '["warning"]'
again status
want_line '  unknown (cannot read /proc/cmdline: Is a directory): judged as if no key were given'
no_like '*no rd.vmreserve.* key*'
