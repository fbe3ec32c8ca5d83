#!/bin/sh
# Foundation bench: `metaclust info` against the load + projection step of the
# python-igraph peer (../shared/peers/pipeline_igraph.py), side by side in one
# run, on the whole h2020 dataset and on each large sector. Prints the median
# times, the ratio, and checks that nodes, edges and total weight agree.
#
#   bench/bench-info.sh [DATASET] [SECTOR...]
#   RUNS=5 (runs per measurement)  SHARED=../shared  METACLUST=./metaclust
#
# metaclust is timed as a whole process (hyperfine, start-up and output
# included); the peer twice: as its load() + project() calls inside one Python
# process (interpreter start-up and `import igraph` excluded: "step"), and as
# a whole process doing that step once, as a user runs it ("process": start-up,
# `import igraph`, load, project). Exit status 1 when a count differs.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
METACLUST=${METACLUST:-./metaclust}
RUNS=${RUNS:-5}
PY=/usr/bin/python3
DATASET=${1:-$SHARED/datasets/h2020}
[ $# -gt 0 ] && shift
[ -f "$DATASET/nodes.csv" ] || { echo "bench: $DATASET not found (set SHARED)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
$PY -c 'import igraph' 2>/dev/null || { echo "bench: python3-igraph is not installed" >&2; exit 2; }
[ -x "$METACLUST" ] || make --no-print-directory >&2

out=bench/out
mkdir -p "$out"
if [ $# -eq 0 ]; then
    set -- ALL LEIT MSCA SC1 SC2 SC3 SC4 SC5 "Innovation in SMEs" RI FET
fi

echo "metaclust $($METACLUST version | sed 's/^metaclust //'), python-igraph $($PY -c 'import igraph; print(igraph.__version__)'), $(nproc) cores, $RUNS runs, medians"
printf '%-20s %8s %8s %10s %9s %9s %8s %6s %7s  %s\n' target nodes edges weight "peer step" "peer proc" "mc ms" "step x" "proc x" counts
status=0
for target in "$@"; do
    if [ "$target" = ALL ]; then
        sect=""
    else
        sect="--sector '$target'"
    fi
    # the peer first: its counts, then its median load + project
    peer=$($PY bench/peer_load_project.py "$SHARED/peers" "$DATASET" "$RUNS" "$target")
    hyperfine -N --style none --warmup 2 --runs "$RUNS" \
        --export-json "$out/info.json" "$METACLUST info '$DATASET' $sect" >/dev/null 2>&1
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$out/peerproc.json" \
        "$PY bench/peer_load_project.py '$SHARED/peers' '$DATASET' 1 '$target'" >/dev/null 2>&1
    proc_s=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' \
        "$out/peerproc.json")
    mc_s=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' \
        "$out/info.json")
    eval "$METACLUST info '$DATASET' $sect --json --quiet" >"$out/counts.json"
    mine=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["nodes"], d["edges"], format(d["total_weight"], ".17g"))' "$out/counts.json")
    theirs=$(echo "$peer" | awk -F'\t' '{print $5, $6, $7}')
    ok=same
    if [ "$mine" != "$theirs" ]; then
        ok="DIFFER: metaclust $mine, peer $theirs"
        status=1
    fi
    echo "$peer" | awk -F'\t' -v mc="$mc_s" -v pp="$proc_s" -v ok="$ok" -v t="$target" '{
        printf "%-20s %8d %8d %10s %9.1f %9.1f %8.1f %5.1fx %6.1fx  %s\n", t, $5, $6, $7, $2 * 1000,
               pp * 1000, mc * 1000, $2 / mc, pp / mc, ok }'
done
exit $status
