# --sysroot to a directory that does not exist: a usage error, exit 3,
# a message naming the directory, nothing on stdout.
tree=r710
sysroot=/nonexistent/vmreserve-sysroot

want_exit 3
want_empty_stdout
want_stderr_like '*/nonexistent/vmreserve-sysroot*'
# the same with --json, --prometheus and groups: no half-made output
again status --json
want_exit 3
want_empty_stdout
again groups --json
want_exit 3
want_empty_stdout
