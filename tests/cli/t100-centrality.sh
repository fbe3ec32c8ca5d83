# metaclust centrality: columns, selection, ordering, formats, errors, determinism.
. "$MC_TESTS/cli/lib.sh"

run centrality "$DATA/tiny"
expect_rc 0
expect_no_stderr
[ "$(head -1 "$T/out")" = "id,name,country,degree,strength,betweenness,closeness,harmonic,eigenvector,pagerank,coreness,foreign_share,country_participation" ] ||
    fail "header: $(head -1 "$T/out")"
[ "$(wc -l <"$T/out")" = 11 ] || fail "rows: $(wc -l <"$T/out")"
# cz-auto: degree 4, strength 8 (direct edges plus two shared groups)
expect_out_contains "cz-auto,Moravian Automotive Cluster,CZ,4,8,"

# Padgett's Florentine families: Medici betweenness 47.5
run centrality "$DATA/florentine" --measures betweenness,degree --top 3 --sort betweenness
expect_rc 0
[ "$(head -1 "$T/out")" = "id,name,country,degree,betweenness" ] || fail "selected header"
[ "$(sed -n 2p "$T/out")" = "Medici,Medici,IT,6,47.5" ] || fail "top row: $(sed -n 2p "$T/out")"
[ "$(wc -l <"$T/out")" = 4 ] || fail "--top 3"

# --top alone sorts by PageRank, ties by id
run centrality "$DATA/florentine" --measures pagerank --top 1
expect_rc 0
expect_out_contains "Medici,Medici,IT,"

run centrality "$DATA/tiny" --format json --measures strength
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 10 ] || fail "json nodes"
[ "$(json_get "$T/out" path_sampled)" = false ] || fail "json path_sampled"
grep -q '"strength": 8' "$T/out" || fail "json strength"

run centrality "$DATA/tiny" --format table --top 2 --sort strength
expect_rc 0
expect_out_contains "cz-auto      Moravian Automotive Cluster  CZ"

# same options, same bytes; the jobs do not matter
mc centrality "$DATA/florentine" --betweenness exact -j 1 >"$T/a.csv" || fail "run a"
mc centrality "$DATA/florentine" --betweenness exact -j 3 >"$T/b.csv" || fail "run b"
cmp -s "$T/a.csv" "$T/b.csv" || fail "-j 1 and -j 3 differ"

# errors
run centrality "$DATA/tiny" --measures degree,bogus
expect_rc 2
expect_err "metaclust: --measures: unknown measure 'bogus' (known: degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, coreness, foreign_share, country_participation)"
run centrality "$DATA/tiny" --betweenness sample:x
expect_rc 2
expect_err "metaclust: --betweenness: invalid value 'sample:x' (expected auto, exact, sample:K or off)"
run centrality "$DATA/tiny" --measures degree --sort pagerank
expect_rc 2
expect_err "metaclust: --sort: measure 'pagerank' is not computed (add it to --measures)"
run centrality "$DATA/tiny" --top 0
expect_rc 2
expect_err "metaclust: --top: invalid value '0' (expected an integer >= 1)"
run centrality "$DATA/tiny" -o "$T/missing/dir/c.csv"
expect_rc 1
heavy || {
    mc centrality "$DATA/tiny" >/dev/full 2>"$T/err"
    [ $? = 1 ] || fail "/dev/full: exit status"
}

# a sampled run says so on stderr, and the sample follows the seed
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
run centrality "$H2020" --sector SC6 --measures betweenness --betweenness sample:300 --seed 4
expect_rc 0
expect_err_contains "metaclust: note: betweenness, closeness and harmonic estimated from"
cp "$T/out" "$T/s4.csv"
run centrality "$H2020" --sector SC6 --measures betweenness --betweenness sample:300 --seed 4 -j 1
cmp -s "$T/out" "$T/s4.csv" || fail "sampled run not reproducible"
exit 0
