# generate --model landscape: both forms, the files, determinism, the fixtures, bad values.
. "$MC_TESTS/cli/lib.sh"
TOP="$MC_TESTS/.."

# the edge form: nodes, edges, truth, hangers; no affiliations
run generate -o "$T/e" --model landscape --form edges --clusters 200 --seed 5
expect_rc 0
expect_err_contains "metaclust: generate: wrote $T/e: 200 organisations, 0 projects, "
for f in nodes.csv edges.csv truth.csv hangers.csv generate.json; do
    [ -s "$T/e/$f" ] || fail "edge form: no $f"
done
for f in affiliations.csv groups.csv; do
    [ -e "$T/e/$f" ] && fail "edge form wrote $f"
done
ls "$T/e" | grep -q tmp && fail "temporary file left"
[ "$(head -1 "$T/e/edges.csv")" = "source,target,weight,sector" ] || fail "edges header"
[ "$(head -1 "$T/e/truth.csv")" = "node,meta_cluster" ] || fail "truth header"
[ "$(head -1 "$T/e/hangers.csv")" = "node,member,meta_cluster" ] || fail "hangers header"
[ "$(json_get "$T/e/generate.json" model)" = '"landscape"' ] || fail "model in generate.json"
[ "$(json_get "$T/e/generate.json" form)" = '"edges"' ] || fail "form in generate.json"
# 200 clusters: two planted groups by default (one per 100), of 5 to 10 members
groups=$(cut -d, -f2 "$T/e/truth.csv" | sed 1d | grep -v '^$' | sort | uniq -c)
[ "$(echo "$groups" | wc -l)" = 2 ] || fail "planted groups: $groups"
bad=$(echo "$groups" | while read -r n g; do
    [ "$n" -ge 5 ] && [ "$n" -le 10 ] || echo "group $g has $n members"
done)
[ -z "$bad" ] || fail "$bad"
# every hanger is a compatriot of its member, which is planted in the group named
bad=$(sed 1d "$T/e/hangers.csv" | while IFS=, read -r h m g; do
    grep -q "^$m,$g\$" "$T/e/truth.csv" || echo "hanger $h: $m is not in $g"
    [ "${h%%-*}" = "${m%%-*}" ] || echo "hanger $h of $m is not a compatriot"
done)
[ -z "$bad" ] || fail "$bad"
[ "$(sed 1d "$T/e/hangers.csv" | wc -l)" -ge 2 ] || fail "no hangers"
run info "$T/e"
expect_rc 0
expect_no_stderr
expect_out_contains "nodes         200"

# the affiliation form: projects with a coordinator; no edges
run generate -o "$T/a" --model landscape --form affiliations --clusters 200 --seed 5 --quiet
expect_rc 0
expect_no_stderr
for f in nodes.csv affiliations.csv groups.csv truth.csv hangers.csv; do
    [ -s "$T/a/$f" ] || fail "affiliation form: no $f"
done
[ -e "$T/a/edges.csv" ] && fail "affiliation form wrote edges.csv"
[ "$(head -1 "$T/a/affiliations.csv")" = "node,group,sector,role" ] || fail "affiliations header"
[ "$(head -1 "$T/a/groups.csv")" = "id,name,sectors,year" ] || fail "groups header"
# the same landscape in both forms
for f in nodes.csv truth.csv hangers.csv; do
    cmp -s "$T/e/$f" "$T/a/$f" || fail "$f differs between the two forms"
done
run info "$T/a"
expect_rc 0
expect_no_stderr

# both forms at once, and a later run of one form removes the other's files
run generate -o "$T/b" --model landscape --clusters 200 --seed 5 --quiet
expect_rc 0
cmp -s "$T/e/edges.csv" "$T/b/edges.csv" || fail "edges.csv differs from the edge form's"
cmp -s "$T/a/affiliations.csv" "$T/b/affiliations.csv" || fail "affiliations differ"
run generate -o "$T/b" --model landscape --form edges --clusters 200 --seed 5 --quiet
expect_rc 0
[ -e "$T/b/affiliations.csv" ] && fail "the affiliation form's files stayed"

# determinism: the same seed gives the same bytes, another seed other ones
run generate -o "$T/e2" --model landscape --form edges --clusters 200 --seed 5 --quiet
for f in nodes.csv edges.csv truth.csv hangers.csv generate.json; do
    cmp -s "$T/e/$f" "$T/e2/$f" || fail "$f differs between identical runs"
done
run generate -o "$T/e3" --model landscape --form edges --clusters 200 --seed 6 --quiet
cmp -s "$T/e/edges.csv" "$T/e3/edges.csv" && fail "seeds 5 and 6 gave the same edges"

# the committed fixtures are what their command writes
for f in edges aff; do
    form=$f
    [ "$f" = aff ] && form=affiliations
    run generate -o "$T/fx-$f" --model landscape --form "$form" --clusters 80 \
        --countries AT,CZ,PL,SK,HU --sectors ict,food --meta-clusters 2 --seed 1 --quiet
    expect_rc 0
    for file in "$T/fx-$f"/*; do
        name=$(basename "$file")
        cmp -s "$file" "$DATA/landscape-$f/$name" ||
            fail "tests/data/landscape-$f/$name is not what its command writes (regenerate it)"
    done
done

# the planted model takes --form too
run generate -o "$T/p" --clusters 100 --form edges --seed 2 --quiet
expect_rc 0
[ -e "$T/p/affiliations.csv" ] && fail "planted edge form wrote affiliations.csv"
[ -s "$T/p/edges.csv" ] || fail "planted edge form: no edges.csv"

# help and bad values
run generate --help
expect_out_contains "--model M"
expect_out_contains "--form F"
run generate -o "$T/x" --model landscpe
expect_rc 2
expect_err "metaclust: --model: unknown model 'landscpe' (expected planted or landscape)"
run generate -o "$T/x" --model landscape --degree 3
expect_rc 2
expect_err "metaclust: generate: --degree applies to --model planted only (see 'metaclust generate --help')"
run generate -o "$T/x" --model landscape --countries CZ,SK --clusters 50
expect_rc 2
expect_err "metaclust: planted groups span at least 3 countries, but only 2 countries are given"
[ -e "$T/x" ] && fail "a failed run created its output directory"
exit 0
