# XML check-domain cannot read is exit 3, one line on stderr naming the
# input and what is wrong, nothing on stdout (the runner checks the last
# two for every exit 3):
#   cut off in the middle of an element; a billion-laughs DOCTYPE (refused
#   before libxml2 sees it: libvirt never writes a DOCTYPE); an external
#   entity (the same rule: nothing is fetched); a DOCTYPE with entities
#   in UTF-16, where the bytes "<!DOCTYPE" do not occur (refused after
#   parsing, from the DTD libxml2 keeps in whatever encoding: no entity
#   reaches a value); not a <domain>; a memory
#   unit libvirt does not know; a PCI address field out of range; a file
#   that does not exist; more than 4 MiB; bytes its encoding cannot
#   convert.
tree=r710
args="check-domain $work/cut.xml"
prepare() {
	head -c 700 "$here/libvirt/guest-r710.xml" >"$work/cut.xml"
	{
		echo '<?xml version="1.0"?>'
		echo '<!DOCTYPE domain [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
		echo '<domain type="kvm"><name>&c;</name><memory>1</memory></domain>'
	} >"$work/laughs.xml"
	{
		echo '<!DOCTYPE domain [<!ENTITY x SYSTEM "http://192.0.2.1/x">]>'
		echo '<domain type="kvm"><name>&x;</name><memory>1</memory></domain>'
	} >"$work/external.xml"
	{
		printf '\377\376' # UTF-16LE byte order mark
		{
			echo '<?xml version="1.0" encoding="UTF-16"?>'
			echo '<!DOCTYPE domain [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
			echo '<domain type="kvm"><name>&b;</name><memory>1</memory></domain>'
		} | iconv -f UTF-8 -t UTF-16LE
	} >"$work/utf16.xml"
	if grep -q DOCTYPE "$work/utf16.xml"; then
		echo "utf16.xml: not UTF-16" >&2
		return 1
	fi
	echo '<network><name>x</name></network>' >"$work/network.xml"
	sed "s/<memory unit='KiB'>8388608</<memory unit='XB'>8388608</" \
		"$here/libvirt/guest-r710.xml" >"$work/unit.xml"
	sed "s/slot='0x00' function='0x1'/slot='0x00' function='0x9'/" \
		"$here/libvirt/guest-r710.xml" >"$work/function.xml"
	printf '<?xml version="1.0" encoding="EUC-JP"?>\n<domain>\377\376\0\0\201</domain>' >"$work/encoding.xml"
	{
		echo "<domain type='kvm'><name>big</name><memory>1</memory><description>"
		head -c 4200000 /dev/zero | tr '\0' 'x'
		echo "</description></domain>"
	} >"$work/big.xml"
}

want_exit 3
want_stderr_like "vmreserve: check-domain: $work/cut.xml: line *"
again check-domain "$work/laughs.xml"
want_exit 3
want_stderr_like "vmreserve: check-domain: $work/laughs.xml: has a <!DOCTYPE>*"
again check-domain "$work/external.xml"
want_exit 3
want_stderr_like "*: has a <!DOCTYPE>*"
again check-domain "$work/utf16.xml"
want_exit 3
want_stderr_like "vmreserve: check-domain: $work/utf16.xml: has a <!DOCTYPE>*"
again check-domain "$work/network.xml"
want_exit 3
want_stderr_like "*network.xml: the root element is <network>, not a libvirt <domain>"
again check-domain "$work/unit.xml"
want_exit 3
# <memory> is line 19 of guest-r710.xml (after its 16-line comment,
# <domain>, <name> and <uuid>)
want_stderr_like "*unit.xml: line 19: <memory unit='XB'>: not a unit libvirt knows*"
again check-domain "$work/function.xml"
want_exit 3
want_stderr_like "*function.xml: line *: <address function='0x9'>: want a number up to 7"
again check-domain "$work/missing.xml"
want_exit 3
want_stderr_like "*missing.xml: No such file or directory"
again check-domain "$work/big.xml"
want_exit 3
want_stderr_like "*big.xml: larger than 4194304 bytes*"
# bytes the declared encoding cannot convert: libxml2's own "encoding
# error" line (its global handler) is not printed: one line, ours
again check-domain "$work/encoding.xml"
want_exit 3
want_stderr_like "*encoding.xml: line *"
[ "$mode" = check ] && [ "$(wc -l <"$subject_err")" != 1 ] &&
	fail "not one line on stderr: $(cat "$subject_err")"
# a usage error, not XML
again check-domain a.xml b.xml
want_exit 3
want_stderr_like "vmreserve: unexpected argument 'b.xml'*"
