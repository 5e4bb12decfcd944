#!/usr/bin/env python3
"""Runs the construction suite (Tests/RelationsTests/Fixtures/constructions.tsv) through
`actorgraph extract --format jsonl` and reports recall by construction, misses and forbidden edges.

Usage: scripts/construction-report.py [--cli .build/debug/actorgraph] [--verbose]
"""
import argparse, csv, json, os, re, subprocess, sys, tempfile
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
_DIA = re.compile("[\u064b-\u065f\u0670\u0640]")

# generic head words of place names: بلدة الهول is الهول (the Swift suite matches the same way)
HEADS = ["محافظه", "مدينه", "بلده", "قريه", "حي", "ناحيه", "منطقه", "قضاء", "مخيم", "معبر"]

def norm(s):
    s = _DIA.sub("", s)
    s = re.sub("[\u0622\u0623\u0625\u0671]", "\u0627", s).replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    return re.sub(r"\s+", " ", s).strip()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(root, ".build/debug/actorgraph"))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    rows = list(csv.DictReader(open(os.path.join(root, "Tests/RelationsTests/Fixtures/constructions.tsv"), encoding="utf-8"),
                               delimiter="\t", quoting=csv.QUOTE_NONE))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
        path = f.name
    out = subprocess.run([a.cli, "extract", path, "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
    os.unlink(path)
    got = defaultdict(set)     # id -> {(s, rel, o)}
    names = defaultdict(set)   # node id -> surface forms (for places)
    for line in out.splitlines():
        d = json.loads(line)
        for m in d["mentions"]:
            names[m["node"]].add(norm(m["surface"]))
        for r in d["relations"]:
            got[d["document"]].add((r["source"], r["relation"], r["target"]))
    # A gazetteer place is also known by its names in Ontology/places.tsv (its label in the GraphML export).
    for row in csv.DictReader((l for l in open(os.path.join(root, "Ontology/places.tsv"), encoding="utf-8") if not l.startswith("#")),
                              delimiter="\t", quoting=csv.QUOTE_NONE):
        names[row["id"]].add(norm(row["name_ar"]))
        for v in (row["variants"] or "-").split("|"):
            if v != "-": names[row["id"]].add(norm(v))
    def match(e, rels):
        s, rel, o = e.split(">")
        for (ps, pr, po) in rels:
            if pr != rel: continue
            ok_o = po == o or norm(o) in names.get(po, set()) or any(norm(o) == x or x in (h + " " + norm(o) for h in HEADS) for x in names.get(po, set()))
            if rel == "allied-with":
                if (ps == s and (po == o)) or (ps == o and po == s): return True
            elif ps == s and ok_o: return True
        return False
    total = found = 0
    by = defaultdict(lambda: [0, 0])
    forbidden = []
    misses = []
    for r in rows:
        rels = got[r["id"]]
        must = [x.strip() for x in r["must"].split(";") if x.strip()]
        mnot = [x.strip() for x in r["must_not"].split(";") if x.strip()]
        hit = [e for e in must if match(e, rels)]
        total += len(must); found += len(hit)
        by[r["construction"]][0] += len(hit); by[r["construction"]][1] += len(must)
        miss = [e for e in must if e not in hit]
        bad = [e for e in mnot if match(e, rels)]
        got_s = "; ".join(sorted(f"{x}>{y}>{z}" for x, y, z in rels))
        if miss: misses.append(f"{r['id']}: missed {miss} got [{got_s}]\n    {r['text']}")
        if bad: forbidden.append(f"{r['id']}: produced {bad}\n    {r['text']}")
    print(f"construction suite: {found}/{total} expected edges ({found/total:.2f}); forbidden edges in {len(forbidden)} cases")
    print(", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by.items())))
    if a.verbose:
        print("\n".join(forbidden)); print("\n".join(misses))

main()
