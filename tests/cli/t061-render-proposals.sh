# metaclust render --proposal / --meta with propose's output files (a hand-made fixture).
. "$MC_TESTS/cli/lib.sh"
R="$DATA/render"
P="$R/proposals"

# one proposal: its sector is taken from proposals.csv
run render "$R" --proposal automotive-01 --proposals "$P" -o "$T/p.pdf"
expect_rc 0
expect_err_contains "render: $T/p.pdf (pdf, proposal, 5 labels)"
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/p.pdf" - | tr -s '\n' ' ' >"$T/p.txt" # captions wrap
    for s in "Proposal automotive-01: 5 members from 5 countries" "Bielsko-Biała" "Győr" \
        "coordinator" "suggested first link" "Coordinator: Graz (AT)" \
        "Red dashed curves: 2 suggested first links" "Graz (coordinator)" "0.50" "0.33" \
        "(resource allocation)"; do
        grep -qF "$s" "$T/p.txt" || fail "proposal PDF lacks '$s'"
    done
else
    echo "skip: pdftotext not installed (make test-deps)"
fi
run render "$R" --proposal automotive-01 --proposals "$P" -o "$T/p2.pdf" --quiet
cmp -s "$T/p.pdf" "$T/p2.pdf" || fail "proposal figure differs between two runs"

# the meta-cluster map of one sector, and of all proposals
run render "$R" --sector ict --meta --proposals "$P" -o "$T/m.svg"
expect_rc 0
expect_err_contains "meta-cluster map, 1 label)"
run render "$R" --meta --proposals "$P" -o "$T/m.png"
expect_rc 0
expect_err_contains "meta-cluster map, 2 labels"
if command -v xmllint >/dev/null; then
    xmllint --noout "$T/m.svg" || fail "meta SVG is not well-formed"
fi
# without proposals: one node per community of 3 or more members
run render "$R" --meta -o "$T/mc.pdf"
expect_rc 0
expect_err_contains "meta-cluster map"
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/mc.pdf" - | tr -s '\n' ' ' >"$T/mc.txt"
    grep -qF "One node per community of 3 or more members" "$T/mc.txt" || fail "meta caption"
    grep -qF "C1 · " "$T/mc.txt" || fail "meta labels"
fi

# errors
run render "$R" --proposal ict-1 --proposals "$P" -o "$T/x.png"
expect_rc 2
expect_err "metaclust: --proposal: no proposal 'ict-1' in '$P' (did you mean 'ict-01'?)"
run render "$R" --sector automotive --proposal ict-01 --proposals "$P" -o "$T/x.png"
expect_rc 2
expect_err_contains "--proposal: 'ict-01' is a proposal of sector 'ict', not of 'automotive'"
run render "$R" --proposal ict-01 --proposals "$T/none" -o "$T/x.png"
expect_rc 1
expect_err_contains "$T/none/proposals.csv"
mkdir "$T/bad"
printf 'rank,sector,proposal\n1,ict,x\n' >"$T/bad/proposals.csv"
run render "$R" --meta --proposals "$T/bad" -o "$T/x.png"
expect_rc 1
expect_err_contains "$T/bad/proposals.csv:1: missing column 'size'"
printf 'rank,sector,proposal,size,countries,country_list,coordinator_id,coordinator_name,cohesion,diversity,cross_border_share,stability,score,members\n1,ict,x,2,2,CZ:1;SK:1,brno,Brno,high,1,1,1,1,brno;kosice\n' >"$T/bad/proposals.csv"
run render "$R" --meta --proposals "$T/bad" -o "$T/x.png"
expect_rc 1
expect_err_contains "$T/bad/proposals.csv:2:9: invalid number 'high' in column 'cohesion'"
printf 'rank,sector,proposal,size,countries,country_list,coordinator_id,coordinator_name,cohesion,diversity,cross_border_share,stability,score,members\n1,ict,x,2,2,CZ:1;XX:1,brno,Brno,1,1,1,1,1,brno;ghost\n' >"$T/bad/proposals.csv"
run render "$R" --proposal x --proposals "$T/bad" -o "$T/x.png"
expect_rc 1
expect_err_contains "proposal 'x': member 'ghost' is not in the ict view of 'render'"
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left"

# the real thing: what `metaclust propose` writes, drawn
CE="$MC_TOP/datasets/central-europe"
run propose "$CE" --all-sectors -o "$T/prop" --runs 3
expect_rc 0
first=$(sed -n '2s/^[^,]*,[^,]*,\([^,]*\),.*/\1/p' "$T/prop/proposals.csv")
[ -n "$first" ] || fail "no proposal in propose's output"
run render "$CE" --proposal "$first" --proposals "$T/prop" -o "$T/real.svg"
expect_rc 0
expect_err_contains "(svg, proposal, "
run render "$CE" --meta --proposals "$T/prop" -o "$T/realmeta.png"
expect_rc 0
expect_err_contains "(png, meta-cluster map, "
exit 0
