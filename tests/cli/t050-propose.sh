# metaclust propose and match: files and their column contracts, determinism,
# usage errors, and real data.
. "$MC_TESTS/cli/lib.sh"

P="$DATA/propose"
run propose "$P" -o "$T/a"
expect_rc 0
for f in proposals.csv members.csv missing_links.csv rejected.csv proposals.md proposals.json; do
    [ -s "$T/a/$f" ] || fail "missing $f"
done
[ "$(head -1 "$T/a/proposals.csv")" = "rank,sector,proposal,size,countries,country_list,coordinator_id,coordinator_name,cohesion,diversity,cross_border_share,stability,score,members,coordinator_rule,dropped" ] || fail "proposals.csv header"
[ "$(head -1 "$T/a/members.csv")" = "proposal,id,name,country,role,within_z,participation,confidence" ] || fail "members.csv header"
[ "$(head -1 "$T/a/missing_links.csv")" = "proposal,source,target,score,shared_neighbours,via" ] || fail "missing_links.csv header"
[ "$(head -1 "$T/a/rejected.csv")" = "sector,candidate,size,countries,country_list,kind,reason,members,fix,group" ] || fail "rejected.csv header"
grep -q '^1,ict,ict-01,4,4,' "$T/a/proposals.csv" || grep -q '^1,ict,ict-01,' "$T/a/proposals.csv" || fail "ict-01 row"
grep -q '^ict-0[12],a1,a2,' "$T/a/missing_links.csv" || fail "missing link a1-a2"
grep -q 'too few countries' "$T/a/rejected.csv" || fail "rejection reason"
grep -q '^### ict-01' "$T/a/proposals.md" || fail "proposals.md section"
grep -q '"constraints"' "$T/a/proposals.json" || fail "proposals.json"
expect_err_contains "propose: ict: 12 nodes"
ls "$T/a" | grep -q tmp && fail "temporary file left"

# the same seed gives the same bytes; the options are honoured
run propose "$P" -o "$T/b"
for f in proposals.csv members.csv missing_links.csv rejected.csv proposals.md proposals.json; do
    cmp -s "$T/a/$f" "$T/b/$f" || fail "$f differs between two runs with the same seed"
done
run propose "$P" -o "$T/c" --min-countries 5 --quiet
expect_rc 0
expect_no_stderr
[ "$(wc -l <"$T/c/proposals.csv")" = 1 ] || fail "--min-countries 5 should leave no proposal"
grep -q "No group meets the constraints" "$T/c/proposals.md" || fail "empty report explains itself"

# usage errors
run propose "$P" --runs -1
expect_rc 2
expect_err "metaclust: --runs: invalid value '-1' (expected an integer from 1 to 1000)"
run propose "$P" --max-share abc
expect_rc 2
expect_err "metaclust: --max-share: invalid value 'abc' (expected a number from 0.01 to 1)"
run propose "$P" --min-size 10 --max-size 5
expect_rc 2
expect_err "metaclust: --min-size: 10 is larger than --max-size 5"
run propose "$P" --sector ict --all-sectors
expect_rc 2
expect_err "metaclust: --all-sectors: cannot be combined with --sector (give one or the other)"
run propose "$P" --sector itc
expect_rc 2
expect_err "metaclust: unknown sector 'itc' (did you mean 'ict'?)"
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/ro" && chmod 555 "$T/ro"
    run propose "$P" -o "$T/ro/out"
    expect_rc 1
fi

# cross-sector and the seed-projects dataset
# seed-projects: three consortia, each met once. No tie recurs, so by default nothing is
# proposed (and proposals.md says why); with every tie kept, each sector's group is one
# existing consortium, rejected as such with the project named
run propose "$MC_TOP/datasets/seed-projects" -o "$T/seed" --quiet
expect_rc 0
[ "$(wc -l <"$T/seed/proposals.csv")" = 1 ] || fail "seed-projects: no proposal from one-off consortia"
grep -q 'Every tie rests on a single shared group' "$T/seed/proposals.md" || fail "seed-projects: proposals.md explains the empty sectors"
run propose "$MC_TOP/datasets/seed-projects" -o "$T/seed1" --cross-sector --min-groups 1 --backbone none --quiet
expect_rc 0
[ "$(grep -c ',existing group,' "$T/seed1/rejected.csv")" -ge 9 ] || fail "seed-projects: each sector's consortium is rejected as an existing group"
grep -q '^ict,community 1,10,.*,existing group,.*clusters-cord.*,clusters-cord$' "$T/seed1/rejected.csv" || fail "seed-projects: the existing group is named in rejected.csv"
grep -q ',not cross-sector,' "$T/seed1/rejected.csv" || fail "seed-projects: the single-sector groups are rejected as not cross-sector"
# tests/data/cross-sector: three ICT and three health clusters from six countries, all tied
# together, and a four-country ICT group: one cross-sector proposal joining ict and health
run propose "$MC_TOP/tests/data/cross-sector" -o "$T/xs" --cross-sector --quiet
expect_rc 0
[ "$(grep -c '^1,cross-sector,x-01,6,6,' "$T/xs/proposals.csv")" = 1 ] || fail "cross-sector proposal x-01"
[ "$(grep -c ',cross-sector,' "$T/xs/proposals.csv")" = 1 ] || fail "exactly one cross-sector proposal"
grep -q '^\*\*Sectors joined:\*\* ict;health; 60% of the internal weight' "$T/xs/proposals.md" || fail "sectors joined in proposals.md"
grep -q '^cross-sector,community 2,4,4,.*,not cross-sector,' "$T/xs/rejected.csv" || fail "the ICT-only group rejected as not cross-sector"
run propose "$MC_TOP/tests/data/cross-sector" -o "$T/xs0" --quiet
expect_rc 0
grep -q ',cross-sector,' "$T/xs0/proposals.csv" && fail "cross-sector proposals without --cross-sector"

# the rules on tests/data/propose-rules (README "How a group becomes a proposal")
R="$MC_TOP/tests/data/propose-rules"
run propose "$R" -o "$T/r"
expect_rc 0
for f in evidence.csv dropped.csv; do [ -s "$T/r/$f" ] || fail "missing $f"; done
[ "$(head -1 "$T/r/evidence.csv")" = "proposal,source,target,weight,groups" ] || fail "evidence.csv header"
grep -q '^energy-01,e2,e3,3,"P1;P2;P3"$' "$T/r/evidence.csv" || fail "evidence: e2-e3 rests on P1, P2 and P3"
grep -q '^energy-01,e1,e4,' "$T/r/evidence.csv" && fail "evidence: e1-e4 shares one project only, not a tie"
grep -q '^ict-01,m1,m2,5,$' "$T/r/evidence.csv" || fail "evidence: a direct edge has no groups"
grep -q "^energy,energy-02,\"community 1, dense part 1\",f4,Power Leipzig,DE,no tie inside the group to a member from another country" "$T/r/dropped.csv" || fail "dropped.csv names the domestic hanger-on"
grep -q 'Power Leipzig.*no tie inside the group to a member from another country' "$T/r/proposals.md" || fail "proposals.md names the dropped member"
grep -q '^\*\*Coordinator:\*\* Energy Kraków (`e2`, PL) — chosen by lead role' "$T/r/proposals.md" || fail "the lead partner coordinates, and the report says why"
grep -q ',energy-02,.*,f5,Ministry of Energy,.*,ESCA label,1$' "$T/r/proposals.csv" || fail "coordinator_rule and dropped columns"
grep -q 'Smart Grids Danube (`P1`, 2015): 4 of the 4 members' "$T/r/proposals.md" || fail "proposals.md names the groups that tie a proposal"
grep -q 'ict,community [0-9]*,3,2,"CZ:2;PL:1",too few countries,.*,"adding n4 (SK), tied to 2 members, would qualify it",$' "$T/r/rejected.csv" || fail "near miss: the fix column"
grep -q 'through ' "$T/r/proposals.md" || fail "suggested links name the partners behind them"
# degenerate sectors: no ties, one node, nodes only: no proposal, a note, exit 0, null in JSON
for s in wood solo food; do
    run propose "$R" --sector "$s" -o "$T/d-$s"
    expect_rc 0
    [ "$(wc -l <"$T/d-$s/proposals.csv")" = 1 ] || fail "$s: no proposal"
    grep -q '"modularity": null' "$T/d-$s/proposals.json" || fail "$s: modularity null in JSON"
    grep -q "No proposal: the sector has" "$T/d-$s/proposals.md" || fail "$s: the note"
done
# the existing group, with every one-off tie kept
run propose "$R" --sector health --min-groups 1 -o "$T/h" --quiet
expect_rc 0
grep -q '^health,community 1,5,5,.*,existing group,.*Health Consortium.*,Q1$' "$T/h/rejected.csv" || fail "existing group rejected and named"
# --exclude-type: the ministry may not coordinate
run propose "$R" --sector energy --exclude-type pub -o "$T/x" --quiet
expect_rc 0
grep -q ',energy-0[12],.*,f1,Power Dresden,.*,size,' "$T/x/proposals.csv" || fail "--exclude-type PUB: f1 coordinates by size"
run propose "$R" --min-cross-border 2
expect_rc 2
expect_err "metaclust: --min-cross-border: invalid value '2' (expected a number from 0 to 1)"

# --cross-sector points to the emerging sector pairs (metaclust sectors) when the data has years
run propose "$MC_TOP/datasets/central-europe" --cross-sector -o "$T/ce" --quiet
expect_rc 0
grep -q '^Emerging sector pairs (their cross-sector ties grew most' "$T/ce/proposals.md" || fail "--cross-sector names the emerging sector pairs"

# match
run match "$P" --node a1 --sector ict
expect_rc 0
expect_out_contains "Partners for Alpha Brno (a1, CZ), sector ict"
expect_out_contains " 1. Alpha Kraków (a2, PL)"
expect_out_contains "2 common partners"
run match "$P" --node a1 --format csv --top 3
expect_rc 0
[ "$(head -1 "$T/out")" = "rank,id,name,country,score,link_score,shared_neighbours,sector_fit,foreign,reason" ] || fail "match csv header"
[ "$(wc -l <"$T/out")" = 4 ] || fail "--top 3"
run match "$P" --node a1 --format json --foreign-only
expect_rc 0
grep -q '"foreign": false' "$T/out" && fail "--foreign-only kept a domestic partner"
run match "$P" --node a11
expect_rc 2
expect_err "metaclust: unknown node 'a11' (did you mean 'a1'?)"
run match "$P"
expect_rc 2
expect_err "metaclust: match: missing --node ID (the cluster to find partners for)"

# real data: one h2020 sector finishes with a readable report
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
run propose "$H2020" --sector SC6 -o "$T/sc6" --runs 3
expect_rc 0
[ "$(grep -c '^### sc6-' "$T/sc6/proposals.md")" = 10 ] || fail "10 detailed proposals"
grep -q 'The other .* proposals of this sector' "$T/sc6/proposals.md" || fail "summary table"
exit 0
