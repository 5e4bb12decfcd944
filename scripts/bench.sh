#!/usr/bin/env bash
# Benchmarks on this machine, outside `swift test`.
#
#   scripts/bench.sh [DOCUMENTS[,DOCUMENTS…]] [EDGES]     (default 10000 documents, 1000000 edges)
#   e.g. scripts/bench.sh 10000,100000,1000000 1000000    (the issue's three corpus sizes)
#   A size ending in r (1000000r) is built from a corpus whose ids come in no order (make-corpus.py
#   --random-ids), as an archive's URLs or hashes do; the sizes without r keep their ids in order.
#
# Prints: for each corpus size, build throughput (MB/s and documents/s, whole process, into a fresh
# SQLite store) with its peak resident memory and CPU use; extraction alone on one core; GraphML
# export time and MB/s for a store of EDGES edges against NetworkX's write_graphml on the same graph,
# and for the store the largest build made (with its peak memory, allocated and mapped);
# query latency of `adversaries`/`allies` on that store (median and p99, whole process and
# in-process) and on the largest built store, for the actor with the most evidence; and the time to add one
# document to the largest built store and to the big store.
# Corpora are made by scripts/make-corpus.py (kept in .build-bench/ for the next run); work files
# go to .build-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-10000}"
edges="${2:-1000000}"
work="$PWD/.build-bench"
mkdir -p "$work"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
swift build -c release --product actorgraph 2>&1 | tail -1
# A benchmark build left from older sources can name files that no longer exist; start it afresh then.
swift build --package-path Benchmarks --scratch-path "$work/build" -c release 2>&1 | tail -1 \
    || { rm -rf "$work/build"; swift build --package-path Benchmarks --scratch-path "$work/build" -c release 2>&1 | tail -1; }
exe="$PWD/.build/release/actorgraph"
# The same release build with the Swift runtime and Foundation linked in (README, "Two commands on a fresh machine"): a
# process starts in about half the time, which is most of a query's.
swift build -c release --product actorgraph --static-swift-stdlib --scratch-path "$PWD/.build-static" 2>&1 | tail -1
static_exe="$PWD/.build-static/release/actorgraph"
bench="$(swift build --package-path Benchmarks --scratch-path "$work/build" -c release --show-bin-path)/actorgraph-bench"

largest=""
for size in ${sizes//,/ }; do
    docs="${size%r}"
    if [ "$docs" != "$size" ]; then
        corpus="$work/corpus-$docs-random-ids.jsonl"
        [ -s "$corpus" ] || python3 scripts/make-corpus.py "$docs" "$corpus" --random-ids
        made="scripts/make-corpus.py --random-ids"
    else
        corpus="$work/corpus-$docs.jsonl"
        [ -s "$corpus" ] || python3 scripts/make-corpus.py "$docs" "$corpus"
        made="scripts/make-corpus.py"
    fi
    mb=$(python3 -c "import os; print(os.path.getsize('$corpus') / 1e6)")
    echo "== build: $docs documents, $(printf '%.1f' "$mb") MB of JSONL ($made)"
    store="$work/build-$size.sqlite"
    rm -f "$store" "$store"-*
    /usr/bin/time -f "%e %M %P %U %S" -o "$work/time.txt" "$exe" build "$corpus" --store "$store" --quiet
    read -r secs rss cpu user sys < "$work/time.txt"
    python3 - "$secs" "$rss" "$cpu" "$user" "$sys" "$mb" "$docs" "$store" <<'PY'
import os, sys
secs, rss, cpu, user, sys_, mb, docs = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
size = sum(os.path.getsize(p) for p in (sys.argv[8], sys.argv[8] + "-wal") if os.path.exists(p))
print(f"build: {secs:.1f} s, {mb / secs:.2f} MB/s, {docs / secs:.0f} documents/s, peak RSS {rss / 1024:.0f} MiB, "
      f"CPU {cpu} ({mb / (user + sys_):.2f} MB per CPU-second), store {size / 1e6:.0f} MB")
PY
    # The export and one-document runs below use the largest build of ids in order (comparable run to run).
    if [ "$docs" = "$size" ] || [ -z "$largest" ]; then largest="$store"; fi
done
first="${sizes%%,*}"; first="${first%r}"
[ -s "$work/corpus-$first.jsonl" ] || python3 scripts/make-corpus.py "$first" "$work/corpus-$first.jsonl"
"$bench" extract Ontology "$work/corpus-$first.jsonl"

echo "== export: a synthetic store of $edges edges"
if [ ! -s "$work/big-$edges.sqlite" ]; then
    rm -f "$work"/big-"$edges".sqlite*
    "$bench" synthetic-store "$work/big-$edges.sqlite" "$edges"
fi
big="$work/big-$edges.sqlite"
# The builds' stores written back to disk first (a 7 GB store was still being written when this ran
# in one run: 150.3 MB/s and 18.8x NetworkX, 169.7 MB/s and 23.0x run alone just after).
sync
# Three runs, the median reported (each is listed): right after a large build the machine is busy
# writing that store back for a while, and one run alone then measured a third slower.
runs=""
for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$exe" export --store "$big" --output "$work/big.graphml"
    read -r one rss < "$work/time.txt"
    runs="$runs $one"
done
secs=$(python3 -c "import sys; print(sorted(map(float, sys.argv[1:]))[1])" $runs)
size=$(stat -c %s "$work/big.graphml")
python3 - "$secs" "$size" "$rss" "$runs" <<'PY'
import sys
secs, size, rss = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"actorgraph export: {size / 1e6:.0f} MB in {secs:.1f} s = {size / 1e6 / secs:.1f} MB/s, median of 3 runs "
      f"({', '.join(f'{float(r):.1f}' for r in sys.argv[4].split())} s; peak RSS {rss / 1024:.0f} MiB)")
PY
python3 - "$work/big.graphml" "$secs" <<'PY'
import sys, time, networkx as nx
path, ours = sys.argv[1], float(sys.argv[2])
g = nx.read_graphml(path, force_multigraph=True)
t = time.perf_counter()
nx.write_graphml(g, path + ".networkx")
nxsecs = time.perf_counter() - t
import os
size = os.path.getsize(path + ".networkx")
print(f"networkx write_graphml, same graph: {size / 1e6:.0f} MB in {nxsecs:.1f} s = {size / 1e6 / nxsecs:.1f} MB/s; "
      f"actorgraph is {nxsecs / ours:.1f}x faster")
os.remove(path + ".networkx")
PY

# The synthetic store holds edges and little else; a store built from documents also holds every
# node's mention rows (one per document naming it) and each edge's evidence rows, read by edge.
echo "== export: the store the largest build made ($(basename "$largest"))"
python3 - "$exe" "$largest" "$work/built.graphml" <<'PY'
import os, subprocess, sys, time
exe, store, out = sys.argv[1:4]
# Resident memory sampled from /proc: what the process allocated (anonymous) apart from the pages of
# the store it maps to read (file-backed, shared with the page cache, given back under pressure).
anon = mapped = 0
t = time.perf_counter()
p = subprocess.Popen([exe, "export", "--store", store, "--output", out])
while p.poll() is None:
    try:
        with open(f"/proc/{p.pid}/status") as status:
            for line in status:
                if line.startswith("RssAnon:"): anon = max(anon, int(line.split()[1]))
                elif line.startswith("RssFile:"): mapped = max(mapped, int(line.split()[1]))
    except (FileNotFoundError, ProcessLookupError):
        pass
    time.sleep(0.05)
secs = time.perf_counter() - t
if p.returncode != 0: sys.exit(f"export failed with {p.returncode}")
size = os.path.getsize(out)
print(f"actorgraph export: {size / 1e6:.0f} MB in {secs:.1f} s = {size / 1e6 / secs:.1f} MB/s; peak resident memory "
      f"{anon / 1024:.0f} MiB allocated, {mapped / 1024:.0f} MiB of the mapped store")
os.remove(out)
PY

echo "== queries on the $edges-edge store"
actor=$(sqlite3 "$big" "SELECT source FROM edges GROUP BY source ORDER BY count(*) DESC LIMIT 1")
python3 - "$exe" "$static_exe" "$big" "$actor" <<'PY'
import subprocess, sys, time
exes, store, actor = {"release build": sys.argv[1], "static release build": sys.argv[2]}, sys.argv[3], sys.argv[4]
# The two builds' runs interleaved, so that a change in the machine's speed touches both alike.
runs = {(b, c): [] for b in exes for c in ("--version", "adversaries", "allies")}
for i in range(60):
    for (build, command), times in runs.items():
        args = [exes[build], command] + ([] if command == "--version" else [actor, "--store", store, "--format", "json"])
        t = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
for (build, command), times in runs.items():
    times.sort()
    what = "process start alone (--version)" if command == "--version" else f"{command} {actor}"
    print(f"{build}: {what}, whole process: median {times[len(times) // 2] * 1000:.1f} ms, "
          f"p99 {times[min(len(times) - 1, len(times) * 99 // 100)] * 1000:.1f} ms over {len(times)} runs")
PY
"$bench" query "$big" "$actor" 1000

# The synthetic store gives each edge one evidence row; in a store built from documents the actor
# with the most evidence has hundreds of thousands of rows (a million at 1M documents): the same
# queries there.
echo "== queries on the store the largest build made ($(basename "$largest"))"
busiest=$(sqlite3 "$largest" "SELECT e.source FROM edges e JOIN evidence v ON v.edge_id = e.id GROUP BY e.source ORDER BY count(*) DESC LIMIT 1")
python3 - "$exe" "$largest" "$busiest" <<'PY'
import sqlite3, subprocess, sys, time
exe, store, actor = sys.argv[1:4]
db = sqlite3.connect(store)
for relations, command in (("'attacked'", "adversaries"), ("'allied-with'", "allies")):
    rows = db.execute(f"""SELECT count(*) FROM edges e JOIN evidence v ON v.edge_id = e.id
                          WHERE (e.source = ?1 OR e.target = ?1) AND e.relation IN ({relations})""", (actor,)).fetchone()[0]
    times = []
    for _ in range(11):
        t = time.perf_counter()
        subprocess.run([exe, command, actor, "--store", store, "--format", "json"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"{command} {actor} ({rows} evidence rows), whole process: median {times[5] * 1000:.0f} ms, "
          f"slowest {times[-1] * 1000:.0f} ms over 11 runs")
PY

printf '2018-05-05\nقصفت الطائرات الروسية مواقع تنظيم الدولة في ريف دير الزور الشرقي.\n' > "$work/one-new.txt"
: > "$work/empty.txt"
for store in "$largest" "$big"; do
    python3 - "$exe" "$store" "$work" <<'PY'
import statistics, subprocess, sqlite3, sys, time
exe, store, work = sys.argv[1:4]
def forget():
    """Takes the test document out again, with any edge only it gave, so the store is as it was."""
    db = sqlite3.connect(store)
    # Its evidence is the newest (a built store may lack the index by document: no scan of it all).
    newest = "id IN (SELECT id FROM evidence ORDER BY id DESC LIMIT 1000) AND doc_id = 'one-new'"
    gone = [r[0] for r in db.execute(f"SELECT DISTINCT edge_id FROM evidence WHERE {newest}")]
    db.execute(f"DELETE FROM evidence WHERE {newest}")
    for table, column in (("mentions", "doc_id"), ("documents", "id")):
        db.execute(f"DELETE FROM {table} WHERE {column} = 'one-new'")
    for edge in gone:
        db.execute("DELETE FROM edges WHERE id = ? AND NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = ?)", (edge, edge))
    db.commit(); db.close()
forget()
db = sqlite3.connect(store)
documents, edges = (db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "edges"))
db.close()
print(f"== incremental: one new document into {store.rsplit('/', 1)[-1]} ({documents} documents, {edges} edges)", flush=True)
# Process start, ontology load and store open: a build of an empty input (skipped) on the same store.
bases, ones = [], []
for _ in range(5):
    t = time.perf_counter(); subprocess.run([exe, "build", f"{work}/empty.txt", "--store", store, "--quiet"], stderr=subprocess.DEVNULL); bases.append(time.perf_counter() - t)
    forget()
    t = time.perf_counter(); subprocess.run([exe, "build", f"{work}/one-new.txt", "--store", store, "--quiet"], check=True); ones.append(time.perf_counter() - t)
forget()
base, one = statistics.median(bases), statistics.median(ones)
print(f"adding 1 document (median of 5): {one * 1000:.0f} ms whole process; start-up alone (empty input) {base * 1000:.0f} ms; "
      f"beyond start-up {(one - base) * 1000:.0f} ms")
PY
done
