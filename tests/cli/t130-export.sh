# metaclust export: GraphML (valid XML, read back by igraph/networkx when present), GML,
# Pajek and DOT, with and without analysis; awkward names; errors.
. "$MC_TESTS/cli/lib.sh"

PY=/usr/bin/python3
have_nx() { [ -x "$PY" ] && "$PY" -c 'import networkx' 2>/dev/null; }

run export "$DATA/tiny" -o "$T/tiny.graphml"
expect_rc 0
expect_err "metaclust: wrote $T/tiny.graphml (graphml, 10 nodes, 12 edges)"
if command -v xmllint >/dev/null; then
    xmllint --noout "$T/tiny.graphml" || fail "graphml is not well-formed XML"
fi
[ "$(grep -c '<node id=' "$T/tiny.graphml")" = 10 ] || fail "graphml nodes"
for a in label node_id name country region sectors type lat lon esca_label members; do
    grep -q "attr.name=\"$a\"" "$T/tiny.graphml" || fail "graphml lacks attribute $a"
done
grep -q '>Moravian Automotive Cluster<' "$T/tiny.graphml" || fail "graphml label"
grep -q 'attr.name="weight"' "$T/tiny.graphml" || fail "graphml weight"
grep -q 'attr.name="community"' "$T/tiny.graphml" && fail "community without --with-analysis"

run export "$DATA/tiny" --with-analysis -o "$T/a.graphml" --quiet
expect_rc 0
expect_no_stderr
for a in degree pagerank betweenness community confidence within_z participation role r g b size; do
    grep -q "attr.name=\"$a\"" "$T/a.graphml" || fail "analysis graphml lacks $a"
done
mc export "$DATA/tiny" --with-analysis -o "$T/b.graphml" --quiet -j 1 || fail "second export"
cmp -s "$T/a.graphml" "$T/b.graphml" || fail "export not reproducible"

# awkward names: quotes, ampersands, angle brackets, backslashes, non-ASCII, a tab
printf 'id,name,country,members count\n"a""1","Caf\303\251 & <Co> \\ \t""q""",FR,3\nb2,B,DE,\n' >"$T/nodes.csv"
printf 'source,target,weight\n"a""1",b2,0.00001\n' >"$T/edges.csv"
for ext in graphml gml net dot; do
    run export --nodes "$T/nodes.csv" --edges "$T/edges.csv" --with-analysis -o "$T/w.$ext" --quiet
    expect_rc 0
done
command -v xmllint >/dev/null && { xmllint --noout "$T/w.graphml" || fail "awkward graphml"; }
grep -q 'attr.name="members_count"' "$T/w.graphml" || fail "extra column name"
grep -q 'weight="1e-05"' "$T/w.dot" || fail "dot real quoted: $(grep -- -- "$T/w.dot")"
if command -v dot >/dev/null; then
    dot -Tsvg "$T/w.dot" >/dev/null 2>"$T/dot.err" || { cat "$T/dot.err"; fail "graphviz rejects the dot file"; }
    mc export "$DATA/tiny" --with-analysis -o "$T/tiny.gv" --quiet || fail "tiny dot"
    dot -Tsvg "$T/tiny.gv" >/dev/null || fail "graphviz rejects tiny.gv"
fi
if have_nx; then
    "$PY" - "$T" <<'PYEOF' || fail "networkx cannot read the exports"
import sys, networkx as nx
t = sys.argv[1]
g = nx.read_graphml(t + "/w.graphml")
assert g.number_of_nodes() == 2 and g.number_of_edges() == 1, "graphml size"
names = sorted(d["name"] for _, d in g.nodes(data=True))
assert names[1] == 'Caf\u00e9 & <Co> \\ \t"q"', repr(names)
g = nx.read_gml(t + "/w.gml", label="id")
assert g.number_of_nodes() == 2, "gml nodes"
assert any(d.get("membersCount") == "3" for _, d in g.nodes(data=True)), "gml extra"
assert any(d.get("countryParticipation") is not None for _, d in g.nodes(data=True)), "gml camelCase"
g = nx.read_pajek(t + "/w.net")
assert g.number_of_nodes() == 2, "pajek nodes"
assert any(d.get("name") == 'Caf\u00e9 & <Co> \\ \t"q"'.replace("\t", " ") for _, d in nx.read_gml(t + "/w.gml", label="id").nodes(data=True)), "gml entities"
PYEOF
fi
if [ -x "$PY" ] && "$PY" -c 'import igraph' 2>/dev/null; then
    "$PY" -c "
import igraph, sys
g = igraph.Graph.Read_GraphML('$T/a.graphml')
assert g.vcount() == 10 and g.ecount() == 12
assert 'community' in g.vs.attributes() and 'pagerank' in g.vs.attributes()
" || fail "igraph cannot read the analysis GraphML"
fi

# the format from --format or the extension
run export "$DATA/tiny" -o "$T/tiny.txt"
expect_rc 2
expect_err "metaclust: export: cannot tell the format of '$T/tiny.txt' (use .graphml, .gml, .net, .dot, .json, .gexf or --format)"
run export "$DATA/tiny" -o "$T/tiny.txt" --format pajek --quiet
expect_rc 0
[ "$(head -1 "$T/tiny.txt")" = "*Vertices 10" ] || fail "pajek header"
run export "$DATA/tiny"
expect_rc 2
expect_err "metaclust: export: missing -o FILE (.graphml, .gml, .net, .dot, .json or .gexf)"
run export "$DATA/tiny" -o "$T/no/such/dir/x.graphml"
expect_rc 1
[ ! -e "$T/no/such/dir/x.graphml" ] || fail "partial file left"
exit 0
