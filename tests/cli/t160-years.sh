# --years on the small fixture tests/data/years: affiliations by their group's start year,
# edges by their own year, undated rows dropped and counted in a note.
. "$MC_TESTS/cli/lib.sh"
Y="$DATA/years"

run info "$Y" --sector ict --years 2014-2016 --json
expect_rc 0
# p1 (a1 c1 s1) and p2 (a1 a2), plus the 2015 edge a1-s1: 4 nodes, 4 links, weight 5
[ "$(json_get "$T/out" nodes)" = 4 ] || fail "nodes $(json_get "$T/out" nodes)"
[ "$(json_get "$T/out" edges)" = 4 ] || fail "edges $(json_get "$T/out" edges)"
[ "$(json_get "$T/out" total_weight)" = 5 ] || fail "weight $(json_get "$T/out" total_weight)"
grep -q '"period": "2014-2016"' "$T/out" || fail "no period in the JSON"
expect_err "metaclust: note: --years 2014-2016: kept 8 affiliation and 1 edge rows; dropped 9 outside the period and 3 without a year"

# one year, an open end; the text output names the period
run info "$Y" --years 2019 --quiet
expect_rc 0
expect_no_stderr
expect_out_contains "years         2019 (5 affiliation and 1 edge rows of the period)"
run info "$Y" --sector ict --years 2018- --json --quiet
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 5 ] || fail "2018-: nodes $(json_get "$T/out" nodes)"
[ "$(json_get "$T/out" edges)" = 6 ] || fail "2018-: edges $(json_get "$T/out" edges)"
grep -q '"to": null' "$T/out" || fail "2018-: open end not null"

# a period without rows is valid: every node isolated
run info "$Y" --years 1990-1991 --json --quiet
expect_rc 0
[ "$(json_get "$T/out" edges)" = 0 ] || fail "1990: edges"
[ "$(json_get "$T/out" isolated)" = 6 ] || fail "1990: isolated"

# the other commands take it too
run centrality "$Y" --sector ict --years 2014-2016 --measures degree --quiet
expect_rc 0
[ "$(wc -l <"$T/out")" = 5 ] || fail "centrality rows: $(cat "$T/out")"
exit 0
