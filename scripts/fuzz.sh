#!/usr/bin/env bash
# Fuzzes normalization, tokenization, linking and extraction with libFuzzer.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]     (default 600 seconds)
#
# Builds Fuzz/ (a package of its own over this one) with -sanitize=fuzzer,address, seeds the corpus
# from Corpus/sample and the construction suite, and runs for SECONDS. New inputs that grow coverage
# are kept in .build-fuzz/corpus; a crash leaves crash-* in .build-fuzz/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"; shift || true
root="$PWD"
work="$root/.build-fuzz"
mkdir -p "$work/corpus"
swift build --package-path Fuzz --scratch-path "$work/build" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
exe="$(swift build --package-path Fuzz --scratch-path "$work/build" -c release --show-bin-path)/ActorGraphFuzz"
# Seeds: our own texts, one file per sample document and per construction sentence.
if [ -z "$(ls -A "$work/corpus")" ]; then
    for f in Corpus/sample/*.txt; do cp "$f" "$work/corpus/sample-$(basename "$f")"; done
    n=0
    tail -n +2 Tests/RelationsTests/Fixtures/constructions.tsv | grep -v '^#' | cut -f3 | while IFS= read -r line; do
        n=$((n + 1)); printf '%s' "$line" > "$work/corpus/construction-$n.txt"
    done
fi
export ACTORGRAPH_ONTOLOGY="$root/Ontology"
cd "$work"
"$exe" -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 "$@" corpus
