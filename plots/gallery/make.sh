#!/bin/sh
# Rebuilds the gallery of README "metaclust render": small PNGs from the
# datasets in this repository and, when present, ../shared/datasets/h2020.
#   plots/gallery/make.sh            (from the repository's top directory)
set -eu
cd "$(dirname "$0")/../.."
MC=${METACLUST:-./metaclust}
H2020=${SHARED:-../shared}/datasets/h2020
G=plots/gallery
opts="--width 1000 --height 720 --quiet"
$MC render datasets/central-europe --layout geo -o $G/central-europe-geo.png $opts \
    --color country --title "Synthetic Central European cluster landscape, by country"
$MC render datasets/central-europe --sector ict -o $G/central-europe-ict.png $opts
$MC render datasets/central-europe --meta -o $G/central-europe-meta.png $opts
$MC render datasets/seed-projects --layout geo --labels all --color country \
    -o $G/seed-projects-geo.png $opts
$MC render tests/data/render --proposal automotive-01 --proposals tests/data/render/proposals \
    -o $G/proposal.png $opts
if [ -f "$H2020/nodes.csv" ]; then
    $MC render "$H2020" --sector LEIT -o $G/h2020-leit.png $opts
    $MC render "$H2020" --sector SC6 --layout country --color country -o $G/h2020-sc6-country.png $opts
fi
ls -l $G/*.png
