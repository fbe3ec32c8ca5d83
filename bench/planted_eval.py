#!/usr/bin/python3
"""Planted meta-clusters vs proposals: usage planted_eval.py GENERATED_DIR PROPOSALS_DIR."""
import csv, sys, collections
d, p = sys.argv[1], sys.argv[2]
truth = collections.defaultdict(set)
for r in csv.DictReader(open(d + '/truth.csv')):
    if r['meta_cluster']: truth[r['meta_cluster']].add(r['node'])
props = collections.defaultdict(set)
countries = collections.defaultdict(collections.Counter)
for r in csv.DictReader(open(p + '/members.csv')):
    props[r['proposal']].add(r['id'])
    countries[r['proposal']][r['country']] += 1
# the default constraints of propose: 3-25 members, >= 3 countries, no country above half
bad = sum(1 for q, ms in props.items()
          if not (3 <= len(ms) <= 25 and len(countries[q]) >= 3
                  and max(countries[q].values()) <= 0.5 * len(ms)))
ok = 0; js = []
for t, ms in sorted(truth.items()):
    best = max((len(ms & q) / len(ms | q) for q in props.values()), default=0)
    js.append(best); ok += best >= 0.8
print(f"{d}: {ok}/{len(truth)} planted groups matched (Jaccard>=0.8), mean J {sum(js)/len(js):.3f}, proposals {len(props)}, breaking a constraint {bad}")
