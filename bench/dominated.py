#!/usr/bin/python3
"""Which proposals are one existing group (one project) over again?

usage: dominated.py DATASET PROPOSALS [--share 0.8] [--list]

A proposal is dominated by a group when that group holds at least --share of
the proposal's members AND supplies at least --share of the weight of the ties
among them. The weight is computed as metaclust's default projection does
(src/graph.c, `--projection count`, README "Projection of affiliations"): in
the proposal's sector view, every group shared by two members adds
min(w_i, w_j) to their tie (w: the affiliation's `weight`, default 1; a member
listed twice in a group keeps the larger weight), and a direct edge in the view
adds its weight. A group's rows are in the view of sector S when tagged S (the
row's `sector`, else the group's `sectors`) or untagged with the node listing
S. Groups with fewer than 2 members in the view make no ties.

Prints one line per sector: sector, proposals, dominated, share (%). --list
also prints each dominated proposal with its group. Standard library only.
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


def real(s, default=1.0):
    try:
        return float(s) if s not in (None, "") else default
    except ValueError:
        return default


def main(argv):
    args, opts, i = [], {}, 0
    while i < len(argv):
        if argv[i] == "--list":
            opts["--list"] = True
            i += 1
        elif argv[i].startswith("--") and i + 1 < len(argv):
            opts[argv[i]] = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 2:
        sys.exit(__doc__)
    share = float(opts.get("--share", 0.8))
    d, pdir = args
    nsec = {n["id"]: tags(n.get("sectors")) for n in read_csv(os.path.join(d, "nodes.csv"))}
    gsec = {g["id"]: tags(g.get("sectors")) for g in read_csv(os.path.join(d, "groups.csv"))}

    sector_of = {p["proposal"]: p["sector"] for p in read_csv(os.path.join(pdir, "proposals.csv"))}
    members = collections.defaultdict(list)
    for m in read_csv(os.path.join(pdir, "members.csv")):
        members[m["proposal"]].append(m["id"])
    wanted = {m for ms in members.values() for m in ms}

    def in_view(node, t, s):
        return s in t if t else s in nsec.get(node, ())

    # the rows of the proposals' members, and the view sizes of their groups
    rows = collections.defaultdict(list)  # node -> [(group, tags, weight)]
    groups = set()
    aff = read_csv(os.path.join(d, "affiliations.csv"))
    for a in aff:
        if a["node"] in wanted:
            t = tags(a.get("sector")) or gsec.get(a["group"], set())
            rows[a["node"]].append((a["group"], t, real(a.get("weight"))))
            groups.add(a["group"])
    sectors = {s.lower() for s in sector_of.values()}
    size = collections.defaultdict(set)  # (group, sector) -> members in the view
    for a in aff:
        if a["group"] in groups:
            t = tags(a.get("sector")) or gsec.get(a["group"], set())
            for s in sectors:
                if in_view(a["node"], t, s):
                    size[(a["group"], s)].add(a["node"])
    direct = collections.defaultdict(list)  # node -> [(other, tags, weight)]
    for e in read_csv(os.path.join(d, "edges.csv")):
        if e["source"] in wanted and e["target"] in wanted:
            t = tags(e.get("sector"))
            direct[e["source"]].append((e["target"], t, real(e.get("weight"))))

    per = collections.OrderedDict()
    listed = []
    for pid in sorted(members, key=lambda p: (sector_of.get(p, ""), p)):
        s = sector_of.get(pid, "").lower()
        ms = members[pid]
        mset = set(ms)
        # group -> {member: weight} among the proposal's members, in the view
        held = collections.defaultdict(dict)
        for m in ms:
            for g, t, w in rows.get(m, ()):
                if in_view(m, t, s) and len(size[(g, s)]) >= 2:
                    held[g][m] = max(w, held[g].get(m, 0))
        supply = {}
        for g, mw in held.items():
            ws = sorted(mw.values())
            # sum over pairs of min(w_i, w_j): the k-th smallest is the min of (n - 1 - k) pairs
            supply[g] = sum(w * (len(ws) - 1 - k) for k, w in enumerate(ws))
        total = sum(supply.values())
        for m in ms:
            for o, t, w in direct.get(m, ()):
                if o in mset and (s in t if t else (s in nsec.get(m, ()) and s in nsec.get(o, ()))):
                    total += w
        dom = None
        for g, mw in held.items():
            if len(mw) >= share * len(ms) and total > 0 and supply[g] >= share * total:
                dom = g
                break
        c = per.setdefault(sector_of.get(pid, ""), [0, 0])
        c[0] += 1
        c[1] += dom is not None
        if dom is not None:
            listed.append((pid, dom, len(held[dom]), len(ms), supply[dom] / total))
    for s, (n, k) in per.items():
        print(f"{s} {n} {k} {100.0 * k / n if n else 0:.1f}")
    if opts.get("--list"):
        for pid, g, k, n, f in listed:
            print(f"  {pid}: group {g} holds {k}/{n} members, {100 * f:.0f}% of the weight")


if __name__ == "__main__":
    main(sys.argv[1:])
