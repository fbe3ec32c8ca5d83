#!/usr/bin/python3
"""Writes datasets/borders-50m.tsv: the country outlines of the `geo` base map.

Source: Natural Earth 1:50m Admin 0 countries (version 4.1.0, public domain,
https://www.naturalearthdata.com/), as redistributed in TopoJSON by the npm
package world-atlas 2.0.2 (countries-50m.json; ISC licence, Mike Bostock).

world-atlas keys countries by ISO 3166-1 numeric code; this script maps them to
alpha-2 through Debian's iso-codes list (/usr/share/iso-codes/json/iso_3166-1.json).
The five features without a numeric code get the codes in NO_ID below.

The shared borders (TopoJSON arcs) are simplified once, before the rings are put
together, so that two neighbours keep exactly the same border: Douglas-Peucker
with a tolerance of TOLERANCE degrees, then coordinates rounded to 0.01 degree.
Rings that shrink below 4 distinct points (small islands) are dropped. A ring
that crosses the antimeridian continues east of 180 degrees (longitudes up to
about 190) rather than jump back to -180.

One row per ring: code, polygon (0, 1, ... within the country), ring (0 the
outer ring, then its holes), and the points as "lon,lat" pairs in hundredths of
a degree: the first pair absolute, each following pair the difference to the
previous one (integers; "lon,lat" separated by spaces). Rows sorted by code.

Run:
  npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
  python3 datasets/borders.py package/countries-50m.json > datasets/borders-50m.tsv
(the committed TSV is what the build uses: src/borders_table.awk compiles it).
"""
import json
import sys

TOLERANCE = 0.04  # degrees, about 4 km: below a pixel on a map of Europe 1200 px wide

# Natural Earth units without an ISO numeric code in world-atlas.
NO_ID = {
    "Kosovo": "XK",           # as metaclust's country names (datasets/country-names.tsv)
    "N. Cyprus": "CY",        # drawn as part of Cyprus
    "Somaliland": "SO",       # drawn as part of Somalia
    "Indian Ocean Ter.": "CX",  # Australian Indian Ocean Territories
    "Siachen Glacier": "IN",  # drawn with India (the base map shows land, not claims)
}


def iso_numeric_to_alpha2():
    with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as f:
        table = json.load(f)["3166-1"]
    return {int(c["numeric"]): c["alpha_2"] for c in table}


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(pts, tol):
    """Douglas-Peucker, iterative; the ends stay."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, far = d, i
        if far >= 0 and best > tol:
            keep[far] = True
            stack.append((a, far))
            stack.append((far, b))
    return [p for p, k in zip(pts, keep) if k]


def ring_points(ring, arcs):
    out = []
    for idx in ring:
        pts = arcs[idx] if idx >= 0 else arcs[~idx][::-1]
        out.extend(pts if not out else pts[1:])
    q = []
    for x, y in out:
        p = (round(x * 100), round(y * 100))
        if not q or q[-1] != p:
            q.append(p)
    if len(q) > 1 and q[0] == q[-1]:
        q.pop()
    if any(abs(b[0] - a[0]) > 18000 for a, b in zip(q, q[1:])):
        # crosses the antimeridian (Chukotka, Fiji, Kiribati): made continuous
        # east of 180, or a projection would draw a line across the world
        q = [(x + 36000 if x < 0 else x, y) for x, y in q]
    return q


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: borders.py countries-50m.json > borders-50m.tsv")
    with open(sys.argv[1], encoding="utf-8") as f:
        topo = json.load(f)
    alpha2 = iso_numeric_to_alpha2()
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    rows = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        code = alpha2[int(geom["id"])] if "id" in geom else NO_ID[name]
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        for poly in polys:
            rings = [ring_points(r, arcs) for r in poly]
            if len(rings[0]) < 4:
                continue
            rows.append((code, [r for i, r in enumerate(rings) if i == 0 or len(r) >= 4]))
    rows.sort(key=lambda r: r[0])  # stable: a country's polygons keep their order
    print("code\tpolygon\tring\tpoints")
    polygon = {}
    for code, rings in rows:
        p = polygon.get(code, 0)
        polygon[code] = p + 1
        for i, r in enumerate(rings):
            cells = ["%d,%d" % r[0]]
            cells += ["%d,%d" % (b[0] - a[0], b[1] - a[1]) for a, b in zip(r, r[1:])]
            print("%s\t%d\t%d\t%s" % (code, p, i, " ".join(cells)))


if __name__ == "__main__":
    main()
