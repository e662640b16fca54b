# The text output shows what the JSON says, row for row: on the dumped
# QEMU VM (see dumped-machine) and, below, on cases with blocking members,
# advice, partial pages and unmatched selectors (`again` runs on this
# case's tree with another --cmdline).
tree=qemu-2node

want_exit 0
want_text_json_agree
