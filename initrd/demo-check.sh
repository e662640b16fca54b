# shellcheck shell=sh
# The demo VM's check script (initrd/demo.sh): after switch_root, show what
# `vmreserve` reports from inside the booted machine. Prints "# " lines only,
# which demo.sh shows as they are.
show() {
	echo "# \$ $*"
	"$@" >/tmp/out 2>&1
	rc=$?
	sed 's/^/#   /' /tmp/out
	echo "#   (exit status $rc)"
	echo "#"
}
show vmreserve status
show vmreserve groups
