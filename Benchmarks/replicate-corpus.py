#!/usr/bin/env python3
"""Writes COPIES copies of a folder of .txt documents, each copy under new ids, as JSONL split into parts.

    Benchmarks/replicate-corpus.py SOURCE_DIR COPIES OUT_DIR PARTS...

OUT_DIR/all.jsonl holds every document; for each P in PARTS, OUT_DIR/P/part-K.jsonl (K < P) deal the same
documents round-robin, so P writers read disjoint parts of one corpus. A first line holding only a date
is the document's date, as `actorgraph build` reads a .txt file.
"""
import json, os, re, sys

source, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
parts = [int(p) for p in sys.argv[4:]]
docs = []
for name in sorted(os.listdir(source)):
    if not name.endswith(".txt"):
        continue
    text = open(os.path.join(source, name), encoding="utf-8").read()
    date = None
    first, _, rest = text.partition("\n")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", first.strip()):
        date, text = first.strip(), rest
    docs.append((name[:-4], text, date))
os.makedirs(out, exist_ok=True)
lines = []
for c in range(copies):
    for base, text, date in docs:
        doc = {"id": f"c{c:05d}-{base}", "text": text}
        if date:
            doc["date"] = date
        lines.append(json.dumps(doc, ensure_ascii=False))
with open(os.path.join(out, "all.jsonl"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
for p in parts:
    os.makedirs(os.path.join(out, str(p)), exist_ok=True)
    for k in range(p):
        with open(os.path.join(out, str(p), f"part-{k}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines[k::p]) + "\n")
print(f"{len(lines)} documents, {os.path.getsize(os.path.join(out, 'all.jsonl'))} bytes")
