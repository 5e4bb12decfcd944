#!/usr/bin/env python3
"""Writes a scale corpus made from the sample corpus we ship (our own texts), as JSONL.

    scripts/make-corpus.py N OUT.jsonl [--seed S] [--sentences MIN:MAX]

Each document shuffles sentences drawn from different sample articles, substitutes the actors and
places they name with others of the same kind from the ontology (so the graph has many nodes and
edges, not 14 articles' worth), and gets a new id and a date between 2013 and 2018. Streams: memory
does not grow with N. 10k documents are about 15 MB; 1M about 1.5 GB.
"""
import argparse, json, random, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def sample_sentences():
    sentences = []
    for path in sorted((root / "Corpus/sample").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines and re.fullmatch(r"\d{4}-\d\d-\d\d", lines[0].strip()):
            lines = lines[1:]
        for line in lines:
            for s in re.split(r"(?<=[.!؟?])\s+", line.strip()):
                if len(s) > 25:
                    sentences.append(s)
    return sentences

def tsv(name):
    rows = []
    for line in (root / "Ontology" / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows[1:]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sentences", default="4:9")
    args = ap.parse_args()
    lo, hi = map(int, args.sentences.split(":"))
    rng = random.Random(args.seed)
    sentences = sample_sentences()
    # Names that occur in the sample sentences, by kind, and the pools to draw substitutes from.
    kinds = {row[0]: row[1] for row in tsv("actors.tsv")}
    actor_names = sorted({row[1] for row in tsv("aliases.tsv") if row[2] in ("name", "abbrev", "variant")
                          and kinds.get(row[0]) in ("armed_group", "state", "alliance") and len(row[1]) > 3},
                         key=len, reverse=True)
    place_names = sorted({row[1] for row in tsv("places.tsv") if len(row[1]) > 2}, key=len, reverse=True)
    actor_re = re.compile("|".join(re.escape(a) for a in actor_names))
    place_re = re.compile("|".join(re.escape(p) for p in place_names))
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for i in range(args.n):
        k = rng.randint(lo, hi)
        picked = [rng.choice(sentences) for _ in range(k)]
        text = " ".join(picked)
        # One consistent substitution per document, so a document still tells one story.
        amap, pmap = {}, {}
        text = actor_re.sub(lambda m: amap.setdefault(m.group(0), rng.choice(actor_names)), text)
        text = place_re.sub(lambda m: pmap.setdefault(m.group(0), rng.choice(place_names)), text)
        date = f"{rng.randint(2013, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.write(json.dumps({"id": f"scale-{args.seed}-{i:07d}", "date": date, "text": text}, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()

if __name__ == "__main__":
    main()
