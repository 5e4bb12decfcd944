#!/usr/bin/env bash
# Kills `actorgraph build` with SIGKILL at random points, N times, checking the store after each
# kill; then completes the build and compares the graph with a clean build's.
#
#   scripts/kill-loop.sh [N] [CORPUS]       (default 100 kills of a build of Corpus/sample)
#
# Uses the release build (swift build -c release). Prints one line per kill and a summary; exits 1
# when a check fails or the final graph differs.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100}"
corpus="${2:-Corpus/sample}"
exe=".build/release/actorgraph"
[ -x "$exe" ] || swift build -c release
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$exe" build "$corpus" --store "$work/clean.sqlite" --quiet
"$exe" export --store "$work/clean.sqlite" --output "$work/clean.graphml"
# How long a whole build takes, to spread the kills over it.
start=$(date +%s%N)
"$exe" build "$corpus" --store "$work/timing.sqlite" --quiet --batch-size 1
span_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a build of $corpus takes ${span_ms} ms; killing at random points in it, $n times"
kills=0; finished=0; failures=0; same=0; different=0; early=0
for i in $(seq 1 "$n"); do
    "$exe" build "$corpus" --store "$work/killed.sqlite" --quiet --batch-size 1 &
    pid=$!
    delay_ms=$(( RANDOM % (span_ms + 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); else finished=$((finished + 1)); fi
    wait "$pid" 2>/dev/null || true
    if [ ! -e "$work/killed.sqlite" ]; then
        early=$((early + 1))   # killed before it created the store: nothing to check
    elif ! "$exe" check --store "$work/killed.sqlite" > /dev/null; then
        failures=$((failures + 1)); echo "kill $i at ${delay_ms} ms: check FAILED"
    fi
    # Every 10 kills: complete the build, compare its graph with the clean build's, start afresh.
    if (( i % 10 == 0 || i == n )); then
        "$exe" build "$corpus" --store "$work/killed.sqlite" --quiet
        "$exe" check --store "$work/killed.sqlite" > /dev/null || failures=$((failures + 1))
        "$exe" export --store "$work/killed.sqlite" --output "$work/killed.graphml"
        if cmp -s "$work/clean.graphml" "$work/killed.graphml"; then same=$((same + 1))
        else different=$((different + 1)); failures=$((failures + 1)); echo "after kill $i: the completed graph DIFFERS"; fi
        rm -f "$work"/killed.sqlite*
    fi
done
echo "kills: $kills (and $finished builds that finished before their kill); $early kills came before the store existed;"
echo "failed checks: $failures"
echo "completed graphs equal to a clean build's: $same of $((same + different))"
[ "$failures" -eq 0 ]
