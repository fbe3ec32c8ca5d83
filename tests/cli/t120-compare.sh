# metaclust compare: known values, unassigned ids, id alignment, errors.
. "$MC_TESTS/cli/lib.sh"

# a = {x1,x2,x3}{x4,x5,x6}, b = {x1,x2}{x3,x4}{x5,x6}: NMI 0.515803, ARI 0.242424,
# VI 0.867563 nats, split-join 2 + 1 (values by hand in tests/test_community_compare.c)
printf 'id,community\nx1,0\nx2,0\nx3,0\nx4,1\nx5,1\nx6,1\n' >"$T/a.csv"
printf 'node,meta_cluster\nx1,p\nx2,p\nx3,q\nx4,q\nx5,r\nx6,r\nx9,r\n' >"$T/b.csv"
run compare "$T/a.csv" "$T/b.csv" --format json
expect_rc 0
expect_err "metaclust: note: 0 ids only in '$T/a.csv' and 1 only in '$T/b.csv' left out"
[ "$(json_get "$T/out" nodes)" = 6 ] || fail "nodes"
[ "$(json_get "$T/out" split_join)" = 3 ] || fail "split_join"
for kv in nmi:0.515803 ari:0.242424 vi:0.867563; do
    k=${kv%%:*} want=${kv#*:}
    got=$(json_get "$T/out" $k)
    awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; exit !(d < 1e-6 && d > -1e-6) }' ||
        fail "$k: $got, expected $want"
done

run compare "$T/a.csv" "$T/b.csv" --format csv --quiet
expect_rc 0
expect_no_stderr
[ "$(head -1 "$T/out")" = "nodes,communities_a,communities_b,nmi,ari,vi,vi_normalized,split_join,split_join_ab,split_join_ba" ] ||
    fail "csv header"
[ "$(sed -n 2p "$T/out" | cut -d, -f1-3)" = "6,2,3" ] || fail "csv row"

run compare "$T/a.csv" "$T/a.csv"
expect_rc 0
expect_out_contains "NMI           1.000000"
expect_out_contains "split-join    0"

# unassigned ids (empty community): singletons by default, or left out
printf 'node,meta_cluster\nx1,m1\nx2,m1\nx3,\nx4,m2\nx5,m2\nx6,\n' >"$T/truth.csv"
run compare "$T/a.csv" "$T/truth.csv" --format json
expect_rc 0
expect_err_contains "unassigned ids (0 in A, 2 in B) count as one community each"
[ "$(json_get "$T/out" nodes)" = 6 ] || fail "singleton nodes"
[ "$(json_get "$T/out" communities_b)" = 4 ] || fail "singleton communities"
run compare "$T/a.csv" "$T/truth.csv" --format json --unassigned exclude
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 4 ] || fail "exclude nodes"
[ "$(json_get "$T/out" nmi)" = 1 ] || fail "exclude: $(json_get "$T/out" nmi)"

# a communities.csv against itself
mc communities "$DATA/tiny" --quiet >"$T/c.csv" || fail "communities"
run compare "$T/c.csv" "$T/c.csv" --format json
expect_rc 0
[ "$(json_get "$T/out" ari)" = 1 ] || fail "self ARI"

run compare "$T/a.csv"
expect_rc 2
expect_err "metaclust: compare: needs two partition files A.csv B.csv (see 'metaclust compare --help')"
run compare "$T/a.csv" "$T/nope.csv"
expect_rc 1
expect_err_contains "nope.csv"
printf 'id,x,y\nx1,1,2\n' >"$T/three.csv"
run compare "$T/a.csv" "$T/three.csv"
expect_rc 1
expect_err "metaclust: $T/three.csv:1: missing column 'community' (columns found: 'id', 'x', 'y')"
run compare "$T/a.csv" "$T/three.csv" --column-b y --unassigned maybe
expect_rc 2
expect_err "metaclust: --unassigned: invalid value 'maybe' (expected singleton or exclude)"
printf 'id,community\ny1,0\n' >"$T/disjoint.csv"
run compare "$T/a.csv" "$T/disjoint.csv"
expect_rc 1
expect_err_contains "have no id in common"
exit 0
