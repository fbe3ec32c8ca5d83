# metaclust export --format vosviewer / gexf: read back by independent readers (Python's json and
# xml.etree), node and edge counts equal to `metaclust info`, ids and clusters consistent,
# reproducible with a seed; on h2020 SC6 too when ../shared is present.
. "$MC_TESTS/cli/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || { echo "skip: $PY not found"; exit 0; }

# check DATASET_ARGS...: exports both formats and compares them with `info --json`.
check() {
    run info "$@" --json
    expect_rc 0
    nodes=$(json_get "$T/out" nodes)
    edges=$(json_get "$T/out" edges)
    [ -n "$nodes" ] && [ -n "$edges" ] || fail "info --json: no counts"
    run export "$@" -o "$T/map.json" --seed 3 -j 1
    expect_rc 0
    expect_err "metaclust: wrote $T/map.json (vosviewer, $nodes nodes, $edges edges)"
    run export "$@" --format gexf -o "$T/graph.xml" --seed 3 -j 1
    expect_rc 0
    expect_err "metaclust: wrote $T/graph.xml (gexf, $nodes nodes, $edges edges)"
    "$PY" - "$T/map.json" "$T/graph.xml" "$nodes" "$edges" <<'EOF' || fail "readers disagree"
import json, sys
import xml.etree.ElementTree as ET
vos, gexf, n, m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
net = json.load(open(vos, encoding="utf-8"))["network"]
items, links = net["items"], net["links"]
assert len(items) == n, ("vosviewer items", len(items), n)
assert len(links) == m, ("vosviewer links", len(links), m)
ids = {it["id"] for it in items}
assert len(ids) == n
for it in items:
    for k in ("label", "x", "y", "cluster", "weights", "scores", "description"):
        assert k in it, ("item lacks", k)
    assert isinstance(it["cluster"], int) and it["cluster"] >= 1
    assert "pagerank" in it["scores"]
for l in links:
    assert l["source_id"] in ids and l["target_id"] in ids and l["strength"] > 0
G = "{http://gexf.net/1.3}"
V = "{http://gexf.net/1.3/viz}"
root = ET.parse(gexf).getroot()
assert root.tag == G + "gexf" and root.get("version") == "1.3"
nodes = root.findall(f"{G}graph/{G}nodes/{G}node")
edges = root.findall(f"{G}graph/{G}edges/{G}edge")
assert len(nodes) == n, ("gexf nodes", len(nodes), n)
assert len(edges) == m, ("gexf edges", len(edges), m)
nid = {x.get("id") for x in nodes}
assert all(e.get("source") in nid and e.get("target") in nid for e in edges)
attrs = {a.get("id") for a in root.iter(G + "attribute")}
for a in ("node_id", "country", "sectors", "pagerank", "community"):
    assert a in attrs, ("gexf lacks attribute", a)
for x in nodes:
    for v in ("color", "position", "size"):
        assert x.find(V + v) is not None, ("no viz", v)
# the same drawing: VOSviewer cluster = GEXF community + 1, positions proportional
for it, x in zip(items, nodes):
    assert it["label"] == x.get("label")
    comm = {a.get("for"): a.get("value") for a in x.iter(G + "attvalue")}["community"]
    assert it["cluster"] == int(float(comm)) + 1
    assert abs(float(x.find(V + "position").get("x")) - 50 * it["x"]) < 1e-6 * (1 + abs(50 * it["x"]))
EOF
}

check "$DATA/tiny"

# reproducible: the same seed gives the same bytes
mc export "$DATA/tiny" -o "$T/a.gexf" --seed 3 --quiet || fail "export a.gexf"
mc export "$DATA/tiny" -o "$T/b.gexf" --seed 3 --quiet -j 1 || fail "export b.gexf"
cmp -s "$T/a.gexf" "$T/b.gexf" || fail "gexf not reproducible"
mc export "$DATA/tiny" -o "$T/a.json" --seed 3 --quiet || fail "export a.json"
mc export "$DATA/tiny" -o "$T/b.json" --seed 3 --quiet || fail "export b.json"
cmp -s "$T/a.json" "$T/b.json" || fail "vosviewer not reproducible"

# awkward names survive both readers
printf 'id,name,country,note\n"a""1","Caf\303\251 & <Co> \\ \t""q""",FR,x\001y\nb2,B,DE,\n' >"$T/nodes.csv"
printf 'source,target,weight\n"a""1",b2,0.00001\n' >"$T/edges.csv"
check --nodes "$T/nodes.csv" --edges "$T/edges.csv"
"$PY" - "$T/map.json" "$T/graph.xml" <<'EOF' || fail "awkward names"
import json, sys
import xml.etree.ElementTree as ET
want = 'Caf\u00e9 & <Co> \\ \t"q"'
assert json.load(open(sys.argv[1]))["network"]["items"][0]["label"] == want
assert ET.parse(sys.argv[2]).getroot().find(".//{http://gexf.net/1.3}node").get("label") == want
EOF

need_shared
heavy && { echo "skip: h2020 SC6 under valgrind"; exit 0; }
check "$H2020" --sector SC6
