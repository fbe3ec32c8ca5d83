# metaclust sectors on the small fixture tests/data/years: files, ranks, determinism, --years.
. "$MC_TESTS/cli/lib.sh"
Y="$DATA/years"

run sectors "$Y" -o "$T/s" --quiet
expect_rc 0
expect_no_stderr
expect_out_contains "rank  sector"
for f in sectors.csv sectors.md sectors.png emerging.csv emerging.png; do
    [ -s "$T/s/$f" ] || fail "missing $f"
done
# with propose's defaults no tie of the fixture recurs (one shared group each): no proposals
[ "$(cut -d, -f1,2,11 "$T/s/sectors.csv" | tail -n +2 | tr '\n' ' ')" = "1,ict,0 2,food,0 " ] ||
    fail "ranks: $(cat "$T/s/sectors.csv")"
head -1 "$T/s/sectors.csv" | grep -q ',potential,.*,score_transnational,score_proposals,score_scale,score_reach,score_growth,score_labelled$' ||
    fail "sectors.csv header: $(head -1 "$T/s/sectors.csv")"
[ "$(sed -n 2p "$T/s/emerging.csv" | cut -d, -f1-4)" = "1,food,ict,4" ] || fail "emerging: $(cat "$T/s/emerging.csv")"
for part in transnational proposals scale reach growth labelled; do
    grep -q "^- \*\*$part\*\* (weight" "$T/s/sectors.md" || fail "sectors.md does not explain $part"
done

# every tie counts: both sectors propose a group, food's all across borders comes first
run sectors "$Y" -o "$T/p" --backbone none --min-groups 1 --quiet
expect_rc 0
[ "$(cut -d, -f1,2,11 "$T/p/sectors.csv" | tail -n +2 | tr '\n' ' ')" = "1,food,1 2,ict,1 " ] ||
    fail "ranks without a backbone: $(cat "$T/p/sectors.csv")"

# the same bytes with one worker or two
run sectors "$Y" -o "$T/t" -j 1 --quiet
expect_rc 0
for f in sectors.csv sectors.md sectors.png emerging.csv emerging.png; do
    cmp -s "$T/s/$f" "$T/t/$f" || fail "$f differs between -j 2 and -j 1"
done

# --years: the period shows in sectors.md; one year has no growth
run sectors "$Y" --years 2019 -o "$T/u" --quiet
expect_rc 0
grep -q "^Period: 2019" "$T/u/sectors.md" || fail "no period in sectors.md"
# --help, and the command in the overview
run sectors --help
expect_rc 0
expect_out_contains "usage: metaclust sectors DATASET"
expect_out_contains "emerging.csv"
expect_out_contains "--years A-B"
run help
expect_out_contains "  sectors "
exit 0
