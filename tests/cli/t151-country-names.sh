# Country names in the languages of Europe map to ISO codes; an unknown name
# suggests the closest countries.
. "$MC_TESTS/cli/lib.sh"

run info "$DATA/country-names"
expect_rc 0
expect_no_stderr
expect_out_contains "countries     7: CZ 2, AT 1, BG 1, DE 1, HU 1, PL 1, SK 1"

printf 'id,country\na,DE\nb,Czechoslovakia\n' >"$T/nodes.csv"
run info --nodes "$T/nodes.csv"
expect_rc 1
expect_err "metaclust: $T/nodes.csv:3:2: invalid country 'Czechoslovakia' (did you mean 'Slovakia' (SK) or 'Czechia' (CZ)?)"
exit 0
