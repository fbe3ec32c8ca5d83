#!/bin/sh
# Batch over every h2020 sector, side by side with the python-igraph peer run
# over the same sectors one after another (issue 7):
#   metaclust batch H2020 -o OUT -j 2 --runs 1 --formats png --sectors each
#   for each sector: pipeline_igraph.py H2020 SECTOR OUT   (Leiden once, FR layout, PNG)
# and the default (--runs 10) beside it. Usage: bench/bench-batch.sh [METACLUST]
set -eu
MC=${1:-./metaclust}
SHARED=${SHARED:-../shared}
H2020=$SHARED/datasets/h2020
PEER=$SHARED/peers/pipeline_igraph.py
[ -f "$H2020/sectors.csv" ] || { echo "skipped: $H2020 not found"; exit 0; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
secs() { date +%s.%N; }

t0=$(secs)
tail -n +2 "$H2020/sectors.csv" | cut -d, -f1 | while read -r s; do
    /usr/bin/python3 "$PEER" "$H2020" "$s" "$W/peer/$s" 2>/dev/null
done
t1=$(secs)
"$MC" batch "$H2020" -o "$W/mc1" -j 2 --runs 1 --formats png --sectors each --quiet
t2=$(secs)
"$MC" batch "$H2020" -o "$W/mc10" -j 2 --formats png --sectors each --quiet
t3=$(secs)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
    peer = b - a; one = c - b; ten = d - c
    printf "python-igraph peer, 17 sectors one after another: %6.2f s\n", peer
    printf "metaclust batch -j 2 --runs 1 --formats png:       %6.2f s  (%.1fx faster)\n", one, peer / one
    printf "metaclust batch -j 2 (default --runs 10):          %6.2f s  (%.1fx faster)\n", ten, peer / ten
}'
printf "units ok: %s of 17 (--runs 1), %s of 17 (--runs 10)\n" \
    "$(grep -c ',ok,$' "$W/mc1/summary.csv")" "$(grep -c ',ok,$' "$W/mc10/summary.csv")"
