# batch on one dataset with sectors leads index.html and report.md with the sectors ranking.
. "$MC_TESTS/cli/lib.sh"

run batch "$DATA/tiny" -o "$T/b" -j 2
expect_rc 0
expect_err_contains "metaclust: batch: 3 sectors ranked into $T/b/sectors/"
for f in sectors.csv sectors.md sectors.png emerging.csv emerging.png section.md section.html; do
    [ -s "$T/b/sectors/$f" ] || fail "missing sectors/$f"
done
# report.md: the section comes before the units' table
sec=$(grep -n '^## Sectors by potential' "$T/b/report.md" | cut -d: -f1)
units=$(grep -n '^| unit | nodes' "$T/b/report.md" | cut -d: -f1)
[ -n "$sec" ] && [ -n "$units" ] && [ "$sec" -lt "$units" ] || fail "report.md: sectors section not first"
grep -q '^| 1 | ' "$T/b/report.md" || fail "report.md: no ranking row"
grep -q '!\[Potential by sector\](sectors/sectors.png)' "$T/b/report.md" || fail "report.md: no chart"
# index.html: the section before the grid of units, with the chart
sec=$(grep -n 'id="sectors"' "$T/b/index.html" | cut -d: -f1)
grid=$(grep -n '<div class="grid">' "$T/b/index.html" | cut -d: -f1)
[ -n "$sec" ] && [ -n "$grid" ] && [ "$sec" -lt "$grid" ] || fail "index.html: sectors section not first"
grep -q '<img src="sectors/sectors.png"' "$T/b/index.html" || fail "index.html: no chart"

# the ranking is made by a worker beside the units, each unit's sector completed from the
# unit; a unit that crashes leaves its sector to the parent: the same ranking either way
METACLUST_TEST_CRASH_UNIT=ict run batch "$DATA/tiny" -o "$T/crash" -j 2 --quiet
expect_rc 3
grep -q '^ict,.*,crashed,' "$T/crash/summary.csv" || fail "the ict unit did not crash"
cmp "$T/b/sectors/sectors.csv" "$T/crash/sectors/sectors.csv" ||
    fail "sectors.csv differs when the parent ranks a crashed unit's sector"
run batch "$DATA/tiny" -o "$T/one" -j 1 --quiet
expect_rc 0
cmp "$T/b/sectors/sectors.csv" "$T/one/sectors/sectors.csv" || fail "sectors.csv differs with -j 1"

# --merge keeps the section (it reads sectors/section.*)
run batch --merge "$T/b"
expect_rc 0
grep -q 'id="sectors"' "$T/b/index.html" || fail "merged index.html lost the sectors section"

# several datasets: no sectors section
mkdir "$T/two"
cp -R "$DATA/tiny" "$T/two/a"
cp -R "$DATA/tiny" "$T/two/b"
run batch "$T/two" -o "$T/c" -j 2 --quiet
expect_rc 0
[ ! -e "$T/c/sectors" ] || fail "a sectors folder for several datasets"
grep -q 'id="sectors"' "$T/c/index.html" && fail "index.html with a sectors section for several datasets"
exit 0
