# metaclust profile: the three files, the percentile contract, names for ids,
# determinism, and the acceptance check on h2020 SC6.
. "$MC_TESTS/cli/lib.sh"

run profile "$DATA/tiny" --node cz-auto -o "$T/p"
expect_rc 0
for f in profile.md profile.json ego.png; do
    [ -s "$T/p/$f" ] || fail "missing $f"
done
ls "$T/p" | grep -q tmp && fail "temporary file left"
grep -q '^## Strengths and weak points' "$T/p/profile.md" || fail "profile.md: strengths section"
grep -q '^| degree | 4 | 100 | 100 |' "$T/p/profile.md" || fail "profile.md: degree row"
grep -q 'Tier-1 supplier A; direct tie' "$T/p/profile.md" || fail "profile.md: the groups behind a tie"
grep -q '^- \*\*all-01\*\* (rank 1)' "$T/p/profile.md" || fail "profile.md: its proposal"
grep -q '"percentile_country"' "$T/p/profile.json" || fail "profile.json: indicators"
[ "$(json_get "$T/p/profile.json" peers_sector)" = 9 ] || fail "peers_sector"
# every indicator of the issue, by name, in order
names=$(sed -n 's/^      "name": "\(.*\)",$/\1/p' "$T/p/profile.json" | head -12 | tr '\n' ' ')
[ "$names" = "degree strength partners partner_countries foreign_share pagerank betweenness participation groups lead_share eu_contribution type_mix " ] ||
    fail "indicator names: $names"

# a name instead of an id; the same bytes twice
run profile "$DATA/tiny" --node "moravian automotive cluster" -o "$T/q" --quiet
expect_rc 0
expect_no_stderr
for f in profile.md profile.json ego.png; do
    cmp -s "$T/p/$f" "$T/q/$f" || fail "$f differs between an id and a name run"
done
run match "$DATA/tiny" --node "Czech ICT Alliance" --format csv
expect_rc 0
expect_out_contains "1,hu-auto,Pannon Automotive Cluster,HU,"

# --years: in 2013 cz-auto has only University B (with pl-avia): its 2012 and 2010 edges are out
run profile "$DATA/tiny" --node cz-auto --years 2013 -o "$T/y"
expect_rc 0
expect_err_contains "metaclust: note: --years 2013: kept 5 affiliation and 3 edge rows; dropped 12 outside the period and 0 without a year"
grep -q '^| degree | 1 |' "$T/y/profile.md" || fail "--years 2013: degree 1"
grep -q '^| groups | 1 |' "$T/y/profile.md" || fail "--years 2013: one group"

# a node outside the sector, and --help
run profile "$DATA/tiny" --node cz-ict --sector wood -o "$T/r"
expect_rc 2
expect_err "metaclust: node 'cz-ict' is not in sector 'wood'"
[ ! -e "$T/r" ] || fail "output left after an error"
run profile --help
expect_rc 0
expect_out_contains "--node ID"

# acceptance: the unique highest-degree organisation of h2020 SC6 (degree by awk, from the rows)
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
top=$(awk -F, 'NR > 1 && $3 == "SC6" { m[$2] = m[$2] " " $1 }
    END { for (g in m) { n = split(m[g], a, " ")
            for (i = 1; i <= n; i++) for (j = 1; j <= n; j++) if (a[i] != a[j]) p[a[i] SUBSEP a[j]] = 1 }
          for (k in p) { split(k, b, SUBSEP); d[b[1]]++ }
          for (x in d) print d[x], x }' "$H2020/affiliations.csv" | sort -rn | head -2)
deg=$(echo "$top" | sed -n '1s/ .*//p')
id=$(echo "$top" | sed -n '1s/.* //p')
second=$(echo "$top" | sed -n '2s/ .*//p')
[ "$deg" -gt "$second" ] || fail "SC6: the highest degree is not unique ($top)"
run profile "$H2020" --sector SC6 --node "$id" -o "$T/h" --quiet
expect_rc 0
grep -q "^| degree | $deg | 100 | 100 |" "$T/h/profile.md" || { grep degree "$T/h/profile.md"; fail "SC6: $id should show degree $deg, percentile 100"; }
sed -n '/"name": "degree"/,/}/p' "$T/h/profile.json" | grep -q '"percentile_sector": 100.0' || fail "SC6: profile.json percentile"
