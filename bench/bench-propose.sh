#!/bin/sh
# Proposals and matchmaking, measured (issue 5):
#  1. propose --all-sectors over every h2020 sector, 10 Leiden runs each (wall time);
#  2. planted landscapes: share of planted meta-clusters matched by a proposal with
#     Jaccard >= 0.8, over sizes 200..5000 clusters, several seeds and noise levels;
#  3. matchmaking: 10% of the planted ties held out, share of affected clusters whose
#     held-out partner is in their top 10.
# Usage: bench/bench-propose.sh [METACLUST] (default ./metaclust); SHARED=../shared.
set -eu
MC=${1:-./metaclust}
SHARED=${SHARED:-../shared}
H2020=$SHARED/datasets/h2020
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
here=$(dirname "$0")

echo "== propose --all-sectors on h2020, --runs 10"
if [ -f "$H2020/nodes.csv" ]; then
    /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" \
        "$MC" propose "$H2020" --all-sectors --runs 10 -o "$W/h2020" 2>&1 | tail -3
else
    echo "skipped: $H2020 not found"
fi

echo "== planted landscapes (default noise 0.15 unless stated)"
for size in 200 500 1000 2000 5000; do
    for seed in 1 2 3; do
        "$MC" generate -o "$W/g" --seed "$seed" --clusters "$size" --quiet
        "$MC" propose "$W/g" -o "$W/p" --quiet
        printf "clusters %5s seed %s: " "$size" "$seed"
        /usr/bin/python3 "$here/planted_eval.py" "$W/g" "$W/p" | sed 's/^[^:]*: //'
    done
done
for noise in 0 0.3 0.5; do
    "$MC" generate -o "$W/g" --seed 7 --clusters 1000 --noise "$noise" --quiet
    "$MC" propose "$W/g" -o "$W/p" --quiet
    printf "clusters  1000 noise %s: " "$noise"
    /usr/bin/python3 "$here/planted_eval.py" "$W/g" "$W/p" | sed 's/^[^:]*: //'
done

echo "== matchmaking with 10% of the planted ties held out"
for size in 500 1000 2000; do
    "$MC" generate -o "$W/g$size" --seed 1 --clusters "$size" --quiet
    /usr/bin/python3 "$here/holdout_eval.py" "$W/g$size" "$W/h$size" "$MC" | sed "s|$W/||"
done
