# metaclust info: text and JSON on the small dataset, help, and usage errors.
. "$MC_TESTS/cli/lib.sh"

run info "$DATA/tiny"
expect_rc 0
expect_out_contains "nodes         10"
expect_out_contains "edges         12 (9 direct edge rows, 4 groups projected)"
expect_out_contains "countries     8: CZ 2, PL 2, AT 1"

run info "$DATA/tiny" --json
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 10 ] || fail "nodes"
[ "$(json_get "$T/out" edges)" = 12 ] || fail "edges"
[ "$(json_get "$T/out" total_weight)" = 24 ] || fail "total_weight"
[ "$(json_get "$T/out" components)" = 1 ] || fail "components"
[ "$(json_get "$T/out" self_loops_dropped)" = 0 ] || fail "self_loops_dropped"
grep -q '"automotive": {' "$T/out" || fail "sectors object"

run info "$DATA/tiny" --sector AUTOMOTIVE --json
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 5 ] || fail "automotive nodes"
[ "$(json_get "$T/out" sector)" = '"automotive"' ] || fail "sector name"

# -o writes the file atomically, nothing on stdout
run info "$DATA/tiny" --json -o "$T/info.json"
expect_rc 0
[ -s "$T/info.json" ] || fail "no info.json"
[ ! -s "$T/out" ] || fail "stdout not empty"
ls "$T" | grep -q tmp && fail "temporary file left"

# help from the table, for the command and through 'help'
run info --help
expect_rc 0
expect_out_contains "usage: metaclust info DATASET"
mc help info >"$T/help2" || fail "help info"
cmp -s "$T/out" "$T/help2" || fail "'info --help' and 'help info' differ"
run help
expect_rc 0
expect_out_contains "info "

# usage errors: exit 2 and one line
run info
expect_rc 2
expect_err "metaclust: info: missing DATASET (a directory holding nodes.csv, edges.csv or affiliations.csv; see 'metaclust info --help')"
run info "$DATA/tiny" --frobnicate
expect_rc 2
expect_err "metaclust: info: unknown option '--frobnicate' (see 'metaclust info --help')"
run info "$DATA/tiny" --sector
expect_rc 2
expect_err "metaclust: info: option '--sector' needs a value"
run info "$DATA/tiny" --sector aerospace
expect_rc 2
expect_err "metaclust: unknown sector 'aerospace' (sectors: 'automotive', 'ict', 'wood')"
run info "$DATA/tiny" --sector wod
expect_rc 2
expect_err "metaclust: unknown sector 'wod' (did you mean 'wood'?)"
run info "$DATA/tiny" --projection cosine
expect_rc 2
expect_err "metaclust: --projection: invalid value 'cosine' (expected count, newman or jaccard)"
run infoo
expect_rc 2
expect_err "metaclust: unknown command 'infoo' (did you mean 'info'? see 'metaclust help')"

# data and I/O errors: exit 1
run info "$T/nope"
expect_rc 1
expect_err "metaclust: $T/nope: no such dataset directory"

# a full disk is a write error, not silence
if [ -w /dev/full ]; then
    mc info "$DATA/tiny" >/dev/full 2>"$T/err"
    RC=$?
    expect_rc 1
    expect_err "metaclust: standard output: write error: No space left on device"
fi
# a project with 1,000 partners: 499,500 pairs projected, or skipped with a note
mkdir "$T/big"
awk 'BEGIN { print "node,group,sector"; for (i = 0; i < 1000; i++) print "n" i ",big,ict";
             for (i = 0; i < 3; i++) print "n" i ",small,ict" }' >"$T/big/affiliations.csv"
if ! heavy; then
    run info "$T/big" --json -o "$T/big.json"
    expect_rc 0
    [ "$(json_get "$T/big.json" edges)" = 499500 ] || fail "1,000-member group: edges $(json_get "$T/big.json" edges)"
    [ "$(json_get "$T/big.json" total_weight)" = 499503 ] || fail "1,000-member group: total weight"
fi
run info "$T/big" --max-group-size 500
expect_rc 0
expect_err "metaclust: note: 1 group larger than --max-group-size 500 skipped in the projection"
expect_out_contains "edges         3 (0 direct edge rows, 2 groups projected)"
exit 0
