# metaclust change on the small fixture tests/data/years: counts, files, determinism.
. "$MC_TESTS/cli/lib.sh"
Y="$DATA/years"

run change "$Y" --sector ict --from 2014-2016 --to 2018-2020 -o "$T/c" --quiet
expect_rc 0
expect_no_stderr
expect_out_contains "links         4 -> 6 (kept 1, new 5, lost 3)"
expect_out_contains "nodes         4 -> 5 (kept 3, entered 2, left 1)"
expect_out_contains "cross-border  80.0% -> 100.0% of the tie weight"
expect_out_contains "grew most     CZ-HU +4 (0 -> 4)"
expect_out_contains "shrank most   AT-SK -2 (2 -> 0)"
for f in change.csv change_nodes.csv change.json change.png; do
    [ -s "$T/c/$f" ] || fail "missing $f"
done
[ "$(head -c 4 "$T/c/change.png" | tail -c 3)" = PNG ] || fail "change.png is not a PNG"
[ "$(sed -n 2p "$T/c/change.csv")" = "CZ,HU,1,0,4,4,,0,2" ] || fail "change.csv row 1: $(sed -n 2p "$T/c/change.csv")"
grep -qx "s1,Slovak Digital Cluster,SK,left" "$T/c/change_nodes.csv" || fail "s1 did not leave"

run change "$Y" --sector ict --from 2014-2016 --to 2018-2020 -o "$T/d" --json
expect_rc 0
[ "$(json_get "$T/out" kept)" = 1 ] || fail "json kept"
[ "$(json_get "$T/out" new)" = 5 ] || fail "json new"
[ "$(json_get "$T/out" lost)" = 3 ] || fail "json lost"
cmp -s "$T/out" "$T/d/change.json" || fail "stdout JSON differs from change.json"
expect_err_contains "metaclust: note: --years 2018-2020: kept 8 affiliation and 1 edge rows"
for f in change.csv change_nodes.csv change.png; do
    cmp -s "$T/c/$f" "$T/d/$f" || fail "$f differs between two runs"
done

# the whole dataset; a period without rows is valid
run change "$Y" --from 1990 --to 2014- -o "$T/e" --json --quiet
expect_rc 0
[ "$(json_get "$T/out" kept)" = 0 ] || fail "whole: kept"
[ "$(json_get "$T/out" lost)" = 0 ] || fail "whole: lost"
# --help, and the command in the overview
run change --help
expect_rc 0
expect_out_contains "usage: metaclust change DATASET"
expect_out_contains "change.csv"
expect_out_contains "--years A-B"
run help
expect_out_contains "  change "
exit 0
