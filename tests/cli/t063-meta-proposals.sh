# render --meta --proposals: one node per proposal, labelled id · sector · coordinator (the
# sector left out when the id starts with it); no
# proposal is a figure that says so in words (exit 0), not an error.
. "$MC_TESTS/cli/lib.sh"
R="$DATA/render"
P="$R/proposals"

run render "$R" --meta --proposals "$P" -o "$T/m.pdf"
expect_rc 0
expect_err_contains "meta-cluster map, 2 labels" # one node, one label per proposal
run render "$R" --meta --proposals "$P" -o "$T/m2.pdf" --quiet
cmp -s "$T/m.pdf" "$T/m2.pdf" || fail "meta map differs between two runs"

# no proposal at all: a figure with a sentence in the plot
mkdir "$T/none"
head -1 "$P/proposals.csv" >"$T/none/proposals.csv"
run render "$R" --meta --proposals "$T/none" -o "$T/n.pdf"
expect_rc 0
expect_err_contains "meta-cluster map, 0 labels"
[ -s "$T/n.pdf" ] || fail "no figure for an empty proposals run"
run render "$R" --sector health --meta --proposals "$P" -o "$T/w.pdf"
expect_rc 0

if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/m.pdf" - | tr -s '\n' ' ' >"$T/m.txt"
    for s in "automotive-01 · Graz" "ict-01 · Brno" \
        "One node per proposed meta-cluster (2 proposals, 10 members)"; do
        grep -qF "$s" "$T/m.txt" || fail "meta PDF lacks '$s': $(cat "$T/m.txt")"
    done
    grep -qF "C1 · " "$T/m.txt" && fail "meta map of proposals shows communities"
    # an id that does not say its sector gets the sector in the label
    mkdir "$T/ids"
    cp "$P"/*.csv "$T/ids/"
    sed -i 's/ict-01/p7/g' "$T/ids/proposals.csv" "$T/ids/members.csv" "$T/ids/missing_links.csv"
    run render "$R" --meta --proposals "$T/ids" -o "$T/i.pdf" --quiet
    expect_rc 0
    pdftotext -enc UTF-8 "$T/i.pdf" - | tr -s '\n' ' ' >"$T/i.txt"
    grep -qF "p7 · ict · Brno" "$T/i.txt" || fail "label lacks the sector: $(cat "$T/i.txt")"
    grep -qF "render — meta-cluster map of the proposals, all sectors" "$T/m.txt" ||
        fail "meta map title: $(head -3 "$T/m.txt")"
    # without proposals the groups are communities, and the title says so
    run render "$R" --meta -o "$T/c.pdf" --quiet
    expect_rc 0
    pdftotext -enc UTF-8 "$T/c.pdf" - | tr -s '\n' ' ' >"$T/c.txt"
    grep -qF "render — map of the communities, all sectors" "$T/c.txt" ||
        fail "community map title: $(head -3 "$T/c.txt")"
    grep -qF "meta-cluster" "$T/c.txt" && fail "a map of communities calls them meta-clusters"
    pdftotext -enc UTF-8 "$T/n.pdf" - | tr -s '\n' ' ' >"$T/n.txt"
    grep -qF "No proposal in $T/none: no group of clusters met the rules." "$T/n.txt" ||
        fail "empty meta map does not say why: $(cat "$T/n.txt")"
    pdftotext -enc UTF-8 "$T/w.pdf" - | tr -s '\n' ' ' >"$T/w.txt"
    grep -qF "No proposal in sector health" "$T/w.txt" ||
        fail "empty sector meta map does not say so: $(cat "$T/w.txt")"
else
    echo "skip: pdftotext not installed (make test-deps)"
fi
exit 0
