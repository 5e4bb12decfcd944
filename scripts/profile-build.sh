#!/usr/bin/env bash
# The profile behind the speed work: instructions of a whole `actorgraph build`, by function.
#
#   scripts/profile-build.sh [DOCUMENTS]     (default 2000: about 4 MB of the scale corpus)
#
# Runs the release build under valgrind's callgrind (apt-get install valgrind) on a scale corpus made
# by scripts/make-corpus.py, into a fresh SQLite store, and prints the total instruction count and
# the functions that cost the most, inclusive of what they call. Instruction counts, unlike wall
# times on a shared machine, compare across runs: two builds of the same code differ by about 1%
# (which worker first meets a word changes how often a vocabulary interns one). The full profile
# stays in .build-bench/ for `callgrind_annotate`.
set -euo pipefail
cd "$(dirname "$0")/.."
docs="${1:-2000}"
work="$PWD/.build-bench"
mkdir -p "$work"
command -v valgrind >/dev/null || { echo "profile-build.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --product actorgraph 2>&1 | tail -1
corpus="$work/corpus-$docs.jsonl"
[ -s "$corpus" ] || python3 scripts/make-corpus.py "$docs" "$corpus"
store="$work/profile-$docs.sqlite"
out="$work/callgrind-build-$docs.out"
rm -f "$store" "$store"-*
valgrind --tool=callgrind --callgrind-out-file="$out" .build/release/actorgraph build "$corpus" --store "$store" \
    --quiet --ontology Ontology 2>&1 | grep -E "Collected" | sed 's/^==[0-9]*== //'
rm -f "$store" "$store"-*
echo "== inclusive, largest first (each function once; thread entry points and runtime frames left out)"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | swift demangle --simplified | python3 -c '
import re, sys
seen = set()
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*)$", line)
    if not m or "PROGRAM TOTALS" in line:
        continue
    name = re.sub(r" \[[^\]]*\]$", "", m.group(3))
    name = name.split(":", 1)[1] if ":" in name else name
    name = re.sub(r"^(partial apply for |thunk for |protocol witness for |specialized )+", "", name)
    if re.search(r"pthread|dispatch|clone|libc_start|below main|Entrypoint|^0x|_dl_|runFromCommandLine|thunk", name):
        continue
    if name in seen:
        continue
    seen.add(name)
    print(f"{m.group(1):>15} {float(m.group(2)):5.1f}%  {name[:110]}")
    if len(seen) >= 40:
        break
'
echo "full profile: $out (callgrind_annotate --inclusive=yes $out)"
