# src/borders_table.awk, which compiles datasets/borders-50m.tsv into the binary: relative points
# are written out absolute, and a malformed table stops the build with file, line and reason.
. "$MC_TESTS/cli/lib.sh"
AWK="$MC_TOP/src/borders_table.awk"
tab=$(printf '\t')

printf 'code\tpolygon\tring\tpoints\nAT\t0\t0\t1000,4700 50,0 0,50 -50,0\nCZ\t0\t0\t1300,4900 -10,20 30,0\n' \
    >"$T/ok.tsv"
awk -f "$AWK" "$T/ok.tsv" >"$T/ok.c" 2>"$T/err" || fail "a valid table failed: $(cat "$T/err")"
grep -qF "1000,4700, 1050,4700, 1050,4750, 1000,4750," "$T/ok.c" || fail "AT's points: $(cat "$T/ok.c")"
grep -qF "1300,4900, 1290,4920, 1320,4920," "$T/ok.c" || fail "CZ's points: $(cat "$T/ok.c")"
grep -qF '{"AT", 0, 0, 0, 4},' "$T/ok.c" || fail "AT's ring: $(cat "$T/ok.c")"
grep -qF '{"CZ", 0, 0, 4, 3},' "$T/ok.c" || fail "CZ's ring: $(cat "$T/ok.c")"

# bad: the line's text, then the message expected on stderr
bad() {
    printf 'code\tpolygon\tring\tpoints\n%s\n' "$1" >"$T/bad.tsv"
    if awk -f "$AWK" "$T/bad.tsv" >"$T/bad.c" 2>"$T/err"; then
        fail "accepted: $1"
    fi
    [ "$(cat "$T/err")" = "$T/bad.tsv:2: $2" ] || fail "for '$1': $(cat "$T/err"), want: $2"
}
bad "AT${tab}0${tab}0${tab}1000,4700 50,x 0,50" "bad point '50,x'"
bad "AT${tab}0${tab}0${tab}1000,4700 50,0" "a ring needs 3 points or more"
bad "AT${tab}0${tab}0${tab}19990,4700 50,0 0,50" "point 2 outside -180..200, -90..90"
bad "Austria${tab}0${tab}0${tab}1000,4700 50,0 0,50" "bad code, polygon or ring (or not sorted by code)"
printf 'code\tpolygon\tring\tpoints\nCZ\t0\t0\t1,1 1,0 0,1\nAT\t0\t0\t1,1 1,0 0,1\n' >"$T/unsorted.tsv"
awk -f "$AWK" "$T/unsorted.tsv" >/dev/null 2>"$T/err" && fail "accepted an unsorted table"
grep -qF "unsorted.tsv:3: bad code, polygon or ring (or not sorted by code)" "$T/err" ||
    fail "unsorted: $(cat "$T/err")"
printf 'code,name\n' >"$T/header.tsv"
awk -f "$AWK" "$T/header.tsv" >/dev/null 2>"$T/err" && fail "accepted a wrong header"
grep -qF "expected the columns code, polygon, ring, points" "$T/err" || fail "header: $(cat "$T/err")"
exit 0
