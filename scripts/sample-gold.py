#!/usr/bin/env python3
"""Turns Corpus/sample/EXPECTED.md into gold files that ../shared/eval/score.py reads, so the
sample corpus (our own texts, written apart from the extractor) is a second, held-apart measure.

Usage: scripts/sample-gold.py OUTDIR
then:  python3 ../shared/eval/score.py --cli .build/debug/actorgraph --corpus Corpus/sample --gold OUTDIR
Only edges are meaningful: every actor is listed as optional.
"""
import csv, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
ids_path = os.path.join(root, "..", "shared", "ontology", "canonical-ids.tsv")
if os.path.exists(ids_path):
    ids = {r["id"] for r in csv.DictReader(open(ids_path, encoding="utf-8"), delimiter="\t")}
else:
    ids = {l.split("\t")[0] for l in open(os.path.join(root, "Ontology", "actors.tsv"), encoding="utf-8") if l[:1].isupper()}
rows, doc, status = [], None, None
for line in open(os.path.join(root, "Corpus", "sample", "EXPECTED.md"), encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r"## (sample-\d+)\.txt", line)
    if m:
        doc, status = m.group(1), None
        continue
    if line.startswith("## "):
        doc = None
        continue
    head = line.strip()
    if head in ("Required", "Optional"):
        status = head.lower()
        continue
    if head.startswith("Not an edge"):
        status = None
        continue
    if doc and status and line.startswith("- "):
        body = re.sub(r"\(.*?\)", "", line[2:]).strip()
        for part in body.split(";"):
            p = part.strip().split()
            if len(p) >= 3 and p[0] in ids and p[1] in ("attacked", "allied-with", "controls"):
                obj = " ".join(p[2:]) if p[1] == "controls" else p[2]
                if p[1] != "controls" and obj not in ids:
                    continue
                rows.append((doc, p[0], p[1], obj, status, ""))
with open(os.path.join(out, "gold.tsv"), "w", encoding="utf-8") as f:
    f.write("doc\tsubject\trelation\tobject\tstatus\tevidence\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
docs = sorted({r[0] for r in rows})
with open(os.path.join(out, "actors.tsv"), "w", encoding="utf-8") as f:
    f.write("doc\tactor\tstatus\n")
    for d in docs:
        for a in sorted({r[1] for r in rows if r[0] == d} | {r[3] for r in rows if r[0] == d and r[2] != "controls"}):
            f.write(f"{d}\t{a}\toptional\n")
print(f"{len(rows)} gold edges ({sum(r[4] == 'required' for r in rows)} required) for {len(docs)} documents → {out}")
