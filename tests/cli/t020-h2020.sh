# metaclust info on the real CORDIS data: counts equal ../shared/datasets/h2020/sectors.csv.
. "$MC_TESTS/cli/lib.sh"
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }

run info "$H2020" --json
expect_rc 0
[ "$(json_get "$T/out" nodes)" = 35871 ] || fail "nodes $(json_get "$T/out" nodes)"
[ "$(json_get "$T/out" edges)" = 795870 ] || fail "edges"
[ "$(json_get "$T/out" total_weight)" = 1088464 ] || fail "total_weight"
[ "$(json_get "$T/out" isolated)" = 4400 ] || fail "isolated"

# every sector: nodes, edges, total weight, isolates as in sectors.csv
tail -n +2 "$H2020/sectors.csv" | while IFS=, read -r name nodes projects aff edges weight iso maxp; do
    mc info "$H2020" --sector "$name" --json >"$T/s.json" 2>"$T/err" || fail "info --sector $name"
    for k in nodes edges isolated; do
        eval want=\$$( [ $k = isolated ] && echo iso || echo $k )
        got=$(json_get "$T/s.json" $k)
        [ "$got" = "$want" ] || fail "$name $k: $got, expected $want"
    done
    got=$(json_get "$T/s.json" total_weight)
    [ "$got" = "$weight" ] || fail "$name total_weight: $got, expected $weight"
done || exit 1
exit 0
