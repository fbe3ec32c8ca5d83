# change --sector SC6 --from 2014-2016 --to 2018-2020 on CORDIS h2020: kept, new and lost
# links and the nodes that entered and left equal an independent recount in awk.
. "$MC_TESTS/cli/lib.sh"
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }

# pairs: one "u v" line per link of sector $1 in years $2..$3
pairs() {
    awk -F, -v s="$1" -v a="$2" -v b="$3" '
        FNR == 1 { next }
        FILENAME ~ /groups/ { year[$1] = $2; next }
        tolower($3) == tolower(s) && ($2 in year) && year[$2] >= a && year[$2] <= b {
            if (!(($2, $1) in seen)) { seen[$2, $1] = 1; mem[$2] = mem[$2] " " $1 }
        }
        END {
            for (g in mem) {
                k = split(mem[g], m, " ")
                for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
                    print (m[i] < m[j] ? m[i] " " m[j] : m[j] " " m[i])
            }
        }' "$H2020/groups.csv" "$H2020/affiliations.csv" | LC_ALL=C sort -u
}
pairs SC6 2014 2016 >"$T/a"
pairs SC6 2018 2020 >"$T/b"
kept=$(LC_ALL=C comm -12 "$T/a" "$T/b" | wc -l)
new=$(LC_ALL=C comm -13 "$T/a" "$T/b" | wc -l)
lost=$(LC_ALL=C comm -23 "$T/a" "$T/b" | wc -l)
tr ' ' '\n' <"$T/a" | LC_ALL=C sort -u >"$T/na"
tr ' ' '\n' <"$T/b" | LC_ALL=C sort -u >"$T/nb"
entered=$(LC_ALL=C comm -13 "$T/na" "$T/nb" | wc -l)
left=$(LC_ALL=C comm -23 "$T/na" "$T/nb" | wc -l)
[ "$kept" -gt 0 ] && [ "$new" -gt 0 ] && [ "$lost" -gt 0 ] || fail "recount found nothing"

run change "$H2020" --sector SC6 --from 2014-2016 --to 2018-2020 --json -o "$T/c" --quiet
expect_rc 0
got="$(json_get "$T/out" kept) $(json_get "$T/out" new) $(json_get "$T/out" lost)"
[ "$got" = "$kept $new $lost" ] || fail "kept new lost: $got, recount $kept $new $lost"
grep -q "\"entered\": $entered," "$T/out" || fail "entered: recount $entered"
grep -q "\"left\": $left$" "$T/out" || fail "left: recount $left"
exit 0
