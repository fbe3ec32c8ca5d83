#!/usr/bin/python3
"""How good are the proposals `metaclust propose` made on a generated landscape?

usage: propose_eval.py DATASET PROPOSALS [--min-countries 3] [--max-share 0.5]

DATASET is a directory written by `metaclust generate` (either model, either
form): nodes.csv, truth.csv and edges.csv and/or affiliations.csv (+ groups.csv).
PROPOSALS is the directory `propose -o` wrote (proposals.csv, members.csv).

Prints one line of key=value pairs:
  planted     planted groups in truth.csv
  recovered   planted groups matched by a proposal with Jaccard >= 0.8
  proposals   proposals
  few         proposals with fewer than --min-countries countries
  share       proposals in which one country holds more than --max-share
  domestic    members without a tie, inside their proposal and in its sector
              view, to a member of another country
  bad         proposals with at least one of the three violations

Ties are read as metaclust's sector view reads them (README "Sector view"):
an edge tagged with the proposal's sector, or untagged with both ends listing
it; two members of a group whose rows are tagged with the sector (a row's own
`sector`, else its group's `sectors`), or untagged with the node listing it.
A proposal whose sector is not a sector of the data (a cross-sector one) sees
every tie. Standard library only.
"""
import collections
import csv
import os
import sys


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tags(s):
    return {t.strip().lower() for t in (s or "").replace("|", ";").split(";") if t.strip()}


class Dataset:
    def __init__(self, d):
        nodes = read_csv(os.path.join(d, "nodes.csv"))
        self.country = {n["id"]: n.get("country", "") for n in nodes}
        self.nsec = {n["id"]: tags(n.get("sectors")) for n in nodes}
        self.sectors = set().union(*self.nsec.values()) if self.nsec else set()
        # node -> [(neighbour, tags)] for direct edges
        self.adj = collections.defaultdict(list)
        for e in read_csv(os.path.join(d, "edges.csv")):
            t = tags(e.get("sector"))
            self.adj[e["source"]].append((e["target"], t))
            self.adj[e["target"]].append((e["source"], t))
            self.sectors |= t
        gsec = {g["id"]: tags(g.get("sectors")) for g in read_csv(os.path.join(d, "groups.csv"))}
        # node -> [(group, tags)], group -> [(node, tags)]
        self.memb = collections.defaultdict(list)
        self.group = collections.defaultdict(list)
        for a in read_csv(os.path.join(d, "affiliations.csv")):
            t = tags(a.get("sector")) or gsec.get(a["group"], set())
            self.memb[a["node"]].append((a["group"], t))
            self.group[a["group"]].append((a["node"], t))
            self.sectors |= t
        self.truth = collections.defaultdict(set)
        for r in read_csv(os.path.join(d, "truth.csv")):
            if r["meta_cluster"]:
                self.truth[r["meta_cluster"]].add(r["node"])

    def in_view(self, node, t, s):
        """Is a row or edge with tags t at node in the view of sector s (None: all)?"""
        if s is None:
            return True
        return s in t if t else s in self.nsec.get(node, ())

    def foreign_tie(self, u, members, s):
        """Has u a tie, in the view of s, to a member of another country?"""
        cu = self.country.get(u)
        for v, t in self.adj.get(u, ()):
            if v in members and self.country.get(v) != cu:
                if s is None or (s in t if t else (s in self.nsec.get(u, ()) and s in self.nsec.get(v, ()))):
                    return True
        for g, t in self.memb.get(u, ()):
            if not self.in_view(u, t, s):
                continue
            for v, tv in self.group[g]:
                if v in members and self.country.get(v) != cu and self.in_view(v, tv, s):
                    return True
        return False


def main(argv):
    args, opts, i = [], {}, 0
    while i < len(argv):
        if argv[i].startswith("--") and i + 1 < len(argv):
            opts[argv[i]] = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    min_countries = int(opts.get("--min-countries", 3))
    max_share = float(opts.get("--max-share", 0.5))
    if len(args) < 2:
        sys.exit(__doc__)
    ds = Dataset(args[0])
    sector = {p["proposal"]: p["sector"].lower() for p in read_csv(os.path.join(args[1], "proposals.csv"))}
    props = collections.defaultdict(set)
    for m in read_csv(os.path.join(args[1], "members.csv")):
        props[m["proposal"]].add(m["id"])
    recovered = 0
    for members in ds.truth.values():
        best = max((len(members & p) / len(members | p) for p in props.values()), default=0)
        recovered += best >= 0.8
    few = share = domestic = bad = 0
    for pid, members in props.items():
        s = sector.get(pid)
        s = s if s in ds.sectors else None
        count = collections.Counter(ds.country.get(m) for m in members)
        f = len(count) < min_countries
        sh = max(count.values()) > max_share * len(members) + 1e-9
        dom = sum(not ds.foreign_tie(m, members, s) for m in members)
        few += f
        share += sh
        domestic += dom
        bad += f or sh or dom > 0
    print(f"planted={len(ds.truth)} recovered={recovered} proposals={len(props)} "
          f"few={few} share={share} domestic={domestic} bad={bad}")


if __name__ == "__main__":
    main(sys.argv[1:])
