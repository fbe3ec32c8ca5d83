# Headers in Czech (and the other languages of the aliases) are read, and
# --columns maps any other header onto a column of the data model.
. "$MC_TESTS/cli/lib.sh"

run centrality "$DATA/czech-headers" --columns source=Zdroj,target=Cíl --format csv
expect_rc 0
expect_no_stderr
expect_out_contains "cz-a,Strojírenský klastr,CZ,1,"
expect_out_contains "sk-b,Slovenský klaster,SK,2,"

# repeated --columns add up; without the mapping the edges' header is refused
run info "$DATA/czech-headers" --columns source=zdroj --columns target=CÍL --json
expect_rc 0
[ "$(json_get "$T/out" edges)" = 2 ] || fail "edges"
run info "$DATA/czech-headers"
expect_rc 1
expect_err "metaclust: $DATA/czech-headers/edges.csv:1: missing column 'source' (columns found: 'Zdroj', 'Cíl'; --columns source=COLUMN names it)"
exit 0
