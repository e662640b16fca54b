# Command-line misuse: exit 3, a message on stderr naming what was wrong,
# nothing on stdout (the runner checks both for every exit 3).
tree=r710
args='status --bogus'

want_exit 3
want_stderr_like '*--bogus*'
again frobnicate
want_exit 3
want_stderr_like '*frobnicate*'
again status --json --prometheus
want_exit 3
again groups --prometheus
want_exit 3
again --cmdline
want_exit 3
want_stderr_like '*--cmdline*'
again status groups
want_exit 3
# --help and --version are not errors: exit 0, on stdout
again --help
want_exit 0
want_like 'Usage: vmreserve *'
want_empty_stderr
again --version
want_exit 0
want_line 'vmreserve 0.1.0'
