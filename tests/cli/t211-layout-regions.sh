# render's auto layout of a component above 2,000 nodes places the communities first, each in
# its own region, and says so in the caption; the same seed gives the same file (issue 15).
. "$MC_TESTS/cli/lib.sh"
need_shared
if heavy; then
    echo "skip: h2020 SC3 under valgrind"
    exit 0
fi
run render "$H2020" --sector SC3 -o "$T/sc3.pdf"
expect_rc 0
expect_err_contains "(pdf, multilevel layout, 12 labels"
run render "$H2020" --sector SC3 -o "$T/sc3b.pdf" --quiet
cmp -s "$T/sc3.pdf" "$T/sc3b.pdf" || fail "SC3 figure differs between two runs"
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/sc3.pdf" - | tr '\n' ' ' >"$T/sc3.txt"
    grep -q "communities of the largest component placed first, each in its own region" \
        "$T/sc3.txt" || fail "caption lacks the regions: $(cat "$T/sc3.txt")"
fi
# a small graph keeps fr, without regions
run render "$MC_TOP/datasets/central-europe" -o "$T/ce.pdf"
expect_rc 0
expect_err_contains "(pdf, fr layout"
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/ce.pdf" - | grep -q "own region" && fail "regions on 500 nodes"
fi
exit 0
