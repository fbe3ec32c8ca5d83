# Excel workbooks are read wherever a CSV file is: a workbook as the dataset,
# a sheet named with --nodes book.xlsx#Sheet, and nodes.xlsx in a directory.
. "$MC_TESTS/cli/lib.sh"

XL="$DATA/xlsx"

# the workbook and its CSV twin give the same info (but for the dataset's name)
run info "$XL/cooperation.xlsx" --json
expect_rc 0
expect_no_stderr
grep -v '"dataset"' "$T/out" >"$T/book.json"
run info "$DATA/tiny" --json
grep -v '"dataset"' "$T/out" >"$T/tiny.json"
diff -u "$T/tiny.json" "$T/book.json" || fail "the workbook reads differently from its CSV twin"

# sheets named one by one; without #Sheet, the sheet named for the file kind
run info --nodes "$XL/cooperation.xlsx#NODES" --edges "$XL/cooperation.xlsx" --json
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 10 ] || fail "nodes from the sheet"
[ "$(json_get "$T/out" direct_edge_rows)" = 9 ] || fail "edges from the sheet named edges"

# nodes.xlsx inside a dataset directory, next to CSV files
mkdir "$T/mixed"
cp "$XL/cooperation.xlsx" "$T/mixed/nodes.xlsx"
cp "$DATA/tiny/edges.csv" "$DATA/tiny/affiliations.csv" "$DATA/tiny/groups.csv" "$T/mixed/"
run info "$T/mixed" --json
expect_rc 0
grep -v '"dataset"' "$T/out" >"$T/mixed.json"
diff -u "$T/tiny.json" "$T/mixed.json" || fail "nodes.xlsx reads differently from nodes.csv"

# batch takes a workbook as a dataset
run batch "$XL/cooperation.xlsx" -o "$T/batch" --formats svg --quiet
expect_rc 0
for u in all automotive ict wood; do
    [ -d "$T/batch/$u" ] || { ls "$T/batch"; fail "batch unit $u"; }
done

# an error names the sheet and the cell
run info "$MC_TESTS/bad/129-xlsx-invalid-country-cell/cooperation.xlsx"
expect_rc 1
expect_err "metaclust: $MC_TESTS/bad/129-xlsx-invalid-country-cell/cooperation.xlsx#nodes!C7: invalid country 'Czechoslovakia' (did you mean 'Slovakia' (SK) or 'Czechia' (CZ)?)"
exit 0
