# info --sector S --years 2015-2016 on CORDIS h2020 equals an independent recount in awk:
# affiliation rows of sector S whose project started in 2015 or 2016, projected per project
# (nodes, distinct pairs, and the total weight = shared projects summed over the pairs).
. "$MC_TESTS/cli/lib.sh"
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }

recount() {
    awk -F, -v s="$1" -v a=2015 -v b=2016 '
        FNR == 1 { next }
        FILENAME ~ /groups/ { year[$1] = $2; next }
        tolower($3) == tolower(s) && ($2 in year) && year[$2] >= a && year[$2] <= b {
            if (!(($2, $1) in seen)) { seen[$2, $1] = 1; mem[$2] = mem[$2] " " $1 }
            node[$1] = 1
        }
        END {
            for (g in mem) {
                k = split(mem[g], m, " ")
                for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) {
                    p = m[i] < m[j] ? m[i] SUBSEP m[j] : m[j] SUBSEP m[i]
                    if (!(p in w)) pairs++
                    w[p]++; total++
                }
            }
            for (n in node) nodes++
            print nodes + 0, pairs + 0, total + 0
        }' "$H2020/groups.csv" "$H2020/affiliations.csv"
}

for s in SC6 SC3; do
    want=$(recount $s)
    run info "$H2020" --sector $s --years 2015-2016 --json --quiet
    expect_rc 0
    got="$(json_get "$T/out" nodes) $(json_get "$T/out" edges) $(json_get "$T/out" total_weight)"
    [ "$got" = "$want" ] || fail "$s 2015-2016: nodes edges weight $got, recount $want"
done
exit 0
