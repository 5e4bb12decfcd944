#!/usr/bin/env bash
# The store conformance suite against a real PostgreSQL 15 server, and four concurrent `build` processes
# checked against one SQLite build (with a writer killed mid-batch). Starts a throwaway server
# (scripts/postgres.sh: initdb in a temporary folder, 127.0.0.1 only) and stops it at the end.
# Builds with the PostgreSQL trait into .build-pg, beside the default build in .build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
eval "$(scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop' EXIT
echo "PostgreSQL test server: $ACTORGRAPH_TEST_POSTGRES_URL"
swift build --traits PostgreSQL --scratch-path .build-pg
ACTORGRAPH_BIN=.build-pg/debug/actorgraph swift test --traits PostgreSQL --scratch-path .build-pg --filter "GraphStoreTests|PostgresStoreCLITests"
Benchmarks/writers.sh --copies 20 --writers 4 --batch-size 20 --kill --exe .build-pg/debug/actorgraph
