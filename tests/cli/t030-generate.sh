# metaclust generate: the files, determinism, help, usage and I/O errors; the committed datasets.
. "$MC_TESTS/cli/lib.sh"
TOP="$MC_TOP"

run generate -o "$T/a" --clusters 120 --partners 600 --seed 3
expect_rc 0
expect_err_contains "metaclust: generate: wrote $T/a: 120 clusters, 600 partners, "
for f in nodes.csv edges.csv affiliations.csv groups.csv truth.csv generate.json; do
    [ -s "$T/a/$f" ] || fail "no $f"
done
ls "$T/a" | grep -q tmp && fail "temporary file left"
[ "$(head -1 "$T/a/nodes.csv")" = "id,name,country,region,sectors,lat,lon,label,members,type" ] ||
    fail "nodes.csv header"
[ "$(head -1 "$T/a/edges.csv")" = "source,target,weight,sector" ] || fail "edges.csv header"
[ "$(head -1 "$T/a/affiliations.csv")" = "node,group,sector" ] || fail "affiliations.csv header"
[ "$(head -1 "$T/a/groups.csv")" = "id,name,type,sectors,country,region" ] || fail "groups.csv header"
[ "$(head -1 "$T/a/truth.csv")" = "node,meta_cluster" ] || fail "truth.csv header"
[ "$(($(wc -l <"$T/a/truth.csv") - 1))" = 120 ] || fail "truth.csv rows"
# 120 clusters: two planted meta-clusters by default (one per 50)
[ "$(cut -d, -f2 "$T/a/truth.csv" | sed 1d | grep -v '^$' | sort -u | wc -l)" = 2 ] ||
    fail "planted meta-clusters"
[ "$(json_get "$T/a/generate.json" seed)" = 3 ] || fail "seed in generate.json"

# it loads without a warning
run info "$T/a"
expect_rc 0
expect_no_stderr
expect_out_contains "nodes         120"

# the same options give the same bytes; --quiet is silent; another seed differs
run generate -o "$T/b" --clusters 120 --partners 600 --seed 3 --quiet
expect_rc 0
expect_no_stderr
for f in nodes.csv edges.csv affiliations.csv groups.csv truth.csv generate.json; do
    cmp -s "$T/a/$f" "$T/b/$f" || fail "$f differs between identical runs"
done
run generate -o "$T/c" --clusters 120 --partners 600 --seed 4 --quiet
cmp -s "$T/a/edges.csv" "$T/c/edges.csv" && fail "seeds 3 and 4 gave the same edges"

# options: countries, sectors, no planting, a regions file
printf 'code,country,name,lat,lon\nA1,AA,Alpha,46.0,14.0\nB1,BB,Beta,46.5,15.0\nC1,CC,Gamma,45.5,15.5\n' >"$T/regions.csv"
run generate -o "$T/d" --regions "$T/regions.csv" --countries aa,BB,cc --sectors solar,wind \
    --clusters 60 --meta-clusters 1 --group-size 4 --quiet
expect_rc 0
grep -q '^a1-solar-1,Alpha Solar Cluster' "$T/d/nodes.csv" || fail "regions file not used"
[ "$(grep -c ',solar-mc01$\|,wind-mc01$' "$T/d/truth.csv")" = 4 ] || fail "group of 4"
run generate -o "$T/e" --countries CZ,SK --meta-clusters 0 --clusters 50 --quiet
expect_rc 0
[ "$(cut -d, -f3 "$T/e/nodes.csv" | sed 1d | sort -u | tr '\n' ' ')" = "CZ SK " ] || fail "countries"

# help from the table
run generate --help
expect_rc 0
expect_out_contains "usage: metaclust generate -o DIR"
expect_out_contains "--noise X"
mc help generate >"$T/help2" || fail "help generate"
cmp -s "$T/out" "$T/help2" || fail "'generate --help' and 'help generate' differ"

# usage errors: exit 2, one line
run generate --clusters 10
expect_rc 2
expect_err "metaclust: generate: missing -o DIR, the directory to write the dataset to"
run generate -o "$T/x" --clusters 0
expect_rc 2
expect_err "metaclust: --clusters: invalid value '0' (expected an integer from 1 to 10000000)"
run generate -o "$T/x" --noise 2
expect_rc 2
expect_err "metaclust: --noise: invalid value '2' (expected a number from 0 to 1)"
run generate -o "$T/x" --group-size 9-5
expect_rc 2
expect_err "metaclust: --group-size: invalid value '9-5' (expected MIN-MAX with 3 <= MIN <= MAX <= 15, e.g. 4-15)"
run generate -o "$T/x" --seed -1
expect_rc 2
expect_err "metaclust: --seed: invalid value '-1' (expected an integer from 0 to 4294967295)"
run generate -o "$T/x" --countries CZ,FR
expect_rc 2
expect_err "metaclust: no region for country 'FR' in the region table (countries: AT BG CZ DE HR HU IT PL RO SI SK TR)"
run generate -o "$T/x" --clusters 100 --meta-clusters 30
expect_rc 2
expect_err "metaclust: cannot plant 30 meta-clusters of at least 4 clusters among 100 clusters"
run generate -o "$T/x" --frobnicate
expect_rc 2
expect_err "metaclust: generate: unknown option '--frobnicate' (see 'metaclust generate --help')"
run generate -o "$T/x" extra
expect_rc 2
expect_err "metaclust: generate: unexpected argument 'extra' (see 'metaclust generate --help')"
[ -e "$T/x" ] && fail "a failed run created its output directory"

# I/O errors: exit 1
run generate -o /dev/null/x --clusters 50
expect_rc 1
expect_err "metaclust: /dev/null: exists and is not a directory"
run generate -o "$T/x" --regions "$T/nope.csv"
expect_rc 1
expect_err_contains "nope.csv"

# the seed partnerships: every partner and country named in the seed documents
run info "$TOP/datasets/seed-projects"
expect_rc 0
expect_no_stderr
expect_out_contains "nodes         23"
expect_out_contains "edges         102 (0 direct edge rows, 3 groups projected)"
expect_out_contains "countries     10: CZ 4, PL 4, HU 3, SK 3, DE 2, IT 2, SI 2, AT 1, HR 1, TR 1"
for name in "Ústí" "Rzeszów" "Bielsko-Biała" "Ljubljana" "İzmir" "Piešťany" "Székesfehérvár"; do
    grep -q "$name" "$TOP/datasets/seed-projects/nodes.csv" || fail "seed-projects lacks $name"
done

# the demo dataset: loads without a warning and is what its recorded command writes
run info "$TOP/datasets/central-europe"
expect_rc 0
expect_no_stderr
expect_out_contains "nodes         500"
cmd=$(sed -n 's/^    metaclust generate -o datasets\/central-europe \(.*\)$/\1/p' \
    "$TOP/datasets/central-europe/README.md")
[ -n "$cmd" ] || fail "no command in datasets/central-europe/README.md"
# shellcheck disable=SC2086
run generate -o "$T/ce" $cmd --quiet
expect_rc 0
for f in nodes.csv edges.csv affiliations.csv groups.csv truth.csv generate.json; do
    cmp -s "$T/ce/$f" "$TOP/datasets/central-europe/$f" ||
        fail "datasets/central-europe/$f is not what '$cmd' writes (regenerate it)"
done
exit 0
