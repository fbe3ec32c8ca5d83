#!/usr/bin/python3
"""Hold out 10% of planted ties, then ask `metaclust match` for each affected cluster:
   holdout_eval.py GENERATED_DIR WORK_DIR METACLUST."""
import csv, sys, random, collections, subprocess, os, shutil
src, dst, mc = sys.argv[1], sys.argv[2], sys.argv[3]
random.seed(1)
truth = {}
for r in csv.DictReader(open(src + '/truth.csv')):
    truth[r['node']] = r['meta_cluster']
rows = list(csv.DictReader(open(src + '/edges.csv')))
internal = [i for i, r in enumerate(rows) if truth.get(r['source']) and truth.get(r['source']) == truth.get(r['target'])]
held = set(random.sample(internal, max(1, len(internal) // 10)))
os.makedirs(dst, exist_ok=True)
for f in ['nodes.csv', 'affiliations.csv', 'groups.csv', 'truth.csv']:
    shutil.copy(src + '/' + f, dst + '/' + f)
with open(dst + '/edges.csv', 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=rows[0].keys(), lineterminator='\n'); w.writeheader()
    for i, r in enumerate(rows):
        if i not in held: w.writerow(r)
hp = collections.defaultdict(set); sect = {}
for i in held:
    r = rows[i]; hp[r['source']].add(r['target']); hp[r['target']].add(r['source']); sect[r['source']] = sect[r['target']] = r['sector']
hit = tot = skipped = 0
for c, partners in sorted(hp.items()):
    out = subprocess.run([mc, 'match', dst, '--node', c, '--sector', sect[c], '--top', '10', '--format', 'csv', '--quiet'], capture_output=True, text=True)
    top = [r['id'] for r in csv.DictReader(out.stdout.splitlines())]
    # a held-out partner still linked through a shared partner is not a held-out tie
    allc = subprocess.run([mc, 'match', dst, '--node', c, '--sector', sect[c], '--top', '100000', '--format', 'csv', '--quiet'], capture_output=True, text=True)
    cand = {r['id'] for r in csv.DictReader(allc.stdout.splitlines())}
    live = partners & cand
    if not live: skipped += 1; continue
    tot += 1; hit += bool(live & set(top))
print(f"{src}: held out {len(held)} of {len(internal)} planted ties; {hit}/{tot} affected clusters have a held-out partner in their top 10 ({100*hit/max(tot,1):.0f}%); {skipped} skipped (still linked via a shared partner)")
