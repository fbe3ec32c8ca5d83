# metaclust explore: one self-contained page whose data match `info`, with
# links strongest first, the proposals of --proposals, no URL to any host,
# and the same bytes for the same seed; on h2020 SC6 too when ../shared is
# present. (The browser side: tests/browser/explore.sh, `make browser-test`.)
. "$MC_TESTS/cli/lib.sh"

# the vendored sigma.js and graphology are the pinned releases (sha256 in web/vendor/VERSIONS)
sh "$MC_TOP/web/fetch-vendor.sh" --check >"$T/vendor.out" 2>&1 || { cat "$T/vendor.out"; fail "web/vendor"; }

run explore --help
expect_rc 0
expect_out_contains "--proposals DIR"
expect_out_contains "--max-edges N"

# data DATASET PAGE WANT_PROPOSALS [DATA OPTIONS]: the page's JSON against info
data() {
    ds=$1 page=$2 props=$3
    shift 3
    mc info "$ds" "$@" --json --quiet >"$T/info.json" || fail "info $ds"
    python3 - "$page" "$T/info.json" "$props" <<'PY' || fail "the page's data ($page)"
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
info = json.load(open(sys.argv[2]))
want_props = int(sys.argv[3])
def block(name):
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % name, page, re.S)
    assert m, "no %s block" % name
    return json.loads(m.group(1))
d, e = block("mc-data"), block("mc-edges")
n = len(d["nodes"]["id"])
assert n == info["nodes"], (n, info["nodes"])
assert len(e) == 3 * info["edges"] and d["edges"] == info["edges"], (len(e), info["edges"])
w = e[2::3]
assert all(w[i] >= w[i + 1] for i in range(len(w) - 1)), "links not strongest first"
assert abs(sum(w) - info["total_weight"]) <= 1e-6 * max(1, info["total_weight"]), (sum(w), info["total_weight"])
for k in ("x", "y", "size", "community", "pagerank", "country", "name"):
    assert len(d["nodes"][k]) == n, k
assert all(0 <= c < len(d["communities"]) for c in d["nodes"]["community"])
assert sum(c["size"] for c in d["communities"]) == n
assert len(d["proposals"]) == want_props, (len(d["proposals"]), want_props)
for p in d["proposals"]:
    assert len(p["members"]) >= 2 and all(0 <= v < n for v in p["members"]), p["id"]
assert "@@" not in page.split('id="mc-data"')[0], "a template marker was left"
print("page: %d nodes, %d links, %d communities, %d proposals" %
      (n, len(w), len(d["communities"]), len(d["proposals"])))
PY
    ! grep -Eiq 'https?:|wss?:|ftp:' "$page" || fail "$page names a URL"
    grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$page" || fail "no CSP"
}

# same_as_render PAGE DATASET [OPTIONS]: positions and communities equal to render's drawing,
# as export --format vosviewer --runs 1 writes it (render's layout and communities, same seed)
same_as_render() {
    page=$1
    shift
    mc export "$@" --format vosviewer --runs 1 -o "$T/render.json" --quiet || fail "export $*"
    python3 - "$page" "$T/render.json" <<'PY' || fail "positions of $page differ from render's"
import json, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
d = json.loads(re.search(r'id="mc-data">(.*?)</script>', t, re.S).group(1))["nodes"]
items = json.load(open(sys.argv[2]))["network"]["items"]
assert len(items) == len(d["x"])
for i, it in enumerate(items):
    assert abs(d["x"][i] - it["x"]) <= 6e-5 and abs(d["y"][i] - it["y"]) <= 6e-5, (i, d["x"][i], it["x"])
    assert d["community"][i] == it["cluster"] - 1, i
PY
}

mc propose "$DATA/tiny" -o "$T/prop" --quiet || fail "propose"
nprop=$(($(wc -l <"$T/prop/proposals.csv") - 1))
run explore "$DATA/tiny" --proposals "$T/prop" -o "$T/a.html"
expect_rc 0
expect_err_contains "wrote $T/a.html (10 nodes, 12 links, 12 drawn at first, $nprop proposals)"
data "$DATA/tiny" "$T/a.html" "$nprop"
same_as_render "$T/a.html" "$DATA/tiny"

# same seed, same bytes; another seed moves the nodes
rerun explore "$DATA/tiny" --proposals "$T/prop" -o "$T/b.html" --quiet -j 1
expect_rc 0
cmp -s "$T/a.html" "$T/b.html" || fail "two runs with seed 0 differ"
run explore "$DATA/tiny" --proposals "$T/prop" -o "$T/c.html" --quiet --seed 7
cmp -s "$T/a.html" "$T/c.html" && fail "seed 7 gave the seed 0 page"

# a sector view; --max-edges caps what the page draws at first, and says so
run explore "$DATA/tiny" --sector automotive --max-edges 2 -o "$T/s.html"
expect_rc 0
expect_err_contains "2 drawn at first, 0 proposals"
grep -q '"edges_drawn":2,' "$T/s.html" || fail "edges_drawn is not 2"
data "$DATA/tiny" "$T/s.html" 0 --sector automotive

# batch writes explorer.html per unit and links it from index.html
mc batch "$DATA/tiny" -o "$T/batch" --runs 2 --quiet || fail "batch"
for u in all automotive ict wood; do
    [ -s "$T/batch/$u/explorer.html" ] || fail "batch: no $u/explorer.html"
    grep -q "href=\"$u/explorer.html\"" "$T/batch/index.html" || fail "index.html lacks $u/explorer.html"
done

if [ "${MC_VALGRIND:-0}" = 1 ]; then
    echo "skip: h2020 SC6 under valgrind"
    exit 0
fi
if [ ! -d "$H2020" ]; then
    echo "skip: h2020 SC6 ($H2020 absent)"
    exit 0
fi
run explore "$H2020" --sector SC6 -o "$T/sc6.html"
expect_rc 0
data "$H2020" "$T/sc6.html" 0 --sector SC6
same_as_render "$T/sc6.html" "$H2020" --sector SC6
rerun explore "$H2020" --sector SC6 -o "$T/sc6b.html" --quiet
cmp -s "$T/sc6.html" "$T/sc6b.html" || fail "SC6: two runs with seed 0 differ"
