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
# ranks 1 and 2, both sectors, potential not increasing, the proposals part = the best score
# (0 without a proposal); the numbers of proposals are propose's business, not checked here
check_ranking() {
    awk -F, 'NR == 1 { next }
        { if ($1 != NR - 1) bad = "rank " $1 " on row " NR - 1
          if (NR > 2 && $3 > prev) bad = "potential grows at rank " $1
          prev = $3; seen[$2] = 1
          want = $12 == "" ? 0 : $12
          if ($16 != want) bad = "score_proposals " $16 " for best score " $12 }
        END { if (!seen["food"] || !seen["ict"]) bad = "a sector is missing"
              if (bad != "") { print bad; exit 1 } }' "$1" || fail "$1: $(cat "$1")"
}
check_ranking "$T/s/sectors.csv"
head -1 "$T/s/sectors.csv" | grep -q ',potential,.*,score_transnational,score_proposals,score_scale,score_reach,score_growth,score_labelled$' ||
    fail "sectors.csv header: $(head -1 "$T/s/sectors.csv")"
[ "$(sed -n 2p "$T/s/emerging.csv" | cut -d, -f1-4)" = "1,food,ict,4" ] || fail "emerging: $(cat "$T/s/emerging.csv")"
for part in transnational proposals scale reach growth labelled; do
    grep -q "^- \*\*$part\*\* (weight" "$T/s/sectors.md" || fail "sectors.md does not explain $part"
done

# every tie counts (no recurrence required): the ranking stays well formed
run sectors "$Y" -o "$T/p" --backbone none --min-groups 1 --quiet
expect_rc 0
check_ranking "$T/p/sectors.csv"

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
