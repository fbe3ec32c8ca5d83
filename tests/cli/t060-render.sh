# metaclust render: valid, non-empty, reproducible PNG/SVG/PDF; text with diacritics; errors.
. "$MC_TESTS/cli/lib.sh"
R="$DATA/render"

# be32 FILE OFFSET: a big-endian 32-bit integer from a file
be32() {
    od -An -tu1 -j "$2" -N4 "$1" | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}'
}

# PNG: signature, IHDR size at the requested dpi, pHYs chunk
run render "$R" -o "$T/a.png" --labels all --dpi 192 --width 900 --height 700
expect_rc 0
expect_err_contains "render: $T/a.png (png, fr layout, 15 labels)"
[ "$(od -An -tx1 -N8 "$T/a.png" | tr -d ' ')" = 89504e470d0a1a0a ] || fail "PNG signature"
[ "$(dd if="$T/a.png" bs=1 skip=12 count=4 2>/dev/null)" = IHDR ] || fail "IHDR"
[ "$(be32 "$T/a.png" 16)" = 1800 ] || fail "PNG width $(be32 "$T/a.png" 16), expected 1800"
[ "$(be32 "$T/a.png" 20)" = 1400 ] || fail "PNG height $(be32 "$T/a.png" 20), expected 1400"
[ "$(dd if="$T/a.png" bs=1 skip=37 count=4 2>/dev/null)" = pHYs ] || fail "no pHYs chunk"
[ "$(be32 "$T/a.png" 41)" = 7559 ] || fail "pHYs: $(be32 "$T/a.png" 41) px/m, expected 7559"
[ "$(stat -c %s "$T/a.png")" -gt 20000 ] || fail "PNG suspiciously small"

# byte-identical across runs, for every format and layout (fewer under valgrind)
combos="png:auto png:geo png:country svg:auto svg:geo svg:country pdf:auto pdf:geo pdf:country"
heavy && combos="svg:auto pdf:country"
for combo in $combos; do
    ext=${combo%%:*} layout=${combo#*:}
    run render "$R" -o "$T/x1.$ext" --layout $layout --seed 3 --labels all --quiet
    expect_rc 0
    run render "$R" -o "$T/x2.$ext" --layout $layout --seed 3 --labels all --quiet
    expect_rc 0
    cmp -s "$T/x1.$ext" "$T/x2.$ext" || fail "$ext/$layout differs between two runs"
done
# another seed moves the force layout
run render "$R" -o "$T/s3.svg" --seed 3 --quiet
run render "$R" -o "$T/s4.svg" --seed 4 --quiet
cmp -s "$T/s3.svg" "$T/s4.svg" && fail "seeds 3 and 4 gave the same figure"

# SVG parses as XML; PDF text carries every label with its diacritics
if command -v xmllint >/dev/null; then
    xmllint --noout "$T/x1.svg" || fail "SVG is not well-formed XML"
else
    echo "skip: xmllint not installed (make test-deps)"
fi
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/x1.pdf" "$T/x1.txt" || fail "pdftotext failed"
    for name in "Ústí nad Labem" "Rzeszów" "Łódź" "Pieštany" "İzmir" "Bielsko-Biała" "Győr" \
        "Plzeň" "Košice"; do
        grep -qF "$name" "$T/x1.txt" || fail "PDF text lacks '$name'"
    done
    run render "$R" -o "$T/k.pdf" --color country --quiet
    pdftotext -enc UTF-8 "$T/k.pdf" "$T/k.txt"
    grep -qF "PL Poland (3)" "$T/k.txt" || fail "PDF legend lacks 'PL Poland (3)'"
    grep -qF "Dataset render, all sectors: 15 nodes, 14 edges" "$T/x1.txt" || fail "PDF caption"
    # default colours: communities, with their count and modularity in the caption
    run render "$R" -o "$T/c.pdf" --quiet
    pdftotext -enc UTF-8 "$T/c.pdf" - | tr -s '\n' ' ' >"$T/c.txt"
    grep -qE "14 edges, [0-9]+ communities, modularity 0\.[0-9]{3}\." "$T/c.txt" ||
        fail "caption lacks communities and modularity: $(cat "$T/c.txt")"
    grep -qF "Node area: PageRank" "$T/c.txt" || fail "PDF legend lacks 'Node area: PageRank'"
    grep -qF "C1 (" "$T/c.txt" || fail "PDF legend lacks community C1"
else
    echo "skip: pdftotext not installed (make test-deps)"
fi

# colours, sizes and labels options
run render "$R" -o "$T/s.svg" --color sector --size degree --labels top:3 --title "Ünïcode title"
expect_rc 0
expect_err_contains "3 labels"
run render "$R" -o "$T/n.png" --color none --size none --labels none --layout multilevel
expect_rc 0
expect_err_contains "0 labels"
run render "$R" -o "$T/b.png" --size betweenness --runs 3 --seed 2
expect_rc 0
run render "$R" -o "$T/b.png" --runs 0
expect_rc 2
expect_err "metaclust: --runs: invalid value '0' (expected an integer from 1 to 1000)"
run render "$R" --sector ict -o "$T/ict.pdf" --palette SK,PL --quiet
expect_rc 0
expect_no_stderr

# no temporary files left behind
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left"

# usage errors
run render "$R" -o "$T/a.jpg"
expect_rc 2
expect_err "metaclust: render: cannot tell the format of '$T/a.jpg' (expected a name ending in .png, .svg or .pdf)"
run render "$R"
expect_rc 2
expect_err "metaclust: render: missing -o FILE (.png, .svg or .pdf; see 'metaclust render --help')"
run render "$R" -o "$T/a.png" --layout spring
expect_rc 2
expect_err "metaclust: --layout: invalid value 'spring' (expected auto, fr, kk, drl, multilevel, geo or country)"
run render "$R" -o "$T/a.png" --labels top:x
expect_rc 2
expect_err "metaclust: --labels: invalid value 'top:x' (expected auto, all, none or top:N with N from 0 to 1000000)"
run render "$R" -o "$T/a.png" --color rainbow
expect_rc 2
expect_err "metaclust: --color: invalid value 'rainbow' (expected community, country, sector or none)"
run render "$R" -o "$T/a.png" --width 50
expect_rc 2
expect_err "metaclust: --width: invalid value '50' (expected an integer from 200 to 20000)"
run render "$R" -o "$T/a.png" --proposal x-01
expect_rc 2
expect_err "metaclust: --proposal: needs --proposals DIR (the output of 'metaclust propose')"
run render "$R" -o "$T/nodir/a.png"
expect_rc 1
expect_err_contains "$T/nodir"

run render --help
expect_rc 0
expect_out_contains "usage: metaclust render DATASET"

# a real sector: multilevel layout of the big component, the rest packed around it
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
run render "$H2020" --sector SC6 -o "$T/sc6.png" --labels top:5
expect_rc 0
expect_err_contains "(png, multilevel layout, "
[ "$(stat -c %s "$T/sc6.png")" -gt 100000 ] || fail "SC6 PNG suspiciously small"
exit 0
