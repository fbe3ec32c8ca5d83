# metaclust roadshow: schedule.csv and agenda.md, every rule checked from the
# files, determinism, and the acceptance run on h2020 SC6.
. "$MC_TESTS/cli/lib.sh"

# check_schedule DIR ATTENDEES K NODES: the rules, from schedule.csv and nodes.csv alone
check_schedule() {
    awk -F, -v K="$3" '
        FILENAME == ARGV[1] && FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "country") cc = i; next }
        FILENAME == ARGV[1] { country[$1] = $cc; next }
        FILENAME == ARGV[2] { att[$1] = 1; next }
        FNR == 1 { next }
        {
            slot = $1; a = $2; b = $3
            if (!(a in att) || !(b in att)) { print "not an attendee: " a " " b; bad = 1 }
            if (country[a] == "" || country[a] == country[b]) { print "not cross-border: " a " " b; bad = 1 }
            p = a < b ? a "|" b : b "|" a
            if (p in pair) { print "pair twice: " p; bad = 1 }
            pair[p] = 1
            if ((slot "|" a) in busy || (slot "|" b) in busy) { print "twice in slot " slot; bad = 1 }
            busy[slot "|" a] = 1; busy[slot "|" b] = 1
            if (++n[a] > K || ++n[b] > K) { print "more than " K " meetings"; bad = 1 }
            meetings++
        }
        END { print meetings + 0; exit bad }' "$4" "$2" "$1/schedule.csv"
}

printf 'name\nMoravian Automotive Cluster\nde-ict\npl-ict\nsk-auto\nhu-auto\nat-auto\nhr-wood\nsi-wood\n' >"$T/att.csv"
run roadshow "$DATA/tiny" --attendees "$T/att.csv" --meetings 2 -o "$T/r"
expect_rc 0
[ "$(head -1 "$T/r/schedule.csv")" = "slot,a,b,score,reason" ] || fail "schedule.csv header"
[ -s "$T/r/agenda.md" ] || fail "agenda.md"
sed 's/^Moravian Automotive Cluster$/cz-auto/' "$T/att.csv" >"$T/att-ids.csv"
got=$(check_schedule "$T/r" "$T/att-ids.csv" 2 "$DATA/tiny/nodes.csv") || fail "tiny: $got"
[ "$(echo "$got" | tail -1)" -ge 6 ] || fail "tiny: only $got meetings"
grep -q '^| upper bound on the total score |' "$T/r/agenda.md" || fail "agenda.md: the bound"
grep -q '^## Saxony ICT (`de-ict`, DE)' "$T/r/agenda.md" || fail "agenda.md: one agenda per attendee"
run roadshow "$DATA/tiny" --attendees "$T/att.csv" --meetings 2 -o "$T/r2" --quiet
for f in schedule.csv agenda.md; do
    cmp -s "$T/r/$f" "$T/r2/$f" || fail "$f differs between two runs"
done

# acceptance: 24 SC6 organisations (the 24 of highest degree), 4 meetings each
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
run centrality "$H2020" --sector SC6 --measures degree --top 24 --format csv
expect_rc 0
tail -n +2 "$T/out" | cut -d, -f1 >"$T/sc6.csv"
[ "$(wc -l <"$T/sc6.csv")" = 24 ] || fail "24 attendees"
run roadshow "$H2020" --sector SC6 --attendees "$T/sc6.csv" --meetings 4 -o "$T/h" --quiet
expect_rc 0
got=$(check_schedule "$T/h" "$T/sc6.csv" 4 "$H2020/nodes.csv") || fail "SC6: $got"
[ "$(echo "$got" | tail -1)" -ge 24 ] || fail "SC6: only $got meetings"
