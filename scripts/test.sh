#!/usr/bin/env bash
# The test command: set up, build (the end-to-end tests run the built executable), run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build
swift test
