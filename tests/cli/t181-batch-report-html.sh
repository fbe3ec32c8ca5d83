# metaclust batch: index.html links every network figure format (PNG, SVG, PDF) and the
# meta-cluster map, and each unit's proposals.md is rendered as proposals.html (tables as
# HTML tables, no raw Markdown), linked from index.html.
. "$MC_TESTS/cli/lib.sh"

run batch "$DATA/tiny" -o "$T/b" -j 1 --formats png,svg,pdf --runs 3 --quiet
expect_rc 0
for u in all automotive ict wood; do
    for f in network.png network.svg network.pdf meta.png proposals.html proposals.xlsx explorer.html; do
        grep -q "<a href=\"$u/$f\">$f</a>" "$T/b/index.html" || fail "index.html lacks a link to $u/$f"
        [ -s "$T/b/$u/$f" ] || fail "missing $u/$f"
    done
    h="$T/b/$u/proposals.html"
    grep -q '^<h1>Meta-cluster proposals: tiny</h1>$' "$h" || fail "$u/proposals.html: no title"
    grep -q '<th>member</th>' "$h" || fail "$u/proposals.html: the member table is not a table"
    grep -q '^<p>|' "$h" && fail "$u/proposals.html: raw Markdown table"
    grep -q '\*\*' "$h" && fail "$u/proposals.html: raw Markdown emphasis"
done
find "$T/b" -name '*.tmp.*' | grep -q . && fail "temporary files left"

# only the formats asked for are linked
run batch "$DATA/tiny" -o "$T/p" -j 1 --runs 3 --quiet
expect_rc 0
grep -q 'href="all/network.png"' "$T/p/index.html" || fail "png link"
grep -q 'href="all/network.svg"' "$T/p/index.html" && fail "svg linked but not drawn"
[ -e "$T/p/all/network.svg" ] && fail "svg drawn without --formats"
exit 0
