# --format table writes valid UTF-8, aligns columns on display width (wide
# and combining characters), keeps ids whole and cuts long names at a
# character boundary with "…".
. "$MC_TESTS/cli/lib.sh"

export LC_ALL=C.UTF-8
# same_width FILE: every line of the file has the same display width
same_width() {
    n=$(while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done <"$1" | sort -u | wc -l)
    [ "$n" = 1 ] || { cat "$1"; fail "$2: columns not aligned ($n line widths)"; }
}

for cmd in centrality communities; do
    run $cmd "$DATA/wide-names" --format table --quiet
    expect_rc 0
    iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null || fail "$cmd: invalid UTF-8"
    sed 's/  [a-z-]*$//' "$T/out" >"$T/cells" # communities: the role, last, is as long as it is
    same_width "$T/cells" "$cmd"
    expect_out_contains "cz-jihomoravske-inovacni-centrum "
    expect_out_contains "jp-tokyo-metropolitan-cluster "
    expect_out_contains "東京都産業クラスター協議会 … JP"
    # decomposed accents: zero width, kept with their letters
    expect_out_contains "$(printf 'Jihomoravske\314\201 inovac\314\214ni\314\201 centr… CZ')"
    expect_out_contains "İzmir Development Agency (İ… TR"
done

run centrality "$MC_TOP/datasets/seed-projects" --format table
expect_rc 0
iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null || fail "seed-projects: invalid UTF-8"
same_width "$T/out" "seed-projects"
expect_out_contains "hu-ministry-economy "
# a whole id from the table is one match --node takes
id=$(awk 'NR == 2 {print $1}' "$T/out")
run match "$MC_TOP/datasets/seed-projects" --node "$id"
expect_rc 0

run info "$DATA/sector-case" --sector-alias Automotve=automotive
expect_rc 0
grep '^  ' "$T/out" >"$T/sectors"
same_width "$T/sectors" "info sectors"
exit 0
