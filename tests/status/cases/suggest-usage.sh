# Usage errors of suggest: exit 3, one message, nothing on stdout.
tree=r710
args='suggest'

want_exit 3
want_stderr_like "*'vmreserve suggest' needs a DEVICE*"
again suggest 06:00 --page-size 4M
want_exit 3
want_stderr_like "*--page-size '4M': want 2M or 1G*"
again suggest 06:00 --memory 12
want_exit 3
want_stderr_like "*--memory '12': want a size like 512M or 12G*"
again suggest 06:00 --prometheus
want_exit 3
want_stderr_like "*takes --json only*"
again status --memory 4G
want_exit 3
want_stderr_like "*--memory is an option of 'vmreserve suggest'*"
again suggest 06:00 --node 1
want_exit 3
want_stderr_like "*--node is an option of 'vmreserve libvirt'*"
again suggest 06:00.0@10de:1c81
want_exit 3
want_stderr_like "*DEVICE '06:00.0@10de:1c81': want an address*"
again suggest 06:00 --vcpus 3
want_exit 3
want_stderr_like "*--vcpus 3 is not a multiple of 2*"
