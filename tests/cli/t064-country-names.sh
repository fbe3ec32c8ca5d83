# render --layout country: each country's group carries its name on the figure (not only in the
# legend); other layouts do not write them.
. "$MC_TESTS/cli/lib.sh"
R="$DATA/render"

run render "$R" --layout country -o "$T/c.pdf" --seed 3
expect_rc 0
expect_err_contains "(pdf, country layout, "
run render "$R" --layout country -o "$T/c2.pdf" --seed 3 --quiet
cmp -s "$T/c.pdf" "$T/c2.pdf" || fail "country layout differs between two runs"
run render "$R" --layout country --labels none -o "$T/n.pdf" --seed 3
expect_rc 0
expect_err_contains "(pdf, country layout, 0 labels)"
run render "$R" --layout fr -o "$T/f.pdf" --seed 3 --quiet
expect_rc 0

if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/c.pdf" "$T/c.txt"
    pdftotext -enc UTF-8 "$T/n.pdf" "$T/n.txt"
    pdftotext -enc UTF-8 "$T/f.pdf" "$T/f.txt"
    # the default colours are communities: these names come from the figure, not the legend
    for name in Czechia Poland Slovakia Austria Hungary Slovenia Romania Türkiye Germany; do
        grep -qx "$name" "$T/c.txt" || fail "country layout lacks the name '$name': $(cat "$T/c.txt")"
        grep -qx "$name" "$T/n.txt" || fail "country names depend on --labels ('$name')"
        grep -qx "$name" "$T/f.txt" && fail "fr layout writes the country name '$name'"
    done
else
    echo "skip: pdftotext not installed (make test-deps)"
fi
exit 0
