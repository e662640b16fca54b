# Bytes that are not text, from the kernel's files into every output: the
# command line carries a selector with an invalid UTF-8 byte (\377) and
# control characters (ESC [31m, \001), and after boot 06:00.0's
# driver_override holds "vfio", \377, a terminal title sequence
# (ESC ]0;pwned BEL). JSON stays valid UTF-8 (\377 becomes U+FFFD, one per
# bad byte; control characters \u00XX) and agrees with the text, which
# shows control characters as U+FFFD: no raw ESC, BEL or \377 reaches a
# terminal. 06:00.1's override mixes well-formed UTF-8 (kept) with an
# overlong form, a surrogate and a lone continuation byte (RFC 3629 forbids
# all three: one U+FFFD per byte). (The parser shows the bad entry's bytes as '?' on its own.)
# 06:00 itself is bound; the malformed selector is a
# command-line error (critical) beside it: exit 1.
tree=r710
proc_cmdline="intel_iommu=on rd.vmreserve.pci=06:00 rd.vmreserve.pci=$(printf 'x\377\033[31m\001')"
early=1
prepare() {
	printf 'vfio\377\033]0;pwned\007\n' >$D/0000:06:00.0/driver_override
	# valid: e-acute (2 bytes), U+1F600 (4); invalid: an overlong '/'
	# (C0 AF), a UTF-16 surrogate (ED A0 80), a lone continuation (80)
	printf '\303\251\360\237\230\200|\300\257|\355\240\200|\200\n' \
		>$D/0000:06:00.1/driver_override
}

want_exit 1
jq_ok '.devices[0].driver_override == "vfio\ufffd\u001b]0;pwned\u0007"' 'bad byte replaced, controls kept escaped'
jq_ok '.devices[1].driver_override == "\u00e9\ud83d\ude00|\ufffd\ufffd|\ufffd\ufffd\ufffd|\ufffd"' 'well-formed kept, one U+FFFD per bad byte'
# (the parser itself shows such bytes of a bad entry as '?')
jq_is '[.cmdline.pci, (.cmdline.errors | length)]' '[["0000:06:00"],1]'
if [ $mode = check ]; then
	# jq reads invalid UTF-8 leniently: ask iconv, and look for raw bytes
	iconv -f UTF-8 -t UTF-8 "$subject" >/dev/null 2>&1 || fail "JSON is not valid UTF-8"
	grep -q "$(printf '\033')" "$subject" && fail "raw ESC in the JSON"
	again status
	iconv -f UTF-8 -t UTF-8 "$subject" >/dev/null 2>&1 || fail "text is not valid UTF-8"
	for b in '\033' '\007' '\001' '\377'; do
		LC_ALL=C grep -q "$(printf "$b")" "$subject" && fail "raw byte $b in the text"
	done
	want_line "    driver_override: vfio$(printf '\357\277\275\357\277\275')]0;pwned$(printf '\357\277\275')"
	main
fi
