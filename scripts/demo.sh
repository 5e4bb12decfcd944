#!/usr/bin/env bash
# The main job on a fresh machine: set up, build actorgraph, build the graph of the sample
# corpus that ships with the project, export it, and print an actor's allies and adversaries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release
bin=.build/release/actorgraph
store=Graphs/sample.sqlite
$bin build Corpus/sample --store "$store"
$bin export --store "$store" --output Graphs/sample.graphml
echo "GraphML written to Graphs/sample.graphml"
actor="${1:-قوات سوريا الديمقراطية}"
echo; $bin allies "$actor" --store "$store"
echo; $bin adversaries "$actor" --store "$store"
