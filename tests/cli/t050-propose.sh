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
