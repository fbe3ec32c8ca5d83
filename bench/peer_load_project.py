#!/usr/bin/python3
"""Times the load + projection step of ../shared/peers/pipeline_igraph.py.

    peer_load_project.py PEERS_DIR DATASET RUNS TARGET...

TARGET is a sector name, or ALL for the whole dataset. For a sector, the
peer's own `load` and `project` functions are imported and called. The peer
has no all-sectors mode, so for ALL this file defines the faithful
equivalent: the same csv-module reading without the sector filter, every
project once (whatever programme parts it carries), the same
Graph.Bipartite + bipartite_projection(multiplicity=True); the vertices are
every organisation of nodes.csv, so organisations without a project count as
isolated, as metaclust counts them.

Prints one tab-separated line per target: target, median seconds of load +
project, median load, median project, nodes, edges, total weight.
"""
import collections
import csv
import os
import statistics
import sys
import time


def load_all(dataset):
    attrs = {}
    with open(os.path.join(dataset, "nodes.csv"), newline="") as f:
        for r in csv.DictReader(f):
            attrs[r["id"]] = (r["country"], r["type"])
    groups = collections.defaultdict(set)
    with open(os.path.join(dataset, "affiliations.csv"), newline="") as f:
        for r in csv.DictReader(f):
            groups[r["group"]].add(r["node"])
    return attrs, groups


def project_all(P, ig, attrs, groups):
    orgs = sorted(set(attrs) | {n for ms in groups.values() for n in ms}, key=P.pic_key)
    idx = {o: i for i, o in enumerate(orgs)}
    projs = sorted(groups, key=P.pic_key)
    n = len(orgs)
    edges = []
    for j, p in enumerate(projs):
        edges.extend((idx[o], n + j) for o in sorted(groups[p], key=P.pic_key))
    b = ig.Graph.Bipartite([False] * n + [True] * len(projs), edges)
    b.vs["name"] = orgs + ["p" + p for p in projs]
    g = b.bipartite_projection(multiplicity=True, which=0)
    if g.ecount() == 0:
        g.es["weight"] = []
    g.vs["country"] = [attrs.get(o, ("", ""))[0] for o in orgs]
    g.vs["type"] = [attrs.get(o, ("", ""))[1] for o in orgs]
    return g


def main():
    peers, dataset, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.path.insert(0, peers)
    import pipeline_igraph as P
    import igraph as ig
    for target in sys.argv[4:]:
        tl, tp = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            if target == "ALL":
                attrs, groups = load_all(dataset)
            else:
                attrs, groups = P.load(dataset, target)
            t1 = time.perf_counter()
            g = project_all(P, ig, attrs, groups) if target == "ALL" else P.project(attrs, groups)
            t2 = time.perf_counter()
            tl.append(t1 - t0)
            tp.append(t2 - t1)
        tot = statistics.median(a + b for a, b in zip(tl, tp))
        w = sum(g.es["weight"]) if g.ecount() else 0
        print(f"{target}\t{tot:.6f}\t{statistics.median(tl):.6f}\t{statistics.median(tp):.6f}"
              f"\t{g.vcount()}\t{g.ecount()}\t{format(w, '.17g')}", flush=True)


if __name__ == "__main__":
    main()
