# propose --min-density: a candidate splits into its dense transnational parts (README "dense
# parts"). On landscape seed 4 (affiliation form), modularity merges planted groups with the
# circle around them; the split recovers them, and a member left alone is named.
. "$MC_TESTS/cli/lib.sh"
TOP="$MC_TESTS/.."
heavy && { echo "skip: 1,000-cluster recovery under valgrind (t050 runs the split under memcheck)"; exit 0; }
[ -x /usr/bin/python3 ] || { echo "skip: no /usr/bin/python3 for bench/propose_eval.py"; exit 0; }

run generate -o "$T/l" --model landscape --form affiliations --clusters 1000 --seed 4 --quiet
expect_rc 0
recovered() { /usr/bin/python3 "$TOP/bench/propose_eval.py" "$T/l" "$1" | sed -n 's/.* recovered=\([0-9]*\) .*/\1/p'; }

run propose "$T/l" -o "$T/off" --min-density 0 --quiet
expect_rc 0
run propose "$T/l" -o "$T/on" --quiet
expect_rc 0
off=$(recovered "$T/off")
on=$(recovered "$T/on")
[ -n "$on" ] && [ -n "$off" ] || fail "propose_eval.py printed nothing"
[ "$on" -ge 8 ] || fail "default --min-density recovers $on of 10 planted groups (want >= 8; 5 without)"
[ "$on" -gt "$off" ] || fail "the split does not help: $on with it, $off without"
# every proposal still obeys the member-level and group-level rules
/usr/bin/python3 "$TOP/bench/propose_eval.py" "$T/l" "$T/on" | grep -q ' bad=0' || fail "violations"
# parts are named as such, and members left alone are named with the reason
grep -q 'dense part' "$T/on/rejected.csv" || grep -q 'dense part' "$T/on/proposals.md" ||
    fail "no candidate named as a dense part"
grep -q 'dense part of it (--min-density 0.2)' "$T/on/dropped.csv" ||
    fail "no member named as left out by the split"
# determinism
rerun propose "$T/l" -o "$T/on2" --quiet
expect_rc 0
cmp -s "$T/on/proposals.csv" "$T/on2/proposals.csv" || fail "two runs differ"

# out of range
run propose "$T/l" -o "$T/x" --min-density 1.5
expect_rc 2
expect_err_contains "--min-density"
