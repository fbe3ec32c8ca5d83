# Every h2020 sector against the python-igraph reference (../shared/peers/reference):
# node, edge and weight counts, strength and weighted PageRank top 10 (ids and values),
# and Leiden with 10 runs reaching at least the best of python-igraph's 10 runs - 0.002.
. "$MC_TESTS/cli/lib.sh"
need_shared
heavy && { echo "skip: h2020 under valgrind"; exit 0; }
REF="$SHARED/peers/reference"
CHECK="$SHARED/peers/check_against_reference.py"
PY=/usr/bin/python3
[ -f "$CHECK" ] && [ -x "$PY" ] || { echo "skip: $CHECK or $PY not found"; exit 0; }

n=0
tail -n +2 "$H2020/sectors.csv" | cut -d, -f1 >"$T/sectors"
while IFS= read -r s; do
    ref="$REF/$(echo "$s" | tr ' ' _).json"
    [ -f "$ref" ] || fail "no reference for sector '$s'"
    mkdir -p "$T/$n"
    mc centrality "$H2020" --sector "$s" --measures degree,strength,pagerank \
        -o "$T/$n/centrality.csv" || fail "centrality $s"
    mc communities "$H2020" --sector "$s" --runs 10 --quiet -o "$T/$n/communities.csv" \
        --summary "$T/$n/summary.json" || fail "communities $s"
    "$PY" "$CHECK" "$ref" "$T/$n" >"$T/$n/check.txt" || { cat "$T/$n/check.txt"; fail "sector $s"; }
    "$PY" - "$ref" "$T/$n/summary.json" "$s" <<'PYEOF' || fail "modularity bound, sector $s"
import json, sys
ref, got = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
best = ref["leiden_best_modularity"]
q = got["modularity"]
print("%-20s Q %.6f  python-igraph best %.6f  diff %+.6f" % (sys.argv[3], q, best, q - best))
sys.exit(0 if q >= best - 0.002 else 1)
PYEOF
    n=$((n + 1))
done <"$T/sectors"
[ "$n" = 17 ] || fail "checked $n sectors, expected 17"
exit 0
