# render: PDF metadata (title, creator, dates from SOURCE_DATE_EPOCH, else now); reproducible.
. "$MC_TESTS/cli/lib.sh"
R="$DATA/render"

# two runs with the same SOURCE_DATE_EPOCH are byte-identical, and carry that date
SOURCE_DATE_EPOCH=1700000000 run render "$R" -o "$T/a.pdf" --seed 3 --quiet
expect_rc 0
SOURCE_DATE_EPOCH=1700000000 run render "$R" -o "$T/b.pdf" --seed 3 --quiet
expect_rc 0
cmp -s "$T/a.pdf" "$T/b.pdf" || fail "two PDFs with the same SOURCE_DATE_EPOCH differ"
grep -aqF "/CreationDate (20231114221320Z)" "$T/a.pdf" || fail "CreationDate is not SOURCE_DATE_EPOCH"
grep -aqF "/ModDate (20231114221320Z)" "$T/a.pdf" || fail "ModDate is not SOURCE_DATE_EPOCH"
grep -aqF "/Creator (metaclust " "$T/a.pdf" || fail "no Creator"
grep -aqE "/Title [(<]." "$T/a.pdf" || fail "no Title"

# another epoch, another date (and nothing else)
SOURCE_DATE_EPOCH=1600000000 run render "$R" -o "$T/c.pdf" --seed 3 --quiet
expect_rc 0
grep -aqF "/CreationDate (20200913122640Z)" "$T/c.pdf" || fail "SOURCE_DATE_EPOCH=1600000000 not used"

# unset: the current time, not a fixed 2000-01-01
year=$(date -u +%Y)
env -u SOURCE_DATE_EPOCH "$METACLUST" render "$R" -o "$T/d.pdf" --seed 3 --quiet ||
    fail "render without SOURCE_DATE_EPOCH failed"
grep -aqE "/CreationDate \(($year|$((year + 1)))[0-9]{10}Z\)" "$T/d.pdf" ||
    fail "without SOURCE_DATE_EPOCH the PDF is not dated now: $(grep -ao '/CreationDate ([^)]*)' "$T/d.pdf")"

if command -v pdfinfo >/dev/null; then
    SOURCE_DATE_EPOCH=1700000000 pdfinfo "$T/a.pdf" >"$T/info" 2>&1 || fail "pdfinfo failed"
    grep -q "^Creator: *metaclust" "$T/info" || fail "pdfinfo: no Creator: $(cat "$T/info")"
    grep -q "^Title: *." "$T/info" || fail "pdfinfo: no Title: $(cat "$T/info")"
else
    echo "skip: pdfinfo not installed (make test-deps)"
fi
exit 0
