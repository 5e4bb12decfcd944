#!/usr/bin/env python3
"""Writes a scale corpus made from the sample corpus we ship (our own texts), as JSONL.

    scripts/make-corpus.py N OUT.jsonl [--seed S] [--sentences MIN:MAX] [--random-ids]

Each document shuffles sentences drawn from different sample articles, substitutes the actors and
places they name with others of the same kind from the ontology (so the graph has many nodes and
edges, not 14 articles' worth), and gets a new id and a date between 2013 and 2018. Streams: memory
does not grow with N. 10k documents are about 20 MB (about a second to write); 1M about 2 GB.

Ids are `scale-SEED-NNNNNNN`, in order, unless --random-ids: then a hash of that (`doc-` and 20 hex
digits), so that documents come in no order of their ids, as an archive's URLs or hashes do.
"""
import argparse, hashlib, json, random, re, sys
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

def template(sentence, actor_re, place_re):
    """The sentence as (piece, kind) pairs: kind "a" an actor name, "p" a place name, "" literal text."""
    pieces = []
    at = 0
    for m in actor_re.finditer(sentence):
        pieces.extend(literal(sentence[at:m.start()], place_re))
        pieces.append((m.group(0), "a"))
        at = m.end()
    pieces.extend(literal(sentence[at:], place_re))
    return pieces

def literal(text, place_re):
    pieces = []
    at = 0
    for m in place_re.finditer(text):
        pieces.append((text[at:m.start()], ""))
        pieces.append((m.group(0), "p"))
        at = m.end()
    pieces.append((text[at:], ""))
    return pieces

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sentences", default="4:9")
    ap.add_argument("--random-ids", action="store_true", help="ids in no order (hashes)")
    args = ap.parse_args()
    lo, hi = map(int, args.sentences.split(":"))
    rng = random.Random(args.seed)
    sentences = sample_sentences()
    # Names that occur in the sample sentences, by kind, and the pools to draw substitutes from;
    # longest first, ties by name (a set's order changes with each process's string hashing, and
    # with it the corpus a seed gave: the same N and seed now always write the same corpus).
    kinds = {row[0]: row[1] for row in tsv("actors.tsv")}
    actor_names = sorted({row[1] for row in tsv("aliases.tsv") if row[2] in ("name", "abbrev", "variant")
                          and kinds.get(row[0]) in ("armed_group", "state", "alliance") and len(row[1]) > 3},
                         key=lambda name: (-len(name), name))
    place_names = sorted({row[1] for row in tsv("places.tsv") if len(row[1]) > 2}, key=lambda name: (-len(name), name))
    actor_re = re.compile("|".join(re.escape(a) for a in actor_names))
    place_re = re.compile("|".join(re.escape(p) for p in place_names))
    # Each sample sentence becomes a template once: literal pieces and the names in it, so a
    # document costs a few joins rather than two regex passes over 1,000-name alternations
    # (10k documents in seconds, 1M in minutes).
    templates = [template(s, actor_re, place_re) for s in sentences]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for i in range(args.n):
        k = rng.randint(lo, hi)
        # One consistent substitution per document, so a document still tells one story.
        amap, pmap = {}, {}
        parts = []
        for _ in range(k):
            for piece, kind in rng.choice(templates):
                if kind == "a":
                    piece = amap.setdefault(piece, rng.choice(actor_names))
                elif kind == "p":
                    piece = pmap.setdefault(piece, rng.choice(place_names))
                parts.append(piece)
            parts.append(" ")
        text = "".join(parts[:-1])
        date = f"{rng.randint(2013, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc_id = f"scale-{args.seed}-{i:07d}"
        if args.random_ids:
            doc_id = "doc-" + hashlib.sha1(doc_id.encode()).hexdigest()[:20]
        out.write(json.dumps({"id": doc_id, "date": date, "text": text}, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()

if __name__ == "__main__":
    main()
