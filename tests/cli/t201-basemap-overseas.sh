# geo base map: European data with one partner overseas stays a map of Europe (LAEA), the
# partner pinned to the map's edge, labelled with its country and counted in the caption; data
# spread over the world gets an equirectangular world map; the caption always credits Natural
# Earth.
. "$MC_TESTS/cli/lib.sh"
mkdir -p "$T/eu" "$T/world"
cat >"$T/eu/nodes.csv" <<'CSV'
id,name,country,lat,lon
brno,Brno,CZ,49.1951,16.6068
graz,Graz,AT,47.0707,15.4395
lodz,Łódź,PL,51.7592,19.4560
kosice,Košice,SK,48.7164,21.2611
plzen,Plzeň,CZ,49.7384,13.3736
cluj,Cluj-Napoca,RO,46.7712,23.6236
maribor,Maribor,SI,46.5547,15.6459
szeged,Szeged,HU,46.2530,20.1414
varna,Varna,BG,43.2141,27.9147
boston,Boston,US,42.3601,-71.0589
CSV
cat >"$T/eu/edges.csv" <<'CSV'
source,target,weight
brno,graz,2
brno,lodz,1
lodz,kosice,1
plzen,brno,3
cluj,szeged,1
maribor,graz,2
varna,cluj,1
boston,brno,1
CSV
sed -e 's/^lodz,.*/lodz,Tokyo,JP,35.6762,139.6503/' -e 's/^cluj,.*/cluj,Sydney,AU,-33.8688,151.2093/' \
    "$T/eu/nodes.csv" >"$T/world/nodes.csv"
cp "$T/eu/edges.csv" "$T/world/edges.csv"

run render "$T/eu" --layout geo -o "$T/eu.pdf"
expect_rc 0
run render "$T/world" --layout geo -o "$T/world.pdf"
expect_rc 0
if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/eu.pdf" - | tr '\n' ' ' >"$T/eu.txt"
    pdftotext -enc UTF-8 "$T/world.pdf" - | tr '\n' ' ' >"$T/world.txt"
    for want in "Lambert azimuthal equal-area (EPSG:3035)" "Borders: Natural Earth" \
        "1 node outside Europe drawn at the map's edge, in its direction." "Boston (US)"; do
        grep -qF "$want" "$T/eu.txt" || fail "European map lacks '$want': $(cat "$T/eu.txt")"
    done
    for want in "Equirectangular projection" "Borders: Natural Earth"; do
        grep -qF "$want" "$T/world.txt" || fail "world map lacks '$want': $(cat "$T/world.txt")"
    done
    grep -qF "outside Europe" "$T/world.txt" && fail "a world map pins nodes: $(cat "$T/world.txt")"
else
    echo "skip: pdftotext not installed (make test-deps)"
fi
exit 0
