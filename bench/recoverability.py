#!/usr/bin/python3
"""Can the planted meta-clusters of a `metaclust generate` landscape be found?

For every sector that holds a planted group, builds the sector view exactly as
metaclust does (README "Sector view", count projection), runs Leiden
(modularity, weighted, best of R seeded runs, each iterated until stable),
splits communities larger than --max-size by Leiden on their own subgraph
(as `propose` does), and reports for each planted group the best Jaccard
index with any community, and whether that community meets the proposal
constraints (>= 3 countries, no country above half, size 3..max-size).

usage: recoverability.py DATASET... [--runs R] [--max-size 25] [--csv]
Prints one line per dataset and a total; --per-group lists every group.
Needs /usr/bin/python3 with python3-igraph (Debian).
"""
import argparse
import collections
import csv
import os
import sys

import igraph as ig


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tags(s):
    return [t.strip().lower() for t in s.replace("|", ";").split(";") if t.strip()] if s else []


def load(d):
    nodes = read_csv(os.path.join(d, "nodes.csv"))
    node_sec = {n["id"]: set(tags(n.get("sectors", ""))) for n in nodes}
    country = {n["id"]: n.get("country", "") for n in nodes}
    edges = read_csv(os.path.join(d, "edges.csv")) if os.path.exists(os.path.join(d, "edges.csv")) else []
    aff = read_csv(os.path.join(d, "affiliations.csv"))
    groups = read_csv(os.path.join(d, "groups.csv"))
    gsec = {g["id"]: set(tags(g.get("sectors", ""))) for g in groups}
    truth = collections.defaultdict(set)
    for r in read_csv(os.path.join(d, "truth.csv")):
        if r["meta_cluster"]:
            truth[r["meta_cluster"]].add(r["node"])
    return node_sec, country, edges, aff, gsec, truth


def sector_view(s, node_sec, edges, aff, gsec):
    """Nodes and weighted edges of the sector view of s (count projection)."""
    nodes = {n for n, ss in node_sec.items() if s in ss}
    w = collections.Counter()
    for e in edges:
        t = tags(e.get("sector", ""))
        u, v = e["source"], e["target"]
        if u == v:
            continue
        ok = (s in t) if t else (s in node_sec[u] and s in node_sec[v])
        if ok:
            w[(min(u, v), max(u, v))] += float(e.get("weight") or 1)
            nodes.update((u, v))
    members = collections.defaultdict(set)
    for a in aff:
        t = tags(a.get("sector", ""))
        g = a["group"]
        if t:
            ok = s in t
        else:
            gt = gsec.get(g, set())
            ok = (s in gt) if gt else (s in node_sec[a["node"]])
        if ok:
            members[g].add(a["node"])
            nodes.add(a["node"])
    for g, m in members.items():
        m = sorted(m)
        for i in range(len(m)):
            for j in range(i + 1, len(m)):
                w[(m[i], m[j])] += 1.0
    return sorted(nodes), w


def leiden(graph, runs, seed0=0):
    best, bq = None, None
    for r in range(runs):
        ig.set_random_number_generator(None)
        import random
        random.seed(seed0 + r)
        ig.set_random_number_generator(random)
        memb = None
        for _ in range(50):  # iterate until stable (0.10.2's n_iterations=-1 may hang)
            p = graph.community_leiden(objective_function="modularity", weights="weight",
                                       n_iterations=2, initial_membership=memb)
            if memb == p.membership:
                break
            memb = p.membership
        q = graph.modularity(memb, weights="weight")
        if bq is None or q > bq + 1e-12:
            best, bq = memb, q
    return best


def communities(names, w, runs, max_size):
    idx = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(idx[a], idx[b]) for a, b in w])
    g.es["weight"] = list(w.values())
    memb = leiden(g, runs) if g.ecount() else list(range(len(names)))
    comms = collections.defaultdict(list)
    for v, c in enumerate(memb):
        comms[c].append(v)
    out, todo = [], list(comms.values())
    while todo:
        c = todo.pop()
        if len(c) <= max_size:
            out.append(c)
            continue
        sub = g.induced_subgraph(c)
        m = leiden(sub, runs) if sub.ecount() else list(range(len(c)))
        parts = collections.defaultdict(list)
        for v, k in enumerate(m):
            parts[k].append(c[v])
        if len(parts) == 1:
            out.append(c)
        else:
            todo.extend(parts.values())
    return [set(names[v] for v in c) for c in out]


def valid(c, country, max_size):
    if not (3 <= len(c) <= max_size):
        return False
    cnt = collections.Counter(country[n] for n in c)
    return len(cnt) >= 3 and max(cnt.values()) <= 0.5 * len(c)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--max-size", type=int, default=25)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--per-group", action="store_true")
    a = ap.parse_args()
    tot = totok = totvalid = 0
    for d in a.datasets:
        node_sec, country, edges, aff, gsec, truth = load(d)
        by_sector = collections.defaultdict(list)
        for gid in truth:
            by_sector[gid.rsplit("-mc", 1)[0]].append(gid)
        ok = okv = 0
        js = []
        for s, gids in sorted(by_sector.items()):
            names, w = sector_view(s, node_sec, edges, aff, gsec)
            comms = communities(names, w, a.runs, a.max_size)
            for gid in sorted(gids):
                G = truth[gid]
                best, bc = 0.0, None
                for c in comms:
                    inter = len(G & c)
                    if inter:
                        j = inter / len(G | c)
                        if j > best:
                            best, bc = j, c
                good = best >= a.threshold
                goodv = good and valid(bc, country, a.max_size)
                ok += good
                okv += goodv
                js.append(best)
                if a.per_group:
                    print(f"  {gid:32s} size {len(G):2d} jaccard {best:.3f}"
                          f"{'' if good else '  MISSED'}{'' if goodv or not good else '  (invalid)'}"
                          f"  community {len(bc) if bc else 0}")
        n = len(js)
        tot += n
        totok += ok
        totvalid += okv
        print(f"{d}: {n} planted, {ok} with Jaccard >= {a.threshold} ({100.0 * ok / max(n, 1):.0f}%), "
              f"{okv} also valid; mean Jaccard {sum(js) / max(n, 1):.3f}")
    print(f"total: {tot} planted, {totok} recovered ({100.0 * totok / max(tot, 1):.1f}%), "
          f"{totvalid} valid ({100.0 * totvalid / max(tot, 1):.1f}%)")


if __name__ == "__main__":
    main()
