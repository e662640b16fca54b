#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tests/boot/check-lib-test.sh: lib/check-lib.sh's batched status checks
# (sj_is, sj_true, sj_dev_is, sj_hp_is run in one jq by sj_flush), on the
# host under busybox ash as in the test VM, against a status document
# written here. Each check's outcome is declared below; every run must print
# exactly what the same checks print one jq at a time (the lib's _sj_now),
# line for line, and the batched run must start fewer jq processes. Also
# with a document the batch cannot take (two documents, not JSON, none),
# where every check falls back to its own jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
busybox=${VMR_BUSYBOX:-/bin/busybox}
[[ -x $busybox ]] || { echo "check-lib-test: skipped: no $busybox (busybox-static)"; exit 0; }
command -v jq >/dev/null || { echo "check-lib-test: skipped: no jq"; exit 0; }
jq_bin=$(command -v jq)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
# jq, counted
printf '#!/bin/sh\necho >>"%s/jq.count"\nexec "%s" "$@"\n' "$work" "$jq_bin" >"$work/bin/jq"
chmod +x "$work/bin/jq"

cat >"$work/good.json" <<'EOF'
{"schema": 1, "verdict": "warning", "asked": 3, "in_effect": 2, "exit": 1,
 "tool": "vmreserve 0.1.0",
 "devices": [
  {"address": "0000:01:00.0", "driver": "vfio-pci", "in_effect": true, "group_viable": true,
   "host_drivers": ["e1000e"], "blocking": []},
  {"address": "0000:01:00.1", "driver": null, "in_effect": false, "group_viable": false,
   "host_drivers": [], "blocking": [{"address": "0000:01:00.0"}]}],
 "hugepages": [{"node": 0, "page_kb": 2048, "requested": 128, "total": 128},
  {"node": 1, "page_kb": 2048, "requested": null, "total": 0}],
 "cmdline": {"pci": ["0000:01:00"], "errors": ["a: x", "b: y\nz"]},
 "unmatched": []}
EOF

# WANT<TAB>check: the checks, each with the outcome this document gives it
# ("-": a comment, which flushes what is queued)
cat >"$work/checks" <<'EOF'
ok	sj_is "schema 1" .schema 1
not ok	sj_is "schema 2" .schema 2
ok	sj_is "verdict string" .verdict warning
ok	sj_is "a missing key is null" .nothing null
ok	sj_is "two outputs, one a line" '.hugepages[].node' "$(printf '0\n1')"
not ok	sj_is "an array is not its compact JSON (jq -r indents it)" .cmdline.pci '["0000:01:00"]'
ok	sj_is "outputs before an error count" '(1, error("x"), 3)' 1
not ok	sj_is "outputs after an error do not" '(1, error("x"), 3)' "$(printf '1\n3')"
ok	sj_is "a newline inside a value" '.cmdline.errors[1]' "$(printf 'b: y\nz')"
ok	sj_is "trailing newlines cut as \$(...) cuts them" '"a\n\n"' a
ok	sj_is "with --arg" '.devices[] | select(.address == $a) | .driver' vfio-pci --arg a 0000:01:00.0
ok	ok "a plain check in between"
-	diag "a comment in between"
not ok	sj_is "with --arg, other value" '.devices[] | select(.address == $a) | .driver' vfio-pci --arg a 0000:01:00.1
ok	sj_true "true" '.schema == 1'
not ok	sj_true "false" '.schema == 2'
not ok	sj_true "null" .nothing
not ok	sj_true "no output" empty
not ok	sj_true "an error after a true" 'true, error("x")'
ok	sj_true "last output counts" 'false, true'
ok	sj_true "two --arg" '.devices[] | select(.address == $a) | .host_drivers | any(.[]; . == $d)' --arg a 0000:01:00.0 --arg d e1000e
not ok	sj_true "two --arg, absent" '.devices[] | select(.address == $a) | .host_drivers | any(.[]; . == $d)' --arg a 0000:01:00.1 --arg d e1000e
ok	sj_dev_is "sj_dev_is" 0000:01:00.1 .driver null
not ok	sj_dev_is "sj_dev_is, wrong" 0000:01:00.1 .in_effect true
ok	sj_hp_is "sj_hp_is" 0 2048 .total 128
not ok	sj_hp_is "sj_hp_is, wrong" 1 2048 .requested 0
ok	sj_is "group blockers" '[.devices[1].blocking[]?.address] | join(" ")' 0000:01:00.0
-	diag "one that does not compile fails its own batch"
not ok	sj_is "a filter that does not compile" '.[[' x
ok	sj_is "after it" .schema 1
EOF

# run MODE JSON [N]: the first N (default all) checks (one ok or not ok line
# each); MODE batch or single
run() {
	local script=$work/run.sh
	{
		echo ". '$here/lib/check-lib.sh'"
		echo "VMR_SJ='$2' VMR_SJQ='$work/sjq'"
		[[ $1 == batch ]] || echo '_sjq_add() { return 1; }'
		head -n "${3:-1000}" "$work/checks" | cut -f2
		echo 'x=$(sj_is "in a subshell: at once" .schema 1); diag "sub: $x"'
		echo sj_flush
	} >"$script"
	: >"$work/jq.count"
	(cd "$work" && PATH=$work/bin:$PATH "$busybox" ash "$script")
}

fail=0
run batch "$work/good.json" >"$work/batch.out"
nb=$(wc -l <"$work/jq.count")
run single "$work/good.json" >"$work/single.out"
ns=$(wc -l <"$work/jq.count")
if cmp -s "$work/batch.out" "$work/single.out"; then
	echo "ok - batched and one-at-a-time checks print the same lines"
else
	echo "not ok - batched and one-at-a-time checks print the same lines:"
	diff "$work/single.out" "$work/batch.out" | sed 's/^/#   /' || :
	fail=1
fi
# each check's line, as declared
if diff <(grep -E '^(ok|not ok) - ' "$work/batch.out" | sed 's/ - .*//') \
	<(cut -f1 "$work/checks" | grep -vx -- -) >/dev/null && grep -qx '# sub: ok - in a subshell: at once' "$work/batch.out"; then
	echo "ok - every check says what its document gives it ($(grep -vc '^-' "$work/checks") checks)"
else
	echo "not ok - every check says what its document gives it:"
	paste <(cut -f1 "$work/checks" | grep -vx -- -) <(grep -E '^(ok|not ok) - ' "$work/batch.out") | sed 's/^/#   /' || :
	fail=1
fi
if [[ $nb -lt $ns ]]; then
	echo "ok - the batches start fewer jq ($nb) than one jq a check ($ns)"
else
	echo "not ok - the batches start fewer jq ($nb) than one jq a check ($ns)"
	fail=1
fi

# documents the batch cannot take: every check on its own, the same lines
# (the first 14 checks: each costs a jq or two here)
cat "$work/good.json" "$work/good.json" >"$work/two.json"
echo '{"schema": 1, "devices": [' >"$work/bad.json"
for doc in two bad missing; do
	run batch "$work/$doc.json" 14 >"$work/batch.$doc"
	run single "$work/$doc.json" 14 >"$work/single.$doc"
	if cmp -s "$work/batch.$doc" "$work/single.$doc"; then
		echo "ok - $doc document: batched and one-at-a-time print the same lines"
	else
		echo "not ok - $doc document: batched and one-at-a-time print the same lines:"
		diff "$work/single.$doc" "$work/batch.$doc" | sed 's/^/#   /' || :
		fail=1
	fi
done
exit "$fail"
