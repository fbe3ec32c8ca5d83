# metaclust sectors on CORDIS h2020: 17 sectors ranked 1 to 17, the emerging pairs and both
# figures, every score component explained in sectors.md.
. "$MC_TESTS/cli/lib.sh"
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }

run sectors "$H2020" -o "$T/s" --quiet
expect_rc 0
[ "$(tail -n +2 "$T/s/sectors.csv" | wc -l)" = 17 ] || fail "sectors.csv rows"
[ "$(tail -n +2 "$T/s/sectors.csv" | cut -d, -f1 | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 " ] ||
    fail "ranks are not 1 to 17"
# every sector's nodes and ties as in ../shared/datasets/h2020/sectors.csv
tail -n +2 "$H2020/sectors.csv" | while IFS=, read -r name nodes projects aff edges rest; do
    got=$(awk -F, -v s="$name" '$2 == s { print $4, $5 }' "$T/s/sectors.csv")
    [ "$got" = "$nodes $edges" ] || fail "$name: nodes ties '$got', expected '$nodes $edges'"
done || exit 1
# 17 sectors: 136 pairs at most
n=$(tail -n +2 "$T/s/emerging.csv" | wc -l)
[ "$n" -gt 0 ] && [ "$n" -le 136 ] || fail "emerging.csv rows: $n"
for part in transnational proposals scale reach growth; do
    grep -q "^- \*\*$part\*\* (weight" "$T/s/sectors.md" || fail "sectors.md does not explain $part"
done
grep -q "left out: the data has no labels" "$T/s/sectors.md" || fail "labels not said to be left out"
for f in sectors.png emerging.png; do
    [ "$(head -c 4 "$T/s/$f" | tail -c 3)" = PNG ] || fail "$f is not a PNG"
done
exit 0
