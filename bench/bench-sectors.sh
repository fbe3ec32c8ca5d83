#!/bin/sh
# `metaclust sectors` on the whole h2020 dataset (issue 17: under 15 s on 2 cores):
# wall time of RUNS runs with -j 2 (the median printed), and the peak memory from GNU time.
# Exit status 1 when the median is 15 s or more.
#
#   bench/bench-sectors.sh [DATASET]
#   RUNS=3  SHARED=../shared  METACLUST=./metaclust
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
METACLUST=${METACLUST:-./metaclust}
RUNS=${RUNS:-3}
DATASET=${1:-$SHARED/datasets/h2020}
[ -f "$DATASET/nodes.csv" ] || { echo "bench: $DATASET not found (set SHARED)" >&2; exit 2; }
[ -x "$METACLUST" ] || make --no-print-directory >&2
W=$(mktemp -d "${TMPDIR:-/tmp}/mc-bench-sectors.XXXXXX")
trap 'rm -rf "$W"' EXIT
for i in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$W/time.$i" "$METACLUST" sectors "$DATASET" -j 2 -o "$W/out" \
        --quiet >/dev/null
done
cat "$W"/time.* | sort -n | awk -v runs="$RUNS" '
    { t[NR] = $1; if ($2 > mem) mem = $2 }
    END {
        med = t[int((NR + 1) / 2)]
        printf "sectors: %d runs, median %.2f s (min %.2f, max %.2f), peak %.0f MiB\n", runs, med, t[1], t[NR], mem / 1024
        exit med < 15 ? 0 : 1
    }'
