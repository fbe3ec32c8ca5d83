# render --meta --proposals for one sector with a single proposal: one pie, and the caption
# counts it in the singular ("1 proposal", not "1 proposals").
. "$MC_TESTS/cli/lib.sh"
R="$DATA/render"
run render "$R" --sector ict --meta --proposals "$R/proposals" -o "$T/m.pdf"
expect_rc 0
expect_err_contains "meta-cluster map, 1 label)"
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/m.pdf" - | tr -s '\n' ' ' >"$T/m.txt"
    grep -qF "One node per proposed meta-cluster (1 proposal, 5 members)" "$T/m.txt" ||
        fail "caption: $(cat "$T/m.txt")"
else
    echo "skip: pdftotext not installed (make test-deps)"
fi
