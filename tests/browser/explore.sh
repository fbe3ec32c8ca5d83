#!/bin/sh
# Browser test of `metaclust explore`: headless Chromium with software WebGL
# (SwiftShader) opens the page from disk and the test reads the DOM it leaves:
#   - <body data-ready="1">, data-nodes equal to `metaclust info`'s node count;
#   - #search=NAME selects that node (data-selected, the click panel);
#   - no console message but SwiftShader's own GL performance notes;
#   - no request: the file names no http(s) URL, the page fetched no resource
#     (data-resources="0") and its Content-Security-Policy blocked nothing
#     (no data-blocked); a copy that does try a request must be caught;
#   - a screenshot that is not blank.
# For the tiny fixture with proposals, and h2020 SC6 when ../shared is present.
#   METACLUST the binary;  CHROMIUM the browser (default: chromium);
#   MC_SHARED ../shared;   MC_KEEP a directory to keep the pages and screenshots in
set -eu
: "${METACLUST:?set METACLUST}"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
shared=${MC_SHARED:-$top/../shared}
browser=${CHROMIUM:-chromium}
T=$(mktemp -d "${TMPDIR:-/tmp}/mcexplore.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "explore-browser: FAIL: $*"; exit 1; }
command -v "$browser" >/dev/null 2>&1 || fail "$browser not found (make browser-test installs it)"
cc -O2 -o "$T/ink" "$here/ink.c" $(pkg-config --cflags --libs cairo) || fail "cannot build ink"

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync \
--use-angle=swiftshader --enable-unsafe-swiftshader --enable-logging=stderr --v=0 \
--virtual-time-budget=30000"

# attr NAME FILE: the value of NAME on <body> in the dumped DOM
attr() { sed -n 's/.*<body\([^>]*\)>.*/\1/p' "$2" | head -1 | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }

# load PAGE HASH OUT: dumps the DOM after the page settled; console lines in OUT.log
load() {
    # shellcheck disable=SC2086
    "$browser" $flags --user-data-dir="$T/profile.$3" --dump-dom "file://$1$2" >"$T/$3.dom" \
        2>"$T/$3.log" || { tail -5 "$T/$3.log"; fail "$3: chromium could not open the page"; }
}

# check NAME PAGE SEARCH-QUERY EXPECTED-ID DATASET [DATA OPTIONS...]
check() {
    name=$1 page=$2 query=$3 want=$4
    shift 4
    nodes=$("$METACLUST" info "$@" --json --quiet | python3 -c 'import json,sys; print(json.load(sys.stdin)["nodes"])')
    ! grep -Eiq 'https?:|wss?:|ftp:' "$page" || fail "$name: the page names a URL: $(grep -Eio '.{30}(https?|wss?|ftp):.{30}' "$page" | head -2)"
    load "$page" "#search=$query" "$name"
    dom=$T/$name.dom
    [ "$(attr data-ready "$dom")" = 1 ] || fail "$name: data-ready not set: $(sed -n 's/.*\(<body[^>]*>\).*/\1/p' "$dom" | head -1)"
    [ "$(attr data-webgl "$dom")" != 0 ] || fail "$name: WebGL unavailable (the page shows its fallback message)"
    [ "$(attr data-nodes "$dom")" = "$nodes" ] || fail "$name: data-nodes $(attr data-nodes "$dom"), info says $nodes"
    [ "$(attr data-selected "$dom")" = "$want" ] || fail "$name: #search=$query selected '$(attr data-selected "$dom")', expected '$want'"
    grep -q '<aside id="panel">' "$dom" || fail "$name: the click panel is not shown after the search"
    [ "$(attr data-resources "$dom")" = 0 ] || fail "$name: the page fetched $(attr data-resources "$dom") resources"
    [ -z "$(attr data-blocked "$dom")" ] || fail "$name: the page tried a request: $(attr data-blocked "$dom")"
    errs=$(grep 'CONSOLE' "$T/$name.log" | grep -v 'GL Driver Message' || true)
    [ -z "$errs" ] || fail "$name: console messages:
$errs"
    # shellcheck disable=SC2086
    "$browser" $flags --user-data-dir="$T/profile.$name.shot" --window-size=1400,900 \
        --screenshot="$T/$name.png" "file://$page" >/dev/null 2>&1 || fail "$name: screenshot"
    ink=$("$T/ink" "$T/$name.png")
    awk -v i="$ink" 'BEGIN { exit !(i > 3) }' || fail "$name: the screenshot is blank (${ink}% ink)"
    echo "explore-browser: $name: ready, $nodes nodes, $(attr data-edges-drawn "$dom") links drawn," \
        "first frame at $(attr data-first-frame-ms "$dom") ms, '$query' selected, no request," \
        "screenshot ${ink}% ink"
    if [ -n "${MC_KEEP:-}" ]; then
        mkdir -p "$MC_KEEP"
        cp "$page" "$T/$name.png" "$MC_KEEP/"
    fi
}

# the fixture: tiny, with the proposals of `propose`
"$METACLUST" propose "$top/tests/data/tiny" -o "$T/prop" --quiet
"$METACLUST" explore "$top/tests/data/tiny" --proposals "$T/prop" -o "$T/tiny.html" --quiet
check tiny "$T/tiny.html" "Moravian%20Automotive%20Cluster" cz-auto "$top/tests/data/tiny"

# filters from the URL: one proposal (its members, and its suggested links in red), colour by country
pid=$(sed -n '2s/^[^,]*,[^,]*,\([^,]*\),.*/\1/p' "$T/prop/proposals.csv")
want=$(python3 -c 'import json,sys,re
t=open(sys.argv[1]).read()
d=json.loads(re.search(r"id=\"mc-data\">(.*?)</script>", t, re.S).group(1))
e=json.loads(re.search(r"id=\"mc-edges\">(.*?)</script>", t, re.S).group(1))
p=[p for p in d["proposals"] if p["id"]==sys.argv[2]][0]
have={frozenset(e[i:i+2]) for i in range(0,len(e),3)}
print(len(p["members"]), len(e)//3 + sum(frozenset(l[:2]) not in have for l in p["links"]))' "$T/tiny.html" "$pid")
load "$T/tiny.html" "#proposal=$pid&colour=country" filter
[ "$(attr data-visible "$T/filter.dom") $(attr data-edges-drawn "$T/filter.dom")" = "$want" ] ||
    fail "#proposal=$pid: visible nodes and links drawn $(attr data-visible "$T/filter.dom") $(attr data-edges-drawn "$T/filter.dom"), expected $want"
grep -q "Red: the suggested first links of $pid" "$T/filter.dom" || fail "#proposal=$pid: no note on its suggested links"
grep -q '<strong>Colour: country</strong>' "$T/filter.dom" || fail "#colour=country: the legend is not by country"
# ... and draws those links in red: the screenshot has red where the plain page has none
for h in "" "#proposal=$pid"; do
    # shellcheck disable=SC2086
    "$browser" $flags --user-data-dir="$T/profile.red$h" --window-size=1000,700 \
        --screenshot="$T/red.png" "file://$T/tiny.html$h" >/dev/null 2>&1 || fail "screenshot $h"
    red="${red:-} $("$T/ink" "$T/red.png" d62728)"
done
set -- $red
[ "$1" -lt 20 ] && [ "$2" -ge 200 ] || fail "#proposal=$pid: red pixels without and with the filter: $red"
echo "explore-browser: #proposal=$pid shows its members and suggested links ($want), in red ($2 pixels)"

# the other filters from the URL: sector, country, community and minimum link weight together
want=$(python3 -c 'import json,sys,re
t=open(sys.argv[1]).read()
d=json.loads(re.search(r"id=\"mc-data\">(.*?)</script>", t, re.S).group(1))
e=json.loads(re.search(r"id=\"mc-edges\">(.*?)</script>", t, re.S).group(1))
N=d["nodes"]; auto=d["sectors"].index("automotive")
cz=[i for i,c in enumerate(d["countries"]) if c["code"]=="CZ"][0]
ok=[v for v in range(len(N["id"])) if auto in N["sectors"][v] and N["country"][v]==cz and N["community"][v]==0]
print(len(ok), sum(1 for w in e[2::3] if w >= 2))' "$T/tiny.html")
load "$T/tiny.html" "#sector=automotive&country=CZ&community=1&min-weight=2" filter2
[ "$(attr data-visible "$T/filter2.dom") $(attr data-edges-drawn "$T/filter2.dom")" = "$want" ] ||
    fail "#sector=automotive&country=CZ&community=1&min-weight=2: visible nodes and links drawn $(attr data-visible "$T/filter2.dom") $(attr data-edges-drawn "$T/filter2.dom"), expected $want"
echo "explore-browser: sector, country, community and weight filters ($want)"

# hover: the node and its partners stay, the rest is dimmed (#hover=ID as if the pointer rested)
want=$(python3 -c 'import json,sys,re
t=open(sys.argv[1]).read()
e=json.loads(re.search(r"id=\"mc-edges\">(.*?)</script>", t, re.S).group(1))
d=json.loads(re.search(r"id=\"mc-data\">(.*?)</script>", t, re.S).group(1))
v=d["nodes"]["id"].index("cz-auto")
print(1 + sum(1 for i in range(0, len(e), 3) if v in e[i:i+2]))' "$T/tiny.html")
load "$T/tiny.html" "#hover=cz-auto" hover
[ "$(attr data-highlighted "$T/hover.dom")" = "$want" ] ||
    fail "#hover=cz-auto: $(attr data-highlighted "$T/hover.dom") nodes highlighted, expected $want"
echo "explore-browser: hovering cz-auto highlights it and its partners ($want nodes)"

# without WebGL the page says so instead of failing
# shellcheck disable=SC2086
"$browser" $flags --disable-3d-apis --user-data-dir="$T/profile.nogl" --dump-dom "file://$T/tiny.html" \
    >"$T/nogl.dom" 2>/dev/null || fail "chromium could not open the page without WebGL"
[ "$(attr data-webgl "$T/nogl.dom")" = 0 ] && grep -q '<div id="nowebgl">' "$T/nogl.dom" ||
    fail "without WebGL: no fallback message"
echo "explore-browser: without WebGL the page shows its message"

# the check can fail: a copy of the page that tries one request is caught
sed 's|</body>|<script>fetch("http://127.0.0.1:9/x").catch(function () {});</script></body>|' \
    "$T/tiny.html" >"$T/leak.html"
load "$T/leak.html" "" leak
case "$(attr data-blocked "$T/leak.dom")" in
1\ http://127.0.0.1:9/x) ;;
*) fail "a page that fetches was not caught (data-blocked '$(attr data-blocked "$T/leak.dom")')" ;;
esac
echo "explore-browser: a page that tries a request is caught"

if [ -d "$shared/datasets/h2020" ]; then
    h=$shared/datasets/h2020
    "$METACLUST" explore "$h" --sector SC6 -o "$T/sc6.html" --quiet
    id=$(python3 -c 'import json,sys,re
t=open(sys.argv[1]).read()
d=json.loads(re.search(r"id=\"mc-data\">(.*?)</script>", t, re.S).group(1))
pr=d["nodes"]["pagerank"]; v=max(range(len(pr)), key=lambda i: pr[i]); print(d["nodes"]["id"][v])' "$T/sc6.html")
    check sc6 "$T/sc6.html" "$id" "$id" "$h" --sector SC6
else
    echo "explore-browser: skip: h2020 SC6 ($shared/datasets/h2020 absent)"
fi
echo "explore-browser: ok"
