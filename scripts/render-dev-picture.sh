#!/usr/bin/env bash
# Draws one actor's neighbourhood in the development corpus (../shared/corpus/dev) into Graphs/:
#   scripts/render-dev-picture.sh [ACTOR] [DEPTH]      (default: ISIS 1)
# writes Graphs/<actor>-neighbourhood.svg and .png from a throw-away store.
set -euo pipefail
cd "$(dirname "$0")/.."
actor="${1:-ISIS}"; depth="${2:-1}"
corpus="../shared/corpus/dev"
[ -d "$corpus" ] || { echo "no $corpus beside the project" >&2; exit 1; }
swift build -q
store="$(mktemp -d)/dev.sqlite"
trap 'rm -rf "$(dirname "$store")"' EXIT
.build/debug/actorgraph build "$corpus" --store "$store" --quiet
name="$(echo "$actor" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_\n' '-')"
for ext in svg png; do
    .build/debug/actorgraph render --store "$store" --ego "$actor" --depth "$depth" --output "Graphs/$name-neighbourhood.$ext"
    echo "Graphs/$name-neighbourhood.$ext"
done
