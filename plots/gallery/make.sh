#!/bin/sh
# Rebuilds the gallery of README "metaclust render": small PNGs from the
# datasets in this repository and, when present, ../shared/datasets/h2020.
#   plots/gallery/make.sh            (from anywhere; METACLUST=./metaclust SHARED=../shared)
set -eu
cd "$(dirname "$0")/../.."
MC=${METACLUST:-./metaclust}
H2020=${SHARED:-../shared}/datasets/h2020
G=plots/gallery
opts="--width 760 --height 570 --quiet"
CE=datasets/central-europe
$MC render $CE --layout geo --color country -o $G/central-europe-geo.png $opts
$MC render $CE --layout country --color country -o $G/central-europe-country.png $opts
$MC render $CE --sector ict -o $G/central-europe-ict.png $opts
$MC render $CE --meta -o $G/central-europe-meta.png $opts
$MC render datasets/seed-projects --layout geo --color country --width 1000 --height 700 \
    -o $G/seed-projects-geo.png --quiet
$MC render tests/data/render --proposal automotive-01 --proposals tests/data/render/proposals \
    -o $G/proposal.png $opts
$MC render tests/data/render --meta --proposals tests/data/render/proposals \
    -o $G/proposals-meta.png $opts
if [ -f "$H2020/nodes.csv" ]; then
    $MC render "$H2020" --sector LEIT -o $G/h2020-leit.png $opts
fi
ls -l $G/*.png
