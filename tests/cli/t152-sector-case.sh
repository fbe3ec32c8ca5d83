# Sector names match with full Unicode case folding: "Strojírenství" and
# "STROJÍRENSTVÍ" are one sector, shown as first spelt, and its batch folder
# is plain lower-case ASCII. A misspelt sector is named with the one it looks
# like, and --sector-alias merges it.
. "$MC_TESTS/cli/lib.sh"

run info "$DATA/sector-case" --json
expect_rc 0
expect_err "metaclust: warning: sector 'Automotve' (1 row) looks like 'automotive' (3 rows); --sector-alias 'Automotve=automotive' merges them"
grep -q '"Strojírenství": {' "$T/out" || fail "first spelling not kept"
grep -q '"STROJÍRENSTVÍ"' "$T/out" && fail "two spellings, two sectors"

run info "$DATA/sector-case" --sector 'strojírenstVÍ' --json --sector-alias Automotve=automotive
expect_rc 0
expect_no_stderr
[ "$(json_get "$T/out" sector)" = '"Strojírenství"' ] || fail "sector by another spelling"
[ "$(json_get "$T/out" edges)" = 4 ] || fail "edges of the merged spellings"
grep -q Automotve "$T/out" && fail "alias not applied"

run info "$DATA/sector-case" --sector-alias Automotve
expect_rc 2
expect_err "metaclust: --sector-alias: expected FROM=TO (a sector name and the sector it stands for), got 'Automotve'"

run batch "$DATA/sector-case" -o "$T/b" --formats svg --quiet --sector-alias Automotve=automotive
[ -d "$T/b/strojirenstvi" ] || { ls "$T/b"; fail "folder strojirenstvi"; }
[ -d "$T/b/automotive" ] || { ls "$T/b"; fail "folder automotive"; }
[ "$(ls "$T/b" | grep -ci stroj)" = 1 ] || { ls "$T/b"; fail "one folder per sector"; }
[ ! -d "$T/b/automotve" ] || fail "the alias made a folder"

# two sectors with one slug get two folders
mkdir "$T/two"
printf 'source,target,sector\na,b,Strojírenství\nb,c,strojirenstvi\nc,a,strojirenstvi\n' >"$T/two/edges.csv"
run batch "$T/two" -o "$T/b2" --formats svg --quiet
[ -d "$T/b2/strojirenstvi" ] && [ -d "$T/b2/strojirenstvi-2" ] || { ls "$T/b2"; fail "slug collision"; }
exit 0
