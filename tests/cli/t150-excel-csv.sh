# Excel's ';' export (BOM, CRLF, empty trailing columns, blank rows) loads
# like its plain twin, with one warning that counts what was skipped.
. "$MC_TESTS/cli/lib.sh"

run info "$DATA/excel-csv" --json
expect_rc 0
expect_err "metaclust: warning: $DATA/excel-csv: skipped 12 empty trailing columns and 11 blank rows (in nodes.csv, groups.csv, edges.csv, affiliations.csv)"
grep -v '"dataset"\|warning\|excel-csv\|^  \]' "$T/out" >"$T/excel.json"
run info "$DATA/tiny" --json
expect_rc 0
grep -v '"dataset"\|warning\|excel-csv\|^  \]' "$T/out" >"$T/tiny.json"
diff -u "$T/tiny.json" "$T/excel.json" || fail "the Excel export reads differently from its twin"

run info --nodes "$DATA/excel-csv/nodes.csv" --quiet
expect_rc 0
expect_no_stderr
expect_out_contains "nodes         10"
exit 0
