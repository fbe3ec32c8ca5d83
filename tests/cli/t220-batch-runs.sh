# batch --runs K is an upper bound (the runs stop once they settle), --runs-exact K makes
# exactly K; unit.json and proposals.md say how many runs were made and why; the same seed
# gives the same files.
. "$MC_TESTS/cli/lib.sh"

# unit.json field: "key": value -> value
field() { sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1"; }

run batch "$DATA/tiny" -o "$T/a" -j 2 --runs 6 --quiet
expect_rc 0
for u in all automotive ict wood; do
    made=$(field "$T/a/$u/unit.json" runs_made)
    stop=$(field "$T/a/$u/unit.json" runs_stop)
    [ "$(field "$T/a/$u/unit.json" runs)" = 6 ] || fail "$u: runs asked for"
    [ "$(field "$T/a/$u/unit.json" runs_exact)" = false ] || fail "$u: runs_exact"
    [ "$made" -ge 1 ] && [ "$made" -le 6 ] || fail "$u: $made runs made, at most 6 asked for"
    case "$stop" in
    settled) [ "$made" -ge 4 ] || fail "$u: settled after $made runs (at least 4)" ;;
    limit) [ "$made" = 6 ] || fail "$u: limit but $made runs" ;;
    *) fail "$u: runs_stop '$stop'" ;;
    esac
    grep -q "with at most 6 Leiden runs per sector" "$T/a/$u/proposals.md" || fail "$u: proposals.md bound"
    grep -q "Leiden runs: $made ($stop" "$T/a/$u/proposals.md" ||
        grep -q "Leiden runs: $made (the upper bound" "$T/a/$u/proposals.md" ||
        fail "$u: proposals.md does not say the $made runs and why"
done
# the sectors ranking takes each unit's proposals instead of proposing on the sector again
for u in automotive ict wood; do
    got=$(awk -F, -v s=$u '$2 == s { print $11 }' "$T/a/sectors/sectors.csv")
    [ "$got" = "$(field "$T/a/$u/unit.json" proposals)" ] || fail "$u: sectors.csv proposals $got"
done
# tiny's sectors are stable: at least one unit stopped early
grep -l '"runs_stop": "settled"' "$T"/a/*/unit.json | grep -q . || fail "no unit settled early"

# exactly N
run batch "$DATA/tiny" -o "$T/e" -j 2 --runs-exact 5 --quiet
expect_rc 0
for u in all automotive ict wood; do
    [ "$(field "$T/e/$u/unit.json" runs_made)" = 5 ] || fail "$u: --runs-exact 5 made $(field "$T/e/$u/unit.json" runs_made)"
    [ "$(field "$T/e/$u/unit.json" runs_stop)" = exact ] || fail "$u: runs_stop with --runs-exact"
    [ "$(field "$T/e/$u/unit.json" runs_exact)" = true ] || fail "$u: runs_exact"
    grep -q "with 5 Leiden runs per sector" "$T/e/$u/proposals.md" || fail "$u: proposals.md exact"
    grep -q "Leiden runs: 5 (the number of runs asked for)" "$T/e/$u/proposals.md" || fail "$u: proposals.md reason"
done
# --resume tells the two apart: an exact run does not stand for an adaptive one
run batch "$DATA/tiny" -o "$T/e" -j 2 --runs 5 --resume
expect_rc 0
expect_err_contains "4 units to run"

# the same seed, other workers: the same files
run batch "$DATA/tiny" -o "$T/b" -j 1 --runs 6 --quiet
expect_rc 0
for u in all automotive ict wood; do
    for f in communities.csv proposals.csv proposals.md members.csv network.png; do
        cmp -s "$T/a/$u/$f" "$T/b/$u/$f" || fail "$u/$f differs between -j 2 and -j 1"
    done
    [ "$(field "$T/a/$u/unit.json" runs_made)" = "$(field "$T/b/$u/unit.json" runs_made)" ] || fail "$u: runs made differ"
done

need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
# a real sector: the runs made stay within the bound, twice the same
run batch "$H2020" -o "$T/h" --sectors SC6 --runs 8 --quiet
expect_rc 0
made=$(field "$T/h/sc6/unit.json" runs_made)
[ "$made" -ge 1 ] && [ "$made" -le 8 ] || fail "SC6: $made runs made, at most 8"
run batch "$H2020" -o "$T/h2" --sectors SC6 --runs 8 -j 1 --quiet
expect_rc 0
for f in communities.csv proposals.csv; do
    cmp -s "$T/h/sc6/$f" "$T/h2/sc6/$f" || fail "SC6 $f differs between runs"
done
for k in runs_made runs_stop modularity stability_nmi; do
    [ "$(field "$T/h/sc6/unit.json" $k)" = "$(field "$T/h2/sc6/unit.json" $k)" ] || fail "SC6 $k differs"
done
exit 0
