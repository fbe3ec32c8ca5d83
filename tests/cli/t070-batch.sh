# metaclust batch: every file of every unit, the reports, a broken and a crashing unit,
# --resume, shards and --merge, Ctrl-C, determinism, usage errors.
. "$MC_TESTS/cli/lib.sh"

UNIT_FILES="info.json centrality.csv communities.csv proposals.csv proposals.md proposals.json
members.csv missing_links.csv rejected.csv network.png meta.png unit.json"

run batch "$DATA/tiny" -o "$T/b" -j 2 --formats png,svg,pdf --runs 3
expect_rc 0
for u in all automotive ict wood; do
    for f in $UNIT_FILES network.svg network.pdf; do
        [ -s "$T/b/$u/$f" ] || fail "missing $u/$f"
    done
done
for f in summary.csv report.md index.html; do
    [ -s "$T/b/$f" ] || fail "missing $f"
done
[ "$(head -1 "$T/b/summary.csv")" = "unit,dataset,sector,nodes,edges,modularity,communities,proposals,seconds,status,error" ] || fail "summary.csv header"
[ "$(grep -c ',ok,$' "$T/b/summary.csv")" = 4 ] || { cat "$T/b/summary.csv"; fail "4 units ok"; }
grep -q '^automotive,tiny,automotive,5,4,' "$T/b/summary.csv" || fail "automotive row"
grep -q '<img src="automotive/network.png"' "$T/b/index.html" || fail "index.html figure"
grep -q '\[automotive\](automotive/)' "$T/b/report.md" || fail "report.md link"
find "$T/b" -name '*.tmp.*' | grep -q . && fail "temporary files left"
expect_err_contains "metaclust: batch: [4/4]"
expect_err_contains "4 units done"

# determinism: a second run gives the same analysis files and figures
run batch "$DATA/tiny" -o "$T/b2" -j 1 --formats png,svg,pdf --runs 3 --quiet
expect_rc 0
expect_no_stderr
for f in centrality.csv communities.csv proposals.csv members.csv network.png network.svg network.pdf meta.png; do
    cmp -s "$T/b/automotive/$f" "$T/b2/automotive/$f" || fail "automotive/$f differs between runs"
done

# --resume: nothing to do when nothing changed; a changed input reruns its units
before=$(ls -l --time-style=+%s.%N "$T/b/ict/unit.json")
run batch "$DATA/tiny" -o "$T/b" --formats png,svg,pdf --runs 3 --resume
expect_rc 0
expect_err_contains "0 units to run (others up to date)"
[ "$(ls -l --time-style=+%s.%N "$T/b/ict/unit.json")" = "$before" ] || fail "--resume reran a unit"
[ "$(grep -c ',skipped,$' "$T/b/summary.csv")" = 4 ] || fail "summary after --resume"
run batch "$DATA/tiny" -o "$T/b" --runs 5 --resume --quiet
expect_rc 0
[ "$(grep -c ',ok,$' "$T/b/summary.csv")" = 4 ] || fail "other --runs must rerun"

# a directory of datasets: one broken dataset and one crashing unit; the others finish
mkdir -p "$T/multi/good" "$T/multi/broken" "$T/multi/crash"
cp "$DATA/tiny/"*.csv "$T/multi/good/"
cp "$DATA/tiny/"*.csv "$T/multi/crash/"
printf 'id,name\nx,"unterminated\n' >"$T/multi/broken/nodes.csv"
METACLUST_TEST_CRASH_UNIT=crash/all mc batch "$T/multi" -o "$T/m" -j 2 >"$T/out" 2>"$T/err"
RC=$?
expect_rc 3
grep -q '^good/all,tiny\|^good/all,good,all,10,9,' "$T/m/summary.csv" || { cat "$T/m/summary.csv"; fail "good unit"; }
grep -q '^good/all,.*,ok,$' "$T/m/summary.csv" || fail "good unit ok"
grep -q '^broken/all,.*,failed,.*nodes.csv:2: unterminated quoted field' "$T/m/summary.csv" || { cat "$T/m/summary.csv"; fail "broken unit reported"; }
grep -q '^crash/all,.*,crashed,' "$T/m/summary.csv" || { cat "$T/m/summary.csv"; fail "crashed unit reported"; }
expect_err_contains "metaclust: batch: 2 of 3 units failed (see $T/m/summary.csv)"
[ -s "$T/m/good/all/network.png" ] || fail "the good unit's figure"
grep -q 'class="card bad"' "$T/m/index.html" || fail "index.html marks the failed units"
find "$T/m" -name '*.tmp.*' | grep -q . && fail "temporary files left after a crash"

# shards into one OUTDIR, then --merge builds the reports
run batch "$DATA/tiny" -o "$T/s" --shard 1/2 --runs 2 --quiet
expect_rc 0
run batch "$DATA/tiny" -o "$T/s" --shard 2/2 --runs 2 --quiet
expect_rc 0
[ ! -e "$T/s/summary.csv" ] || fail "a shard must not write the summary"
run batch --merge "$T/s" --title "Merged"
expect_rc 0
[ "$(grep -c ',ok,$' "$T/s/summary.csv")" = 4 ] || { cat "$T/s/summary.csv"; fail "merged summary"; }
grep -q '<title>Merged</title>' "$T/s/index.html" || fail "merged index title"

# usage errors
run batch "$DATA/tiny" -o "$T/u" -j 0
expect_rc 2
expect_err "metaclust: -j: invalid value '0' (expected an integer from 1 to 256)"
run batch "$DATA/tiny" -o "$T/u" --formats gif
expect_rc 2
expect_err "metaclust: --formats: unknown format 'gif' (expected png, svg or pdf, comma-separated)"
run batch "$DATA/tiny"
expect_rc 2
expect_err "metaclust: batch: missing -o OUTDIR"
run batch "$DATA/tiny" -o "$T/u" --shard 3/2
expect_rc 2
expect_err "metaclust: --shard: invalid value '3/2' (expected I/N with 1 <= I <= N)"
run batch "$DATA/tiny" -o "$T/u" --sectors wod
expect_rc 2
expect_err "metaclust: unknown sector 'wod' (did you mean 'wood'?)"
run batch "$T/nothing" -o "$T/u"
expect_rc 1
expect_err "metaclust: $T/nothing: no such dataset or directory"

# Ctrl-C: finished units stay, no temporary file anywhere, exit 130
heavy && { echo "skip: interrupt test under valgrind"; exit 0; }
mc generate -o "$T/big" --clusters 3000 --seed 3 --quiet || fail "generate"
"$METACLUST" batch "$T/big" -o "$T/i" -j 2 --runs 30 --quiet >"$T/out" 2>"$T/err" &
pid=$!
# wait (without sleeping) until a first unit is complete, then interrupt
while ! ls "$T/i"/*/unit.json >/dev/null 2>&1 && kill -0 $pid 2>/dev/null; do
    :
done
kill -INT $pid
wait $pid
RC=$?
if [ "$RC" = 0 ]; then
    echo "skip: the batch finished before the interrupt arrived"
    exit 0
fi
expect_rc 130
expect_err "metaclust: batch: interrupted"
find "$T/i" -name '*.tmp.*' | grep -q . && fail "temporary files left after Ctrl-C"
ls "$T/i"/*/unit.json >/dev/null 2>&1 || fail "finished units were not kept"
grep -q ',interrupted,' "$T/i/summary.csv" || fail "summary marks the interrupted units"
exit 0
