#!/bin/sh
# Recoverability of planted groups by `metaclust propose`, on both generators.
#
#   sh bench/recoverability.sh [BIN]            (or MC=BIN sh bench/recoverability.sh)
#   sh bench/recoverability.sh --leiden [SIZES] [SEEDS] [NOISES]
#
# The first form generates landscapes with both models of `metaclust generate` (planted: the
# default; landscape: dense domestic background, hangers-on, h2020 consortia) in both forms
# (edges only, affiliations only; the planted model also in its usual form with both), runs
# `BIN propose` on each with defaults, and scores the proposals with bench/propose_eval.py:
#   recovered  planted groups matched by a proposal with Jaccard >= 0.8
#   few        proposals with fewer than 3 countries
#   share      proposals in which one country holds more than half
#   domestic   members without a tie, inside the proposal, to a member of another country
#   bad        proposals with at least one violation
#   failed     runs in which propose failed (its first error line goes to stderr)
# BIN defaults to $MC, else ./metaclust; the landscapes are always written by GEN (default
# ./metaclust), so that an older binary without --model can be compared. SEEDS (default
# "1 2 3") and CLUSTERS (default 1000) set the runs.
#
# The second form is the earlier benchmark: Leiden per sector view (bench/recoverability.py,
# needs python3-igraph) on planted-model landscapes of several sizes and noise levels.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcrecov.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ "${1:-}" = "--leiden" ]; then
    shift
    bin="$top/metaclust"
    sizes=${1:-"200 500 2000 5000"}
    seeds=${2:-"1 2 3"}
    noises=${3:-"0 0.15 0.3 0.5"}
    printf '%-6s %-6s %8s %10s %10s\n' noise size planted recovered valid
    for x in $noises; do
        for n in $sizes; do
            dirs=""
            for s in $seeds; do
                d="$tmp/n$n-s$s-x$x"
                "$bin" generate -o "$d" --clusters "$n" --seed "$s" --noise "$x" --quiet
                dirs="$dirs $d"
            done
            # shellcheck disable=SC2086
            /usr/bin/python3 "$top/bench/recoverability.py" $dirs --runs 3 | tail -1 |
                sed -n 's/^total: \([0-9]*\) planted, [0-9]* recovered (\([0-9.]*%\)), [0-9]* valid (\([0-9.]*%\))$/\1 \2 \3/p' |
                while read -r p r v; do printf '%-6s %-6s %8s %10s %10s\n' "$x" "$n" "$p" "$r" "$v"; done
            rm -rf $dirs
        done
    done
    exit 0
fi

bin=${1:-${MC:-$top/metaclust}}
gen=${GEN:-$top/metaclust}
seeds=${SEEDS:-"1 2 3"}
clusters=${CLUSTERS:-1000}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
[ -x "$bin" ] || { echo "recoverability.sh: no binary '$bin'" >&2; exit 2; }
echo "propose: $bin ($("$bin" --version 2>/dev/null | head -1 || true)); seeds $seeds; $clusters clusters"
printf '%-10s %-13s %8s %10s %10s %5s %6s %9s %5s %6s\n' model form planted recovered proposals \
    few share domestic bad failed
for run in planted:both planted:edges planted:affiliations landscape:edges landscape:affiliations; do
    model=${run%%:*}
    form=${run##*:}
    : >"$tmp/scores"
    for s in $seeds; do
        d="$tmp/$model-$form-$s"
        "$gen" generate -o "$d" --model "$model" --form "$form" --clusters "$clusters" --seed "$s" \
            --quiet
        if "$bin" propose "$d" -o "$d/p" --quiet >/dev/null 2>"$tmp/err"; then
            /usr/bin/python3 "$top/bench/propose_eval.py" "$d" "$d/p" >>"$tmp/scores"
        else
            echo "recoverability.sh: propose failed on $model/$form seed $s: $(head -1 "$tmp/err")" >&2
            echo "planted=$(cut -d, -f2 "$d/truth.csv" | sed 1d | grep -v '^$' | sort -u | wc -l) failed=1" \
                >>"$tmp/scores"
        fi
        rm -rf "$d"
    done
    awk -v model="$model" -v form="$form" '
        { for (i = 1; i <= NF; i++) { split($i, kv, "="); sum[kv[1]] += kv[2] } }
        END {
            r = sum["planted"] ? 100 * sum["recovered"] / sum["planted"] : 0
            printf "%-10s %-13s %8d %9.1f%% %10d %5d %6d %9d %5d %6d\n", model, form, sum["planted"], r,
                sum["proposals"], sum["few"], sum["share"], sum["domestic"], sum["bad"], sum["failed"]
        }' "$tmp/scores"
done
