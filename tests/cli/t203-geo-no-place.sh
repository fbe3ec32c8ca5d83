# render --layout geo with no node located (country empty or unknown, no lat/lon) is valid,
# degenerate input: it ends (it once looped for ever), draws no base map, says so in the caption.
. "$MC_TESTS/cli/lib.sh"
for cc in "" ZZ; do
    mkdir -p "$T/d$cc"
    printf 'id,name,country\na,Alpha,%s\nb,Beta,%s\n' "$cc" "$cc" >"$T/d$cc/nodes.csv"
    printf 'source,target,weight\na,b,1\n' >"$T/d$cc/edges.csv"
    timeout 60 "$METACLUST" render "$T/d$cc" --layout geo -o "$T/geo$cc.pdf" 2>"$T/err"
    RC=$?
    [ "$RC" != 124 ] || fail "render --layout geo did not end within 60 s (country '$cc')"
    expect_rc 0
    [ -s "$T/geo$cc.pdf" ] || fail "no PDF written (country '$cc')"
    if command -v pdftotext >/dev/null; then
        pdftotext -enc UTF-8 "$T/geo$cc.pdf" - | tr '\n' ' ' >"$T/geo.txt"
        grep -qF "No node has coordinates or a known country: no map is drawn" "$T/geo.txt" ||
            fail "caption lacks the no-map note: $(cat "$T/geo.txt")"
        ! grep -qF "Natural Earth" "$T/geo.txt" || fail "credits a base map it did not draw"
        ! grep -qF "projection" "$T/geo.txt" || fail "names a projection of no map"
    else
        echo "skip: pdftotext not installed (make test-deps)"
    fi
done
