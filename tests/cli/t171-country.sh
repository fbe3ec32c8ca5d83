# --country XX on propose: exactly the proposals with a member from XX, and
# the national section of proposals.md.
. "$MC_TESTS/cli/lib.sh"

run propose "$DATA/tiny" -o "$T/all" --quiet
expect_rc 0
run propose "$DATA/tiny" -o "$T/pl" --quiet --country pl
expect_rc 0
# kept: exactly the proposals of the whole run with a member from PL (members.csv column 4)
awk -F, '$4 == "PL" { print $1 }' "$T/all/members.csv" | sort -u >"$T/want"
cut -d, -f3 "$T/pl/proposals.csv" | tail -n +2 | sort >"$T/got"
[ -s "$T/want" ] || fail "tiny: no proposal with a PL member"
cmp -s "$T/want" "$T/got" || fail "--country pl keeps $(cat "$T/got"), expected $(cat "$T/want")"
grep -q '^wood-01,' "$T/pl/members.csv" && fail "members.csv keeps a proposal without PL"
# the closing note counts the proposals written, not those made
run propose "$DATA/tiny" -o "$T/pl2" --country pl
expect_rc 0
expect_err_contains "propose: $(wc -l <"$T/want" | tr -d ' ') proposal"
grep -q '^## National lens: PL' "$T/pl/proposals.md" || fail "national section"
grep -q '^| Silesian ICT Cluster (`pl-ict`) | ict-01 (' "$T/pl/proposals.md" || fail "PL cluster row"
grep -q '^| Aviation Valley (`pl-avia`) | none | .* | ' "$T/pl/proposals.md" || fail "PL cluster in no proposal"
grep -q '^No cluster from PL in this view' "$T/pl/proposals.md" || fail "a view without PL says so"
# without --country the files are as before
grep -q 'National lens' "$T/all/proposals.md" && fail "no national section without --country"
[ "$(wc -l <"$T/all/proposals.csv")" -gt "$(wc -l <"$T/pl/proposals.csv")" ] || fail "--country keeps fewer"

# batch --country: each unit filtered with its national section, and report.md's section
run batch "$DATA/tiny" -o "$T/batch" --country pl -j 1 --quiet
expect_rc 0
cmp -s "$T/pl/proposals.csv" "$T/batch/all/proposals.csv" && fail "unit 'all' is the whole graph, not every sector"
[ "$(cut -d, -f3 "$T/batch/ict/proposals.csv" | tail -n +2)" = "ict-01" ] || fail "batch: ict keeps ict-01"
[ "$(wc -l <"$T/batch/wood/proposals.csv")" = 1 ] || fail "batch: wood keeps nothing"
grep -q '^## National lens: PL' "$T/batch/ict/proposals.md" || fail "batch: unit national section"
# the unit's record, meta map and explorer show the kept proposals only
[ "$(json_get "$T/batch/wood/unit.json" proposals)" = 0 ] || fail "batch: wood's unit.json counts dropped proposals"
grep -q 'wood-01' "$T/batch/wood/explorer.html" && fail "batch: wood's explorer shows a dropped proposal"
[ -e "$T/batch/wood/meta.png" ] && fail "batch: wood draws a meta map of dropped proposals"
grep -q 'ict-01' "$T/batch/ict/explorer.html" || fail "batch: ict's explorer lacks ict-01"
grep -q '^| wood | 0 | 0 | \[wood/proposals.md\]' "$T/batch/report.md" || fail "batch: report.md national section"
[ -s "$T/batch/ict/proposals.xlsx" ] || fail "batch: proposals.xlsx beside the CSVs"
run batch "$DATA/tiny" -o "$T/batch2" --country P1
expect_rc 2
expect_err "metaclust: --country: invalid value 'P1' (expected a two-letter ISO code)"

# acceptance: h2020 SC6, DE
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
run propose "$H2020" --sector SC6 -o "$T/sc6" --quiet
expect_rc 0
run propose "$H2020" --sector SC6 -o "$T/de" --quiet --country DE
expect_rc 0
awk -F, '$4 == "DE" { print $1 }' "$T/sc6/members.csv" | sort -u >"$T/want"
cut -d, -f3 "$T/de/proposals.csv" | tail -n +2 | sort >"$T/got"
[ -s "$T/want" ] || fail "SC6 has no proposal with a German member"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" | head; fail "SC6 --country DE keeps other proposals"; }
[ "$(wc -l <"$T/got")" -lt "$(tail -n +2 "$T/sc6/proposals.csv" | wc -l)" ] || fail "SC6: every proposal has a German member?"
