#!/bin/sh
# Analysis speed, side by side with the python-igraph and NetworkX peers
# (../shared/peers), in one run on one machine, on the largest h2020 sector.
#
#   sh bench/bench-analysis.sh [SECTOR [REPEATS]]     default LEIT 3
#   sh bench/bench-analysis.sh --sectors               Leiden --runs 10 on all 17 sectors
#                                                      against the reference modularity
# Env: METACLUST (binary, default ./metaclust), MC_SHARED (default ../shared),
#      NX=0 to skip the NetworkX peer (about 2 minutes on LEIT).
#
# Every figure is the whole process (load, projection, computation, writing),
# the median of REPEATS runs (NetworkX: one run). "Same work":
#   A  degree, strength, weighted PageRank, one Leiden run iterated to a fixed
#      point (the peers: one Leiden chain / one Louvain run), CSV outputs;
#   B  A plus exact unweighted betweenness (hop counts, as the peers compute it);
#      metaclust splits the sources over worker processes (-j, default the CPUs);
#   C  metaclust's defaults: every measure (path measures sampled above
#      n x m = 1e9) and Leiden with --runs 10, stability and confidence.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
MC=${METACLUST:-$here/metaclust}
SHARED=${MC_SHARED:-$here/../shared}
DS=$SHARED/datasets/h2020
PEERS=$SHARED/peers
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/mcbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
[ -x "$MC" ] || { echo "build metaclust first (make)"; exit 1; }
[ -f "$DS/nodes.csv" ] || { echo "skip: $DS not found"; exit 0; }

if [ "${1:-}" = "--sectors" ]; then
    echo "| sector | nodes | edges | metaclust Q (--runs 10, seed 0) | python-igraph best of 10 | difference | PageRank/strength top 10 |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    tail -n +2 "$DS/sectors.csv" | cut -d, -f1 | while IFS= read -r s; do
        ref="$PEERS/reference/$(echo "$s" | tr ' ' _).json"
        mkdir -p "$T/s"
        "$MC" centrality "$DS" --sector "$s" --measures degree,strength,pagerank -o "$T/s/centrality.csv"
        "$MC" communities "$DS" --sector "$s" --runs 10 --quiet -o "$T/s/communities.csv" \
            --summary "$T/s/summary.json"
        tops=FAIL
        "$PY" "$PEERS/check_against_reference.py" "$ref" "$T/s" >/dev/null && tops=equal
        "$PY" - "$ref" "$T/s/summary.json" "$s" "$tops" <<'EOF'
import json, sys
ref, got = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
q, best = got["modularity"], ref["leiden_best_modularity"]
print("| %s | %d | %d | %.6f | %.6f | %+.6f | %s |" % (sys.argv[3], got["nodes"], got["edges"], q,
      best, q - best, sys.argv[4]))
EOF
    done
    exit 0
fi

S=${1:-LEIT}
REP=${2:-3}

# median_of CMD...: runs the command REP times, prints the median wall seconds
median_of() {
    i=0
    : >"$T/times"
    while [ $i -lt "$REP" ]; do
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>"$T/stderr" || { cat "$T/stderr"; echo "failed: $*"; exit 1; }
        t1=$(date +%s.%N)
        echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }' >>"$T/times"
        i=$((i + 1))
    done
    sort -n "$T/times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

mc_a() {
    "$MC" centrality "$DS" --sector "$S" --measures degree,strength,pagerank -o "$T/mc/centrality.csv" &&
        "$MC" communities "$DS" --sector "$S" --runs 1 --quiet -o "$T/mc/communities.csv" \
            --summary "$T/mc/summary.json"
}
mc_b() {
    "$MC" centrality "$DS" --sector "$S" --measures degree,strength,pagerank,betweenness \
        --betweenness exact --lengths hops "$@" -o "$T/mc/centrality.csv" &&
        "$MC" communities "$DS" --sector "$S" --runs 1 --quiet -o "$T/mc/communities.csv"
}
mc_b1() { mc_b -j 1; }
mc_c() {
    "$MC" centrality "$DS" --sector "$S" --quiet -o "$T/mc/centrality.csv" &&
        "$MC" communities "$DS" --sector "$S" --quiet -o "$T/mc/communities.csv"
}
ig_a() { "$PY" "$PEERS/pipeline_igraph.py" "$DS" "$S" "$T/ig" --no-render; }
ig_b() { "$PY" "$PEERS/pipeline_igraph.py" "$DS" "$S" "$T/ig" --no-render --betweenness; }
nx_a() { "$PY" "$PEERS/pipeline_networkx.py" "$DS" "$S" "$T/nx" --no-render; }

mkdir -p "$T/mc" "$T/ig" "$T/nx"
echo "sector $S, $REP runs each (median), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
a=$(median_of mc_a)
ia=$(median_of ig_a)
b=$(median_of mc_b)
ib=$(median_of ig_b)
# the same betweenness as the peer (igraph, unweighted, unnormalised)?
"$PY" - "$T/mc/centrality.csv" "$T/ig/centrality.csv" <<'EOF'
import csv, sys
m = {r["id"]: float(r["betweenness"]) for r in csv.DictReader(open(sys.argv[1]))}
p = {r["id"]: float(r["betweenness"]) for r in csv.DictReader(open(sys.argv[2]))}
d = max(abs(m[k] - p[k]) / max(1.0, abs(p[k])) for k in p)
print("betweenness vs python-igraph: %d nodes, max relative difference %.2g" % (len(p), d))
EOF
b1=$(median_of mc_b1)
c=$(median_of mc_c)
if [ "${NX:-1}" = 1 ]; then
    REP_SAVE=$REP
    REP=1
    nxa=$(median_of nx_a)
    REP=$REP_SAVE
else
    nxa=""
fi
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (x == "" || y == "") print "-"; else printf "%.1fx", x / y }'; }
echo
echo "| work on $S | metaclust | python-igraph | NetworkX | vs python-igraph | vs NetworkX |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| A: degree, strength, PageRank, 1 Leiden/Louvain run | ${a} s | ${ia} s | ${nxa:-not run} s | $(ratio "$ia" "$a") | $(ratio "$nxa" "$a") |"
echo "| B: A + exact unweighted betweenness (metaclust -j $(nproc)) | ${b} s | ${ib} s | > 600 s (not run) | $(ratio "$ib" "$b") | - |"
echo "| B with -j 1 (one process) | ${b1} s | ${ib} s | | $(ratio "$ib" "$b1") | |"
echo "| C: metaclust defaults (all measures, --runs 10 + stability) | ${c} s | | | | $(ratio "$nxa" "$c") |"
