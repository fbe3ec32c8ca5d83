#!/bin/sh
# Share of proposals that are one existing project over again, on real data (issue 12).
#
#   sh bench/dominated.sh [BIN] [LABEL]       (or MC=BIN; DATASET, SECTORS override the defaults)
#
# Runs `BIN propose DATASET --sector S` with defaults for each sector (default SC6 SC7 SC3 SC5 of
# ../shared/datasets/h2020, the Horizon 2020 programme parts of Societal Challenges 6, 7, 3 and
# 5) and prints, per sector, the proposals, those dominated by one group (one project holds at
# least 80 % of the members and supplies at least 80 % of the weight of the ties among them,
# weights as the default count projection makes them: bench/dominated.py) and their share.
# LABEL (e.g. before, after) heads the table. Compare two binaries:
#   git worktree add /tmp/mc-before 625220c && make -C /tmp/mc-before -j2
#   sh bench/dominated.sh /tmp/mc-before/metaclust before; sh bench/dominated.sh ./metaclust after
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${MC:-$top/metaclust}}
label=${2:-$bin}
data=${DATASET:-$top/../shared/datasets/h2020}
sectors=${SECTORS:-"SC6 SC7 SC3 SC5"}
[ -x "$bin" ] || { echo "dominated.sh: no binary '$bin'" >&2; exit 2; }
[ -d "$data" ] || { echo "dominated.sh: no dataset '$data' (skipped)" >&2; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcdom.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "$label: $bin on $data"
printf '%-8s %10s %10s %8s\n' sector proposals dominated share
for s in $sectors; do
    if "$bin" propose "$data" --sector "$s" -o "$tmp/$s" --quiet >/dev/null 2>"$tmp/err"; then
        /usr/bin/python3 "$top/bench/dominated.py" "$data" "$tmp/$s"
    else
        echo "dominated.sh: propose failed on $s: $(head -1 "$tmp/err")" >&2
    fi
done | awk '
    { printf "%-8s %10d %10d %7.1f%%\n", $1, $2, $3, $4; n += $2; k += $3 }
    END { printf "%-8s %10d %10d %7.1f%%\n", "all", n, k, n ? 100 * k / n : 0 }'
